import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlMaturityApiRef } from '../api';

/** Loads a team's portal attestations. @internal */
export function useAttestations(entityRef: string) {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(
    () => api.getAttestations({ entityRef }),
    [api, entityRef],
  );
}
