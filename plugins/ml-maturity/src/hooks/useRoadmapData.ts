import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  KitDefinition,
  RoadmapTeam,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityApiRef } from '../api';
import type { LevelKey, RoadmapResponse, SnapshotStatus } from '../api';

/** Everything the roadmap page shows. */
export interface RoadmapData {
  teams: RoadmapTeam[];
  status: SnapshotStatus;
  roadmap: RoadmapResponse;
  kits: KitDefinition[];
}

/**
 * The roadmap with its lists present: a backend older than the team
 * summaries sends no `teams` (and an answer may lack `items` or a level),
 * which must not take the page down.
 * @internal
 */
export function withRoadmapDefaults(roadmap: RoadmapResponse): RoadmapResponse {
  const levels: Partial<Record<LevelKey, string[]>> = roadmap.levels ?? {};
  return {
    ...roadmap,
    levels: {
      '1': levels['1'] ?? [],
      '2': levels['2'] ?? [],
      '3': levels['3'] ?? [],
      '4': levels['4'] ?? [],
      '5': levels['5'] ?? [],
    },
    teams: roadmap.teams ?? [],
    items: roadmap.items ?? [],
  };
}

/**
 * Loads the roadmap (which carries every visible team's summary, not their
 * checklists, so thousands of teams stay one small request) and the kits.
 * @internal
 */
export function useRoadmapData() {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(async (): Promise<RoadmapData> => {
    const [answer, kits] = await Promise.all([api.getRoadmap(), api.getKits()]);
    const roadmap = withRoadmapDefaults(answer);
    const status: SnapshotStatus = {
      stale: roadmap.stale,
      lastRefresh: roadmap.lastRefresh,
      lastError: roadmap.lastError,
    };
    return { teams: roadmap.teams, status, roadmap, kits };
  }, [api]);
}
