import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
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
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(withDefaults);
  } catch (error) {
    throw new Error(
      `Invalid config at ${SCHEDULE_KEY}: ${(error as Error).message}`,
    );
  }
}

/** The backend's settings, read once at startup. @internal */
export interface BackendSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Portal attestations expire after this many days (default 365). */
  validForDays: number;
  /** History points older than this many days are purged (default 400). */
  retentionDays: number;
}

function positiveInteger(
  config: RootConfigService,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Invalid config at ${key}: must be a positive integer`);
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
