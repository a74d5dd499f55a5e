import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { KitDefinition } from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityApiRef } from '../api';
import type { AssetContributionResponse } from '../api';

/** The asset card's data: undefined contribution = not an ML asset. */
export interface AssetContributionData {
  /** The entity these are of (the hook keeps them while it loads another). */
  entityRef: string;
  contribution?: AssetContributionResponse;
  kits: KitDefinition[];
}

/** Loads how an entity counts as an ML asset, with the kits to name items. @internal */
export function useAssetContribution(entityRef: string) {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(async (): Promise<AssetContributionData> => {
    const [contribution, kits] = await Promise.all([
      api.getAssetContribution(entityRef),
      api.getKits(),
    ]);
    return { entityRef, contribution, kits };
  }, [api, entityRef]);
}
