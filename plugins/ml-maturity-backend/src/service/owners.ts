import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** The classifier reads only documents of these API versions (spec §2). */
function isReadByClassifier(entity: Entity): boolean {
  return (
    typeof entity.apiVersion === 'string' &&
    entity.apiVersion.startsWith('backstage.io/')
  );
}

/** Owner refs an entity names, lower-case: `spec.owner` and `ownedBy` relations. */
function ownersNamedBy(entity: Entity): string[] {
  const owners: string[] = [];
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner === 'string') {
    try {
      const ref = parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata?.namespace ?? 'default',
      });
      owners.push(lower(stringifyEntityRef(ref)));
    } catch {
      // not a reference: nothing to add
    }
  }
  for (const relation of entity.relations ?? []) {
    if (relation.type === RELATION_OWNED_BY && relation.targetRef) {
      owners.push(lower(relation.targetRef));
    }
  }
  return owners;
}

/**
 * Who may see each implicit team: the classifier's referrers (the entities
 * it reads that name the team as owner), plus the catalog entities it does
 * not read, such as scaffolder Templates (`scaffolder.backstage.io/...`),
 * that name one of those teams as owner through `spec.owner` or an
 * `ownedBy` relation. Whoever can read such an entity sees its owner ref in
 * the catalog anyway. Each list sorted, without repeats. Only the entities
 * outside `backstage.io/` are scanned (none in most catalogs), so this costs
 * next to nothing next to classification.
 *
 * @internal
 */
export function implicitTeamVisibility(
  entities: ReadonlyArray<Entity>,
  classifierReferrers: Readonly<Record<string, string[]>>,
): Map<string, string[]> {
  const referrers = new Map<string, Set<string>>(
    Object.entries(classifierReferrers).map(([team, refs]) => [
      team,
      new Set(refs),
    ]),
  );
  if (referrers.size > 0) {
    for (const entity of entities) {
      if (isReadByClassifier(entity)) continue;
      for (const owner of ownersNamedBy(entity)) {
        const set = referrers.get(owner);
        if (!set) continue;
        try {
          set.add(lower(stringifyEntityRef(entity)));
        } catch {
          // no valid ref of its own: it cannot be read by ref either
        }
      }
    }
  }
  return new Map(
    [...referrers].map(([team, refs]) => [team, [...refs].sort()]),
  );
}
