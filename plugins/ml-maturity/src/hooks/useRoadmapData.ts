import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  KitDefinition,
  TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityApiRef } from '../api';
import type { MlMaturityApi, RoadmapResponse, SnapshotStatus } from '../api';

/** Teams are fetched in pages of this size until the cursor runs out. */
const PAGE_SIZE = 500;

/** Everything the roadmap page shows. */
export interface RoadmapData {
  teams: TeamAssessment[];
  status: SnapshotStatus;
  roadmap: RoadmapResponse;
  kits: KitDefinition[];
}

async function loadAllTeams(api: MlMaturityApi) {
  const first = await api.getAssessments({ limit: PAGE_SIZE });
  const teams = [...first.teams];
  let cursor = first.nextCursor;
  while (cursor) {
    const page = await api.getAssessments({ limit: PAGE_SIZE, cursor });
    teams.push(...page.teams);
    cursor = page.nextCursor;
  }
  const status: SnapshotStatus = {
    stale: first.stale,
    lastRefresh: first.lastRefresh,
    lastError: first.lastError,
  };
  return { teams, status };
}

/** Loads every team's assessment, the roadmap and the kits. @internal */
export function useRoadmapData() {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(async (): Promise<RoadmapData> => {
    const [{ teams, status }, roadmap, kits] = await Promise.all([
      loadAllTeams(api),
      api.getRoadmap(),
      api.getKits(),
    ]);
    return { teams, status, roadmap, kits };
  }, [api]);
}
