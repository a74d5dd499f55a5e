import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { KitDefinition } from '@aiml-service-kits/plugin-ml-maturity-common';
import { mlMaturityApiRef } from '../api';
import type { TeamAssessmentResponse } from '../api';

/** What the team card shows: the assessment (undefined = not assessed) and the kits to join. */
export interface TeamAssessmentData {
  /** The team these are of (the hook keeps them while it loads another). */
  entityRef: string;
  assessment?: TeamAssessmentResponse;
  kits: KitDefinition[];
}

/** Loads a team's assessment and the kit definitions in parallel. @internal */
export function useTeamAssessment(entityRef: string) {
  const api = useApi(mlMaturityApiRef);
  return useAsyncRetry(async (): Promise<TeamAssessmentData> => {
    const [assessment, kits] = await Promise.all([
      api.getTeamAssessment(entityRef),
      api.getKits(),
    ]);
    return { entityRef, assessment, kits };
  }, [api, entityRef]);
}
