import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlMaturityApiRef } from '../api';
import { daysAgo } from './dates';

/** Loads a team's level per day over the last `days` days. @internal */
export function useTeamHistory(entityRef: string, days = 180) {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(
    () => api.getTeamHistory({ entityRef, from: daysAgo(days) }),
    [api, entityRef, days],
  );
}
