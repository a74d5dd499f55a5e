import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/**
 * Owner ref → refs of the entities naming it as owner (`spec.owner` or an
 * `ownedBy` relation). An implicit team has no Group entity to check read
 * access on, so the API shows it to callers who can read one of these.
 * This is bookkeeping for visibility, not classification.
 *
 * @internal
 */
export function implicitTeamReferrers(
  entities: ReadonlyArray<Entity>,
): Map<string, string[]> {
  const referrers = new Map<string, Set<string>>();
  const add = (owner: string, entityRef: string) => {
    let set = referrers.get(owner);
    if (!set) {
      set = new Set();
      referrers.set(owner, set);
    }
    set.add(entityRef);
  };

  for (const entity of entities) {
    let entityRef: string;
    try {
      entityRef = lower(stringifyEntityRef(entity));
    } catch {
      continue;
    }
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner === 'string') {
      try {
        const ref = parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        });
        add(lower(stringifyEntityRef(ref)), entityRef);
      } catch {
        // an invalid owner is a finding of the classifier
      }
    }
    for (const relation of entity.relations ?? []) {
      if (relation.type === RELATION_OWNED_BY && relation.targetRef) {
        add(lower(relation.targetRef), entityRef);
      }
    }
  }

  return new Map([...referrers].map(([k, v]) => [k, [...v].sort()]));
}
