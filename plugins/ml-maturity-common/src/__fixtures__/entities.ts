/*
 * Small builders for catalog-info.yaml documents used by the tests. They
 * write raw YAML shapes (spec fields, no relations) unless told otherwise.
 */

/** A raw catalog document. */
export type Doc = Record<string, any>;

export const NOW = '2026-11-27T06:00:00.000Z';

export function entity(
  kind: string,
  name: string,
  options: {
    annotations?: Record<string, unknown>;
    spec?: Record<string, unknown>;
    links?: unknown[];
    relations?: unknown[];
    namespace?: string;
  } = {},
): Doc {
  const metadata: Doc = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.annotations) metadata.annotations = options.annotations;
  if (options.links) metadata.links = options.links;
  const doc: Doc = {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata,
    spec: options.spec ?? {},
  };
  if (options.relations) doc.relations = options.relations;
  return doc;
}

export function group(
  name: string,
  options: {
    members?: string[];
    parent?: string;
    children?: string[];
    annotations?: Record<string, unknown>;
  } = {},
): Doc {
  const spec: Doc = { type: 'team', children: options.children ?? [] };
  if (options.members) spec.members = options.members;
  if (options.parent) spec.parent = options.parent;
  return entity('Group', name, { spec, annotations: options.annotations });
}

export function user(
  name: string,
  options: { memberOf?: string[]; roles?: string } = {},
): Doc {
  return entity('User', name, {
    spec: options.memberOf ? { memberOf: options.memberOf } : {},
    annotations:
      options.roles !== undefined
        ? { 'ml-maturity.io/role': options.roles }
        : undefined,
  });
}

/** An ML asset (a Resource) with `ml-maturity.io/asset` and an owner. */
export function asset(
  name: string,
  type: string,
  options: {
    owner?: string;
    annotations?: Record<string, unknown>;
    spec?: Record<string, unknown>;
    links?: unknown[];
    kind?: string;
  } = {},
): Doc {
  return entity(options.kind ?? 'Resource', name, {
    annotations: { 'ml-maturity.io/asset': type, ...options.annotations },
    spec: { type: 'other', owner: options.owner ?? 'team-a', ...options.spec },
    links: options.links,
  });
}

/** A team-a component that depends on the given refs (makes them "used"). */
export function consumer(
  name: string,
  dependsOn: string[],
  owner = 'team-a',
): Doc {
  return entity('Component', name, {
    spec: { type: 'service', owner, dependsOn },
  });
}

/** team-a with member alice (roles optional), and team-b with member bob. */
export function world(aliceRoles?: string): Doc[] {
  return [
    group('team-a', { members: ['alice'] }),
    user('alice', { roles: aliceRoles }),
    group('team-b'),
    user('bob', { memberOf: ['team-b'] }),
  ];
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(list: T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
