import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  KitDefinition,
  RoadmapTeam,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityApiRef } from '../api';
import type { RoadmapResponse, SnapshotStatus } from '../api';

/** Everything the roadmap page shows. */
export interface RoadmapData {
  teams: RoadmapTeam[];
  status: SnapshotStatus;
  roadmap: RoadmapResponse;
  kits: KitDefinition[];
}

/**
 * Loads the roadmap (which carries every visible team's summary, not their
 * checklists, so thousands of teams stay one small request) and the kits.
 * @internal
 */
export function useRoadmapData() {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(async (): Promise<RoadmapData> => {
    const [roadmap, kits] = await Promise.all([
      api.getRoadmap(),
      api.getKits(),
    ]);
    const status: SnapshotStatus = {
      stale: roadmap.stale,
      lastRefresh: roadmap.lastRefresh,
      lastError: roadmap.lastError,
    };
    return { teams: roadmap.teams, status, roadmap, kits };
  }, [api]);
}
