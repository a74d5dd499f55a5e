import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { HumanDuration, JsonObject, JsonValue } from '@backstage/types';
import { CronTime } from 'cron';
import { durationMs } from './duration';
import { DEFAULT_REFRESH_SCHEDULE } from './RefreshService';

const SCHEDULE_KEY = 'mlMaturity.schedule';

const SCHEDULE_KEYS = ['frequency', 'timeout', 'initialDelay', 'scope'];

/**
 * `mlMaturity.schedule`, each key absent taking its default (every 30
 * minutes, timeout 10 minutes, first run 15 seconds after startup). The
 * task is always global: its results are shared through the database, so
 * one instance refreshes at a time.
 */
function readSchedule(
  config: Config | undefined,
): SchedulerServiceTaskScheduleDefinition {
  if (!config) {
    return DEFAULT_REFRESH_SCHEDULE;
  }
  const scope = config.getOptionalString('scope');
  if (scope !== undefined && scope !== 'global') {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.scope: the ML maturity refresh always runs as a global task (one instance at a time), got "${scope}"; remove the key`,
    );
  }
  checkKnownKeys(config, SCHEDULE_KEY, SCHEDULE_KEYS);
  const frequency = config.getOptional('frequency');
  checkFrequencyForm(config, frequency);
  // Backstage's reader takes any other trigger for a duration and says
  // only which duration units it knows.
  const trigger =
    typeof frequency === 'object' && frequency !== null
      ? (frequency as JsonObject).trigger
      : undefined;
  if (trigger !== undefined && trigger !== 'manual') {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.frequency.trigger: ${JSON.stringify(
        trigger,
      )} is not a trigger; the only one is "manual"`,
    );
  }
  // Key by key: a ConfigReader fallback would merge `{ cron }` into the
  // default `{ minutes: 30 }`.
  const withDefaults = new ConfigReader(
    {
      ...(DEFAULT_REFRESH_SCHEDULE as unknown as JsonObject),
      ...config.get<JsonObject>(),
    },
    SCHEDULE_KEY,
  );
  let schedule: SchedulerServiceTaskScheduleDefinition;
  try {
    schedule =
      readSchedulerServiceTaskScheduleDefinitionFromConfig(withDefaults);
  } catch (error) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}: ${(error as Error).message}`,
    );
  }
  checkSchedule(schedule);
  return schedule;
}

/** The units of a duration object (Backstage's HumanDuration). */
const DURATION_UNITS = [
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
];

/**
 * One form of frequency per schedule. Backstage's reader takes the first
 * form it finds and says nothing of the rest: an object with a `cron` is
 * kept whole (the scheduler runs the cron; `{ cron, minutes }` ignored the
 * minutes, and `{ cron, trigger: manual }` ran on the cron), and one with
 * `trigger: manual` is reduced to it (`{ trigger: manual, minutes: 30 }`
 * never ran on its own). A duration object's unknown keys it refuses itself.
 */
function checkFrequencyForm(config: Config, frequency: JsonValue | undefined) {
  if (
    typeof frequency !== 'object' ||
    frequency === null ||
    Array.isArray(frequency)
  ) {
    return;
  }
  const keys = Object.keys(frequency);
  const forms = keys.filter(key => key === 'cron' || key === 'trigger');
  const units = keys.filter(key => DURATION_UNITS.includes(key));
  if (forms.length + (units.length > 0 ? 1 : 0) > 1) {
    const given = [...forms, ...(units.length > 0 ? [units.join(', ')] : [])];
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.frequency: gives ${given.join(
        ' and ',
      )}, two forms of frequency; give one: a duration (e.g. { minutes: 30 } or PT30M), { cron: "*/30 * * * *" } or { trigger: manual }${
        forms.includes('trigger')
          ? ' (a manual trigger refreshes only when asked, so it takes no duration or cron)'
          : ''
      }. Backstage merges the objects of all config files: to replace one form given in another file, set the keys of that form to null (e.g. { cron: "0 * * * *", minutes: null })`,
    );
  }
  if (forms.length === 0) return;
  checkKnownKeys(
    config.getConfig('frequency'),
    `${SCHEDULE_KEY}.frequency`,
    forms,
  );
  const { cron } = frequency;
  // an empty cron was read as a duration object with an unknown key
  if (forms[0] === 'cron' && (typeof cron !== 'string' || cron === '')) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.frequency.cron: must be a cron expression such as "*/30 * * * *", got ${JSON.stringify(
        cron,
      )}`,
    );
  }
}

/**
 * Why the scheduler's cron library (`cron`, which Backstage's scheduler
 * reads `frequency.cron` with) refuses an expression, or undefined when it
 * takes it: the same parser, so the same ranges, names and macros; and
 * the same search for the next run (`sendAt`), which finds none for a
 * date that never comes, such as the 30th of February.
 */
function cronProblem(expression: string): string | undefined {
  let cronTime: CronTime;
  try {
    cronTime = new CronTime(expression);
  } catch (error) {
    return `is not a cron expression the scheduler can read (${
      (error as Error)?.message ?? String(error)
    }); write 5 or 6 fields (e.g. "*/30 * * * *") or a macro such as "@hourly"`;
  }
  try {
    cronTime.sendAt();
    return undefined;
  } catch {
    // the library's message is several lines of debugging details
    return 'never runs: the scheduler finds no date it matches (is the day of the month in the month?)';
  }
}

/**
 * The longest wait a schedule may ask of a timer. A Node.js timer keeps at
 * most 2^31 - 1 ms (about 24.8 days); a longer one fires after 1 ms. The
 * scheduler aborts a run with such a timer at its `timeout`, and the
 * refresh after startup waits `initialDelay` (plus 2 seconds) with one.
 * (The frequency is no timer: the scheduler stores the next run's time.)
 */
const MAX_TIMER_DAYS = 24;
const MAX_TIMER_MS = MAX_TIMER_DAYS * 24 * 60 * 60 * 1000;

/**
 * What Backstage's reader lets through but the scheduler then refuses at
 * startup without naming the key (a malformed cron), or that makes every
 * refresh fail (a timeout of zero).
 */
function checkSchedule(schedule: SchedulerServiceTaskScheduleDefinition) {
  const { frequency, timeout, initialDelay } = schedule;
  const problem = 'cron' in frequency ? cronProblem(frequency.cron) : undefined;
  if ('cron' in frequency && problem) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.frequency.cron: "${frequency.cron}" ${problem}`,
    );
  }

  if (isHumanDuration(frequency) && durationMs(frequency) <= 0) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.frequency: must be longer than zero`,
    );
  }
  if (durationMs(timeout) <= 0) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.timeout: must be longer than zero (a refresh reads the whole catalog; the default is 10 minutes)`,
    );
  }
  if (durationMs(timeout) > MAX_TIMER_MS) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.timeout: must be at most ${MAX_TIMER_DAYS} days: the scheduler times a run with a Node.js timer, which cannot wait longer, so a longer timeout stops every refresh as soon as it starts`,
    );
  }
  if (initialDelay && durationMs(initialDelay) < 0) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.initialDelay: must not be negative`,
    );
  }
  if (initialDelay && durationMs(initialDelay) > MAX_TIMER_MS) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.initialDelay: must be at most ${MAX_TIMER_DAYS} days: the refresh after startup waits for it with a Node.js timer, which cannot wait longer, so a longer delay refreshes at once`,
    );
  }
}

function isHumanDuration(value: object): value is HumanDuration {
  return !('cron' in value) && !('trigger' in value);
}

/** The backend's settings, read once at startup. @internal */
export interface BackendSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Portal attestations expire after this many days (default 365). */
  validForDays: number;
  /** History points older than this many days are purged (default 400). */
  retentionDays: number;
}

/** A hundred years: longer spans overflow the dates computed from them. */
const MAX_DAYS = 36500;

function positiveInteger(
  config: RootConfigService,
  key: string,
  fallback: number,
): number {
  const problem = `Invalid config at ${key}: must be a whole number of days from 1 to ${MAX_DAYS}`;
  let value: number;
  try {
    value = config.getOptionalNumber(key) ?? fallback;
  } catch {
    // Backstage's own message names the key but not what it takes
    throw new Error(`${problem}, got ${JSON.stringify(config.get(key))}`);
  }
  if (!Number.isInteger(value) || value < 1 || value > MAX_DAYS) {
    throw new Error(problem);
  }
  return value;
}

/**
 * Refuses a key the section does not have (a typo such as `frequncy` would
 * otherwise leave the default in force without a word).
 */
function checkKnownKeys(
  config: Config | undefined,
  path: string,
  known: ReadonlyArray<string>,
) {
  for (const key of config?.keys() ?? []) {
    if (!known.includes(key)) {
      throw new Error(
        `Invalid config at ${path}.${key}: unknown key; allowed: ${known.join(
          ', ',
        )}`,
      );
    }
  }
}

/** @internal */
export function readBackendSettings(
  config: RootConfigService,
): BackendSettings {
  checkKnownKeys(
    config.getOptionalConfig('mlMaturity.attestations'),
    'mlMaturity.attestations',
    ['validForDays'],
  );
  checkKnownKeys(
    config.getOptionalConfig('mlMaturity.history'),
    'mlMaturity.history',
    ['retentionDays'],
  );
  const scheduleConfig = config.getOptionalConfig('mlMaturity.schedule');
  return {
    schedule: readSchedule(scheduleConfig),
    validForDays: positiveInteger(
      config,
      'mlMaturity.attestations.validForDays',
      365,
    ),
    retentionDays: positiveInteger(
      config,
      'mlMaturity.history.retentionDays',
      400,
    ),
  };
}
