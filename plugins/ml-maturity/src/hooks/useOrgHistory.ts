import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlMaturityApiRef } from '../api';
import { daysAgo } from './dates';

/** Loads the organisation's teams per level per day. @internal */
export function useOrgHistory(days = 180) {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(
    () => api.getOrgHistory({ from: daysAgo(days) }),
    [api, days],
  );
}
