import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import {
  durationToMilliseconds,
  HumanDuration,
  JsonObject,
} from '@backstage/types';
import { Duration } from 'luxon';
import { DEFAULT_REFRESH_SCHEDULE } from './RefreshService';

const SCHEDULE_KEY = 'mlMaturity.schedule';

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

/** Five or six fields of the characters cron expressions use. */
const CRON_FIELDS = /^[\d*/,\-?A-Za-z#]+(\s+[\d*/,\-?A-Za-z#]+){4,5}$/;
/**
 * The macros of the scheduler's cron library (`cron` 3.x: its PRESETS),
 * which it matches case-insensitively and untrimmed.
 */
const CRON_MACRO =
  /^@(?:yearly|monthly|weekly|daily|hourly|minutely|secondly|weekdays|weekends)$/i;

/**
 * What Backstage's reader lets through but the scheduler then refuses at
 * startup without naming the key (a malformed cron), or that makes every
 * refresh fail (a timeout of zero).
 */
function checkSchedule(schedule: SchedulerServiceTaskScheduleDefinition) {
  const { frequency, timeout, initialDelay } = schedule;
  if (
    'cron' in frequency &&
    !CRON_MACRO.test(frequency.cron) &&
    !CRON_FIELDS.test(frequency.cron.trim())
  ) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.frequency.cron: "${frequency.cron}" is not a cron expression of 5 or 6 fields (e.g. "*/30 * * * *") or a macro such as "@hourly"`,
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
  if (initialDelay && durationMs(initialDelay) < 0) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}.initialDelay: must not be negative`,
    );
  }
}

type ScheduleDuration = SchedulerServiceTaskScheduleDefinition['timeout'];

function isHumanDuration(value: object): value is HumanDuration {
  return !('cron' in value) && !('trigger' in value);
}

/** A duration in milliseconds: an ISO string or a { minutes, ... } object. */
function durationMs(duration: ScheduleDuration): number {
  return typeof duration === 'string'
    ? Duration.fromISO(duration).toMillis()
    : durationToMilliseconds(duration);
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
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_DAYS) {
    throw new Error(
      `Invalid config at ${key}: must be a whole number of days from 1 to ${MAX_DAYS}`,
    );
  }
  return value;
}

/** @internal */
export function readBackendSettings(
  config: RootConfigService,
): BackendSettings {
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
