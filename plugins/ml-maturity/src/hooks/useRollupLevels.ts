import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlMaturityApiRef } from '../api';
import type { LevelKey } from '../api';
import { withRoadmapDefaults } from './useRoadmapData';

/**
 * Groups a parent's descendant teams by level. The rollup carries only refs
 * and counts, so the level of each team comes from the roadmap's levels.
 * @internal
 */
export function useRollupLevels(teamRefs: string[] | undefined) {
  const api = useApi(mlMaturityApiRef);
  const key = teamRefs?.join(',');
  return useAsyncRetry(async () => {
    if (!teamRefs || teamRefs.length === 0) {
      return undefined;
    }
    const wanted = new Set(teamRefs.map(r => r.toLowerCase()));
    const roadmap = withRoadmapDefaults(await api.getRoadmap());
    const byLevel = {} as Record<LevelKey, string[]>;
    for (const level of ['1', '2', '3', '4', '5'] as LevelKey[]) {
      byLevel[level] = roadmap.levels[level].filter(ref =>
        wanted.has(ref.toLowerCase()),
      );
    }
    return byLevel;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
}
