import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlMaturityApiRef } from '../api';

/** Loads a team's portal attestations and whether the user may change them. @internal */
export function useAttestations(entityRef: string) {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(
    () => api.getTeamAttestations({ entityRef }),
    [api, entityRef],
  );
}
