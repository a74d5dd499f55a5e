import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

const NO_TITLES: ReadonlyMap<string, string> = new Map();

/**
 * The display names of teams (the Group's `spec.profile.displayName`, else
 * `metadata.title`: the order of Backstage's `defaultEntityPresentation`),
 * by entity ref, read from the catalog with the user's own credentials:
 * what the team links show, so that search, sorting, the parent menu and
 * the CSV use the same names. Teams without one, an app
 * without a catalog API, or a failed lookup leave the map without them (the
 * page then uses refs), so the roadmap never waits for or fails on this.
 * @internal
 */
export function useTeamTitles(
  entityRefs: ReadonlyArray<string>,
): ReadonlyMap<string, string> {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const key = entityRefs.join('\n');
  const { value } = useAsync(async () => {
    if (!catalogApi || entityRefs.length === 0) return NO_TITLES;
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: [...entityRefs],
        fields: ['metadata.title', 'spec.profile.displayName'],
      });
      const titles = new Map<string, string>();
      items.forEach((entity, i) => {
        const profile = entity?.spec?.profile as
          | { displayName?: unknown }
          | undefined;
        const title = [profile?.displayName, entity?.metadata?.title].find(
          (candidate): candidate is string =>
            typeof candidate === 'string' && candidate.trim() !== '',
        );
        if (title) {
          titles.set(entityRefs[i], title.trim());
        }
      });
      return titles;
    } catch {
      return NO_TITLES;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the refs' text
  }, [catalogApi, key]);
  return value ?? NO_TITLES;
}
