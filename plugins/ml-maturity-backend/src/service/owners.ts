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
 * `ownedBy` relation), for the given owner refs only (lower-case): the
 * implicit teams of an assessment. An implicit team has no Group entity to
 * check read access on, so the API shows it to callers who can read one of
 * these. This is bookkeeping for visibility, not classification.
 *
 * Each list is sorted; an owner nobody names is left out. An entity's own
 * ref is built only when it names one of the owners, so the scan costs
 * little when there are few implicit teams (none: no scan at all).
 *
 * @internal
 */
export function implicitTeamReferrers(
  entities: ReadonlyArray<Entity>,
  ownerRefs: ReadonlySet<string>,
): Map<string, string[]> {
  const referrers = new Map<string, Set<string>>();
  if (ownerRefs.size === 0) return new Map();

  for (const entity of entities) {
    let entityRef: string | null | undefined; // null: not a valid entity
    const add = (owner: string) => {
      if (!ownerRefs.has(owner)) return;
      if (entityRef === undefined) {
        try {
          entityRef = lower(stringifyEntityRef(entity));
        } catch {
          entityRef = null;
        }
      }
      if (entityRef === null) return;
      let set = referrers.get(owner);
      if (!set) {
        set = new Set();
        referrers.set(owner, set);
      }
      set.add(entityRef);
    };

    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner === 'string') {
      try {
        const ref = parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata?.namespace ?? 'default',
        });
        add(lower(stringifyEntityRef(ref)));
      } catch {
        // an invalid owner is a finding of the classifier
      }
    }
    for (const relation of entity.relations ?? []) {
      if (relation.type === RELATION_OWNED_BY && relation.targetRef) {
        add(lower(relation.targetRef));
      }
    }
  }

  return new Map([...referrers].map(([k, v]) => [k, [...v].sort()]));
}
