import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { DEFAULT_REFRESH_SCHEDULE } from './RefreshService';

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
    schedule: scheduleConfig
      ? {
          initialDelay: DEFAULT_REFRESH_SCHEDULE.initialDelay,
          ...readSchedulerServiceTaskScheduleDefinitionFromConfig(
            scheduleConfig,
          ),
        }
      : DEFAULT_REFRESH_SCHEDULE,
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
