import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { Duration } from 'luxon';

/** A schedule duration: an ISO string or a { minutes, ... } object. */
export type ScheduleDuration =
  SchedulerServiceTaskScheduleDefinition['timeout'];

/** A schedule duration in milliseconds. @internal */
export function durationMs(duration: ScheduleDuration): number {
  return typeof duration === 'string'
    ? Duration.fromISO(duration).toMillis()
    : durationToMilliseconds(duration);
}
