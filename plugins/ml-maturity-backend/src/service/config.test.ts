import { ConfigReader } from '@backstage/config';
import { readBackendSettings } from './config';
import { DEFAULT_REFRESH_SCHEDULE } from './RefreshService';

const settings = (mlMaturity?: object) =>
  readBackendSettings(new ConfigReader(mlMaturity ? { mlMaturity } : {}));

describe('readBackendSettings', () => {
  it('uses the defaults without config', () => {
    expect(settings()).toEqual({
      schedule: DEFAULT_REFRESH_SCHEDULE,
      validForDays: 365,
      retentionDays: 400,
    });
  });

  it('keeps the default of every schedule key not given', () => {
    expect(settings({ schedule: { frequency: { minutes: 5 } } })).toMatchObject(
      {
        schedule: {
          frequency: { minutes: 5 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 15 },
        },
      },
    );
    expect(settings({ schedule: { timeout: 'PT20M' } }).schedule).toMatchObject(
      {
        frequency: { minutes: 30 },
        timeout: { minutes: 20 },
        initialDelay: { seconds: 15 },
      },
    );
  });

  it('reads every form of frequency Backstage accepts', () => {
    const frequency = (value: unknown) =>
      settings({ schedule: { frequency: value } }).schedule.frequency;
    expect(frequency('PT5M')).toEqual({ minutes: 5 });
    expect(frequency('5 minutes')).toEqual({ minutes: 5 });
    expect(frequency({ trigger: 'manual' })).toEqual({ trigger: 'manual' });
    expect(frequency({ cron: '*/5 * * * *' })).toEqual({
      cron: '*/5 * * * *',
    });
  });

  it('takes every schedule key given', () => {
    expect(
      settings({
        schedule: {
          frequency: { cron: '0 * * * *' },
          timeout: { minutes: 3 },
          initialDelay: { minutes: 1 },
          scope: 'global',
        },
      }).schedule,
    ).toEqual({
      frequency: { cron: '0 * * * *' },
      timeout: { minutes: 3 },
      initialDelay: { minutes: 1 },
      scope: 'global',
    });
  });

  it('refuses a local scope and bad durations, naming the key', () => {
    expect(() => settings({ schedule: { scope: 'local' } })).toThrow(
      /mlMaturity\.schedule\.scope: .*global task.*"local"/,
    );
    expect(() => settings({ schedule: { timeout: 'soon' } })).toThrow(
      /^Invalid config at mlMaturity\.schedule: Invalid duration 'soon' in config at 'timeout'/,
    );
    expect(() => settings({ schedule: { timeout: true } })).toThrow(
      /^Invalid config at mlMaturity\.schedule: .*'timeout' in 'mlMaturity\.schedule'/,
    );
  });

  it('refuses what the scheduler would refuse later or fail on every run', () => {
    expect(() =>
      settings({ schedule: { frequency: { cron: 'not a cron' } } }),
    ).toThrow(
      /^Invalid config at mlMaturity\.schedule\.frequency\.cron: "not a cron" is not a cron expression/,
    );
    expect(() => settings({ schedule: { timeout: { seconds: 0 } } })).toThrow(
      /^Invalid config at mlMaturity\.schedule\.timeout: must be longer than zero/,
    );
    expect(() => settings({ schedule: { timeout: 'PT0S' } })).toThrow(
      /mlMaturity\.schedule\.timeout/,
    );
    // the scheduler's timer fires at once past 2^31 - 1 ms: every refresh
    // was stopped as it started, "ran longer than ... timeout"
    for (const timeout of [{ days: 25 }, { weeks: 4 }, 'P30D']) {
      expect(() => settings({ schedule: { timeout } })).toThrow(
        /^Invalid config at mlMaturity\.schedule\.timeout: must be at most 24 days/,
      );
    }
    expect(
      settings({ schedule: { timeout: { days: 24 } } }).schedule.timeout,
    ).toEqual({ days: 24 });
    expect(() => settings({ schedule: { frequency: { minutes: 0 } } })).toThrow(
      /^Invalid config at mlMaturity\.schedule\.frequency: must be longer than zero/,
    );
    expect(() =>
      settings({ schedule: { initialDelay: { seconds: -5 } } }),
    ).toThrow(/mlMaturity\.schedule\.initialDelay: must not be negative/);
    // what Backstage's own examples use still reads
    expect(
      settings({ schedule: { frequency: { cron: '0 */2 * * 1-5' } } }).schedule
        .frequency,
    ).toEqual({ cron: '0 */2 * * 1-5' });
    // the cron library's macros, as it reads them
    for (const cron of ['@hourly', '@DAILY', '@weekdays']) {
      expect(
        settings({ schedule: { frequency: { cron } } }).schedule.frequency,
      ).toEqual({ cron });
    }
    for (const cron of ['@annually', '@midnight', ' @hourly']) {
      expect(() => settings({ schedule: { frequency: { cron } } })).toThrow(
        /mlMaturity\.schedule\.frequency\.cron/,
      );
    }
  });

  it('refuses an initialDelay the startup refresh cannot wait for', () => {
    // the refresh after startup waits initialDelay (plus 2 s) on a Node.js
    // timer: past 2^31 - 1 ms it fired after 1 ms, at once on startup
    for (const initialDelay of [
      { days: 25 },
      { weeks: 4 },
      'P30D',
      '30 days',
      { days: 24, milliseconds: 1 },
    ]) {
      expect(() => settings({ schedule: { initialDelay } })).toThrow(
        'Invalid config at mlMaturity.schedule.initialDelay: must be at most 24 days: the refresh after startup waits for it with a Node.js timer, which cannot wait longer, so a longer delay refreshes at once',
      );
    }
    expect(
      settings({ schedule: { initialDelay: { days: 24 } } }).schedule
        .initialDelay,
    ).toEqual({ days: 24 });
    // the same bound for the timeout, 24 days as documented (it let 24.8 in)
    expect(() =>
      settings({ schedule: { timeout: { days: 24, hours: 12 } } }),
    ).toThrow(
      /^Invalid config at mlMaturity\.schedule\.timeout: must be at most 24 days/,
    );
  });

  it('refuses a frequency that gives several forms at once, naming them', () => {
    // Backstage's reader kept { cron, minutes } whole (the scheduler ran the
    // cron, the minutes were ignored), reduced { trigger: manual, minutes }
    // to the trigger, and let a cron win over trigger: manual
    expect(() =>
      settings({ schedule: { frequency: { minutes: 5, cron: '0 * * * *' } } }),
    ).toThrow(
      'Invalid config at mlMaturity.schedule.frequency: gives cron and minutes, two forms of frequency; give one: a duration (e.g. { minutes: 30 } or PT30M), { cron: "*/30 * * * *" } or { trigger: manual }',
    );
    expect(() =>
      settings({
        schedule: {
          frequency: { cron: '0 * * * *', hours: 1, seconds: 30 },
        },
      }),
    ).toThrow(
      /^Invalid config at mlMaturity\.schedule\.frequency: gives cron and hours, seconds, two forms of frequency/,
    );
    expect(() =>
      settings({ schedule: { frequency: { trigger: 'manual', minutes: 30 } } }),
    ).toThrow(
      'Invalid config at mlMaturity.schedule.frequency: gives trigger and minutes, two forms of frequency; give one: a duration (e.g. { minutes: 30 } or PT30M), { cron: "*/30 * * * *" } or { trigger: manual } (a manual trigger refreshes only when asked, so it takes no duration or cron)',
    );
    expect(() =>
      settings({
        schedule: { frequency: { trigger: 'manual', cron: '0 * * * *' } },
      }),
    ).toThrow(
      /^Invalid config at mlMaturity\.schedule\.frequency: gives trigger and cron, two forms of frequency.*\(a manual trigger refreshes only when asked/,
    );
    // a key of no form beside cron or trigger was dropped without a word
    expect(() =>
      settings({ schedule: { frequency: { cron: '0 * * * *', tz: 'UTC' } } }),
    ).toThrow(
      'Invalid config at mlMaturity.schedule.frequency.tz: unknown key; allowed: cron',
    );
    expect(() =>
      settings({ schedule: { frequency: { trigger: 'manual', every: 5 } } }),
    ).toThrow(
      'Invalid config at mlMaturity.schedule.frequency.every: unknown key; allowed: trigger',
    );
    // an empty cron was read as a duration with an unknown property
    expect(() => settings({ schedule: { frequency: { cron: '' } } })).toThrow(
      'Invalid config at mlMaturity.schedule.frequency.cron: must be a cron expression such as "*/30 * * * *", got ""',
    );
    // several units of one duration are one form
    expect(
      settings({ schedule: { frequency: { hours: 1, minutes: 30 } } }).schedule
        .frequency,
    ).toEqual({ hours: 1, minutes: 30 });
  });

  it('refuses cron values out of range and unknown triggers, naming the key', () => {
    // five fields, but no minute 99: the scheduler refused it at startup
    // with "Invalid duration, expecting ISO Period", naming no key
    expect(() =>
      settings({ schedule: { frequency: { cron: '99 99 * * *' } } }),
    ).toThrow(
      /^Invalid config at mlMaturity\.schedule\.frequency\.cron: "99 99 \* \* \*" is not a cron expression the scheduler can read \(Field value \(99\) is out of range\)/,
    );
    expect(() =>
      settings({ schedule: { frequency: { cron: '0 0 ? * *' } } }),
    ).toThrow(/frequency\.cron/);
    expect(
      settings({ schedule: { frequency: { cron: '0 9 * * MON-FRI' } } })
        .schedule.frequency,
    ).toEqual({ cron: '0 9 * * MON-FRI' });
    // read, but no date matches: the scheduler found no next run at startup
    for (const cron of ['0 0 30 2 *', '0 0 31 4 *', '0 0 31 2,4 *']) {
      expect(() => settings({ schedule: { frequency: { cron } } })).toThrow(
        `Invalid config at mlMaturity.schedule.frequency.cron: "${cron}" never runs: the scheduler finds no date it matches (is the day of the month in the month?)`,
      );
    }
    // a date that comes only some years still runs
    expect(
      settings({ schedule: { frequency: { cron: '0 0 29 2 *' } } }).schedule
        .frequency,
    ).toEqual({ cron: '0 0 29 2 *' });
    expect(() =>
      settings({ schedule: { frequency: { trigger: 'manaul' } } }),
    ).toThrow(
      'Invalid config at mlMaturity.schedule.frequency.trigger: "manaul" is not a trigger; the only one is "manual"',
    );
  });

  it('refuses unknown keys in its sections instead of keeping the defaults', () => {
    expect(() => settings({ schedule: { frequncy: { minutes: 1 } } })).toThrow(
      'Invalid config at mlMaturity.schedule.frequncy: unknown key; allowed: frequency, timeout, initialDelay, scope',
    );
    expect(() => settings({ attestations: { validForDay: 5 } })).toThrow(
      'Invalid config at mlMaturity.attestations.validForDay: unknown key; allowed: validForDays',
    );
    expect(() => settings({ history: { retention: 5 } })).toThrow(
      'Invalid config at mlMaturity.history.retention: unknown key; allowed: retentionDays',
    );
  });

  it('refuses days that are not positive integers', () => {
    expect(() => settings({ attestations: { validForDays: 0 } })).toThrow(
      'Invalid config at mlMaturity.attestations.validForDays: must be a whole number of days from 1 to 36500',
    );
    // so large that the expiry and purge dates are no valid dates
    expect(() =>
      settings({ attestations: { validForDays: 1000000000 } }),
    ).toThrow(/mlMaturity\.attestations\.validForDays/);
    expect(() => settings({ history: { retentionDays: 1000000000 } })).toThrow(
      /mlMaturity\.history\.retentionDays/,
    );
    expect(() => settings({ history: { retentionDays: 1.5 } })).toThrow(
      /mlMaturity\.history\.retentionDays/,
    );
  });

  it('says what days take when the value is no number at all', () => {
    // Backstage's reader said only that it could not convert the value
    expect(() =>
      settings({ attestations: { validForDays: 'a year' } }),
    ).toThrow(
      'Invalid config at mlMaturity.attestations.validForDays: must be a whole number of days from 1 to 36500, got "a year"',
    );
    expect(() => settings({ history: { retentionDays: true } })).toThrow(
      'Invalid config at mlMaturity.history.retentionDays: must be a whole number of days from 1 to 36500, got true',
    );
    // a string of digits (an environment variable) is a number, as in Backstage
    expect(
      settings({ attestations: { validForDays: '30' } }).validForDays,
    ).toBe(30);
  });

  it('explains two forms of frequency that come from two config files', () => {
    const layered = (later: object) =>
      readBackendSettings(
        ConfigReader.fromConfigs([
          {
            context: 'app-config.yaml',
            data: { mlMaturity: { schedule: { frequency: { minutes: 30 } } } },
          },
          {
            context: 'app-config.production.yaml',
            data: { mlMaturity: { schedule: { frequency: later } } },
          },
        ]),
      );
    // Backstage merges the two objects into { cron, minutes }
    expect(() => layered({ cron: '0 * * * *' })).toThrow(
      /gives cron and minutes, two forms of frequency.*Backstage merges the objects of all config files: to replace one form given in another file, set the keys of that form to null \(e\.g\. \{ cron: "0 \* \* \* \*", minutes: null \}\)/,
    );
    // and the remedy the message gives works
    expect(
      layered({ cron: '0 * * * *', minutes: null }).schedule.frequency,
    ).toEqual({ cron: '0 * * * *' });
  });
});
