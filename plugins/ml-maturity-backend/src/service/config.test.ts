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

  it('refuses days that are not positive integers', () => {
    expect(() => settings({ attestations: { validForDays: 0 } })).toThrow(
      'Invalid config at mlMaturity.attestations.validForDays: must be a positive integer',
    );
    expect(() => settings({ history: { retentionDays: 1.5 } })).toThrow(
      /mlMaturity\.history\.retentionDays/,
    );
  });
});
