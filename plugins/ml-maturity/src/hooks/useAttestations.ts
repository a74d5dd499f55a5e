import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlMaturityApiRef } from '../api';
import type { TeamAttestations } from '../api';

/** Loads a team's portal attestations and whether the user may change them. @internal */
export function useAttestations(entityRef: string) {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(async (): Promise<TeamAttestations> => {
    if (api.getTeamAttestations) {
      return api.getTeamAttestations({ entityRef });
    }
    // an implementation without it: let the server decide on submit
    return {
      attestations: await api.getAttestations({ entityRef }),
      canAttest: true,
    };
  }, [api, entityRef]);
}
