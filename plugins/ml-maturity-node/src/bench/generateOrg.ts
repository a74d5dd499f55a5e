import { InputError } from '@backstage/errors';
import { Random } from './random';

/**
 * A catalog entity as the catalog API returns it (with `relations`); only
 * the fields the generator writes.
 * @public
 */
export interface GeneratedEntity {
  apiVersion: string;
  kind: string;
  metadata: {
    namespace: string;
    name: string;
    uid: string;
    etag: string;
    title?: string;
    annotations: Record<string, string>;
    links?: Array<{ url: string; title?: string; type?: string }>;
    tags?: string[];
  };
  spec: Record<string, unknown>;
  relations: Array<{ type: string; targetRef: string }>;
}

/** Options of {@link generateOrg}. @public */
export interface GenerateOrgOptions {
  /** Total number of entities; default 100000, at least 100. */
  entities?: number;
  /** Seed of the pseudo-random generator; default 42. */
  seed?: number;
}

/** How many of each thing {@link generateOrg} produced. @public */
export interface GeneratedOrgCounts {
  entities: number;
  groups: number;
  users: number;
  mlAssets: number;
  systems: number;
  components: number;
  apis: number;
  resources: number;
  /** Relation entries over all entities (each edge counts once per side). */
  relations: number;
}

/** Result of {@link generateOrg}. @public */
export interface GeneratedOrg {
  entities: GeneratedEntity[];
  counts: GeneratedOrgCounts;
}

/**
 * Shares of the total: 2 % groups, 20 % users, 10 % ML assets, 1 % systems.
 * @public
 */
export const ORG_PROPORTIONS = {
  groups: 0.02,
  users: 0.2,
  mlAssets: 0.1,
  systems: 0.01,
} as const;

const ANNOTATION = {
  asset: 'ml-maturity.io/asset',
  curated: 'ml-maturity.io/curated',
  scope: 'ml-maturity.io/scope',
  tutorialLevel: 'ml-maturity.io/tutorial-level',
  hosting: 'ml-maturity.io/hosting',
  faultTolerant: 'ml-maturity.io/fault-tolerant',
  accelerator: 'ml-maturity.io/accelerator',
  orchestrator: 'ml-maturity.io/orchestrator',
  openSource: 'ml-maturity.io/open-source',
  role: 'ml-maturity.io/role',
  attestPrefix: 'ml-maturity.io/attest.',
} as const;

/** Roles a member of a team aiming at level L may have: index L-1 adds these. */
const ROLES_BY_LEVEL = [
  ['data-engineer', 'data-scientist', 'annotator'],
  ['ml-engineer'],
  ['product-manager', 'devops'],
  ['ml-researcher', 'ai-advisor'],
  ['ai-thought-leader', 'advanced-researcher'],
];

/** Asset types a team aiming at level L owns: index L-1 adds these. */
const ASSET_TYPES_BY_LEVEL = [
  ['dataset', 'notebook', 'ml-model'],
  ['compute', 'storage', 'ml-pipeline', 'tutorial'],
  ['feature-pipeline', 'data-pipeline', 'ml-library'],
  ['ml-environment', 'collaboration-platform'],
  ['notebook', 'ml-pipeline'],
];

/** Roles and asset types available at each target level (cumulative). */
const ROLES_UP_TO_LEVEL = ROLES_BY_LEVEL.map((_, i) =>
  ROLES_BY_LEVEL.slice(0, i + 1).flat(),
);
const ASSET_TYPES_UP_TO_LEVEL = ASSET_TYPES_BY_LEVEL.map((_, i) =>
  ASSET_TYPES_BY_LEVEL.slice(0, i + 1).flat(),
);

/** Shared enterprise platforms, owned by platform teams, used by many. */
const PLATFORM_TYPES = [
  'data-marketplace',
  'feature-store',
  'ml-platform',
  'compute',
  'storage',
  'collaboration-platform',
  'ml-library',
];

/** Process items attested as code on Group entities, by kit order. */
const PROCESS_ITEMS_BY_KIT = [
  [
    'starter.process.data-management',
    'starter.process.use-cases',
    'starter.process.ds-practice',
  ],
  [
    'accelerator.process.data-procurement',
    'accelerator.process.cross-function-synergies',
  ],
  [
    'scaler.process.enterprise-data-consolidation',
    'scaler.process.enterprise-use-cases',
  ],
  [
    'synergizer.process.reusable-data-management',
    'synergizer.process.research-budget',
    'synergizer.process.ai-leadership',
  ],
  ['transformer.process.industry-best-practices'],
];

/** Spellings other than the vocabulary word, as seen in public catalogs. */
const ALIASES: Record<string, string[]> = {
  'ml-model': ['ai-model', 'llm', 'model-server', 'embedding-model'],
  'ml-pipeline': ['kubeflow-pipeline', 'training-pipeline', 'vertex-pipeline'],
  dataset: ['data-set'],
  notebook: ['jupyter-notebook', 'jupyter'],
  compute: ['gpu-cluster', 'processing-cluster'],
  'feature-store': ['featurestore'],
  'ml-environment': ['ml-workspace'],
};

const RESOURCE_ASSET_TYPES = new Set([
  'dataset',
  'compute',
  'storage',
  'feature-store',
  'data-marketplace',
  'ml-platform',
  'collaboration-platform',
]);

/** Target levels of teams: 40 % aim at level 1, 25 % at 2, ... */
const LEVEL_WEIGHTS = [0.4, 0.25, 0.2, 0.1, 0.05];

const INVERSE: Record<string, string> = {
  ownedBy: 'ownerOf',
  memberOf: 'hasMember',
  childOf: 'parentOf',
  dependsOn: 'dependencyOf',
  partOf: 'hasPart',
  providesApi: 'apiProvidedBy',
  consumesApi: 'apiConsumedBy',
};

interface Team {
  ref: string;
  name: string;
  level: number;
  depth: number;
  mlTeam: boolean;
  assets: GeneratedEntity[];
  systems: string[];
  members: GeneratedEntity[];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Builds a synthetic, catalog-shaped organisation for benchmarks and tests:
 * a group hierarchy (departments and teams), users with roles and
 * memberships, ML assets of every type with annotations and dependencies
 * (shared platforms, cross-team use), systems, and ordinary components,
 * APIs and resources. Every entity carries `relations` in both directions,
 * like the catalog API returns them. Deterministic: the same options give the
 * same entities.
 *
 * @public
 */
export function generateOrg(options: GenerateOrgOptions = {}): GeneratedOrg {
  const total = options.entities ?? 100000;
  const seed = options.seed ?? 42;
  if (!Number.isInteger(total) || total < 100) {
    throw new InputError(
      `entities must be an integer of at least 100, got ${total}`,
    );
  }
  if (!Number.isInteger(seed)) {
    throw new InputError(`seed must be an integer, got ${seed}`);
  }
  const random = Random.create(seed);

  const groupCount = Math.round(total * ORG_PROPORTIONS.groups);
  const userCount = Math.round(total * ORG_PROPORTIONS.users);
  const mlAssetCount = Math.round(total * ORG_PROPORTIONS.mlAssets);
  const systemCount = Math.round(total * ORG_PROPORTIONS.systems);
  const rest = total - groupCount - userCount - mlAssetCount - systemCount;
  const apiCount = Math.round(rest * 0.2);
  const resourceCount = Math.round(rest * 0.2);
  const componentCount = rest - apiCount - resourceCount;

  const entities: GeneratedEntity[] = [];
  const byRef = new Map<string, GeneratedEntity>();
  let relationCount = 0;

  const refs = new Map<GeneratedEntity, string>();
  const create = (
    kind: string,
    name: string,
    spec: Record<string, unknown>,
    annotations: Record<string, string> = {},
  ): GeneratedEntity => {
    const ref = `${kind.toLowerCase()}:default/${name}`;
    const serial = pad(entities.length, 12);
    const entity: GeneratedEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        namespace: 'default',
        name,
        uid: `00000000-0000-4000-8000-${serial}`,
        etag: serial,
        annotations: {
          'backstage.io/managed-by-location': random.chance(0.7)
            ? `url:https://github.com/acme/${name}/blob/main/catalog-info.yaml`
            : `file:/catalog/${kind.toLowerCase()}s/${name}.yaml`,
          ...annotations,
        },
      },
      spec,
      relations: [],
    };
    entities.push(entity);
    byRef.set(ref, entity);
    refs.set(entity, ref);
    return entity;
  };
  const refOf = (entity: GeneratedEntity) => refs.get(entity)!;
  /** Adds a relation and, when the target exists, its inverse. */
  const relate = (source: GeneratedEntity, type: string, targetRef: string) => {
    source.relations.push({ type, targetRef });
    relationCount += 1;
    const target = byRef.get(targetRef);
    if (target) {
      target.relations.push({ type: INVERSE[type], targetRef: refOf(source) });
      relationCount += 1;
    }
  };
  /** How authors write owners: short names mostly, full refs sometimes. */
  const ownerValue = (team: Team) =>
    random.chance(0.6) ? team.name : team.ref;

  // Groups: a few departments at the root, teams below them (depth <= 4).
  const rootCount = Math.max(1, Math.round(groupCount * 0.01));
  const teams: Team[] = [];
  const groupEntities: GeneratedEntity[] = [];
  const parentIndex: number[] = [];
  for (let i = 0; i < groupCount; i++) {
    const isRoot = i < rootCount;
    const name = isRoot ? `dept-${pad(i, 3)}` : `team-${pad(i, 5)}`;
    let p = -1;
    if (!isRoot) {
      p = random.int(i);
      while (teams[p].depth >= 4) {
        p = parentIndex[p];
      }
    }
    const parent = p >= 0 ? teams[p] : undefined;
    const level = isRoot ? 1 : 1 + random.weighted(LEVEL_WEIGHTS);
    const team: Team = {
      ref: `group:default/${name}`,
      name,
      level,
      depth: parent ? parent.depth + 1 : 0,
      mlTeam: !isRoot && random.chance(0.6),
      assets: [],
      systems: [],
      members: [],
    };
    const annotations: Record<string, string> = {};
    // Attestations as code for the process items of the kits below its level.
    for (let kit = 0; kit < level - 1; kit++) {
      for (const item of PROCESS_ITEMS_BY_KIT[kit]) {
        if (random.chance(0.85)) {
          annotations[
            `${ANNOTATION.attestPrefix}${item}`
          ] = `https://wiki.example.com/${name}/${item}`;
        }
      }
    }
    const spec: Record<string, unknown> = {
      type: isRoot ? 'department' : 'team',
      profile: { displayName: `${isRoot ? 'Department' : 'Team'} ${i}` },
      children: [],
    };
    if (parent) {
      spec.parent = random.chance(0.5) ? parent.name : parent.ref;
      (groupEntities[p].spec.children as string[]).push(team.ref);
    }
    const entity = create('Group', name, spec, annotations);
    if (parent) {
      relate(entity, 'childOf', parent.ref);
    }
    teams.push(team);
    groupEntities.push(entity);
    parentIndex.push(p);
  }
  const nonRootTeams = teams.slice(rootCount);
  const memberTeams = nonRootTeams.length > 0 ? nonRootTeams : teams;
  const mlTeams = nonRootTeams.filter(t => t.mlTeam);
  if (mlTeams.length === 0) {
    mlTeams.push(memberTeams[0]);
    memberTeams[0].mlTeam = true;
  }
  const platformTeams = mlTeams.slice(
    0,
    Math.max(1, Math.round(groupCount * 0.005)),
  );
  const teamByRef = new Map(teams.map(t => [t.ref, t]));

  // Users: one team each, a tenth in a second one; roles fit the team's level.
  const users: GeneratedEntity[] = [];
  for (let i = 0; i < userCount; i++) {
    const name = `user-${pad(i, 6)}`;
    const primary = random.chance(0.05)
      ? random.pick(teams)
      : random.pick(memberTeams);
    const memberOf = [primary];
    if (random.chance(0.1)) {
      const second = random.pick(memberTeams);
      if (second !== primary) {
        memberOf.push(second);
      }
    }
    const annotations: Record<string, string> = {};
    if (random.chance(0.5)) {
      const allowed = ROLES_UP_TO_LEVEL[primary.level - 1];
      const roles = [random.pick(allowed)];
      if (random.chance(0.25)) {
        roles.push(random.pick(allowed));
      }
      if (random.chance(0.005)) {
        roles.push('wizard');
      }
      let value = [...new Set(roles)].join(', ');
      if (random.chance(0.05)) {
        value = value.toUpperCase();
      }
      annotations[ANNOTATION.role] = value;
    }
    const user = create(
      'User',
      name,
      {
        profile: { displayName: `User ${i}`, email: `${name}@example.com` },
        memberOf: memberOf.map(t => (random.chance(0.5) ? t.name : t.ref)),
      },
      annotations,
    );
    for (const team of memberOf) {
      team.members.push(user);
      relate(user, 'memberOf', team.ref);
    }
    users.push(user);
  }

  // Systems, owned by ML teams.
  const systems: GeneratedEntity[] = [];
  for (let i = 0; i < systemCount; i++) {
    const owner = random.pick(mlTeams);
    const annotations: Record<string, string> = {};
    if (random.chance(0.5)) {
      annotations['backstage.io/techdocs-ref'] = 'dir:.';
    }
    const system = create(
      'System',
      `system-${pad(i, 5)}`,
      { owner: ownerValue(owner) },
      annotations,
    );
    if (random.chance(0.4)) {
      system.metadata.links = [
        {
          url: `https://wiki.example.com/system-${i}/architecture`,
          type: random.pick(['architecture', 'process-flow']),
        },
      ];
    }
    relate(system, 'ownedBy', owner.ref);
    owner.systems.push(refOf(system));
    systems.push(system);
  }

  // APIs and plain resources.
  const apis: GeneratedEntity[] = [];
  for (let i = 0; i < apiCount; i++) {
    const owner = random.pick(memberTeams);
    const api = create('API', `api-${pad(i, 6)}`, {
      type: random.pick(['openapi', 'grpc', 'asyncapi']),
      lifecycle: 'production',
      owner: ownerValue(owner),
      definition: `openapi: 3.0.0\ninfo: { title: api-${i}, version: 1.0.0 }\npaths: {}\n`,
    });
    relate(api, 'ownedBy', owner.ref);
    apis.push(api);
  }
  const resources: GeneratedEntity[] = [];
  for (let i = 0; i < resourceCount; i++) {
    const owner = random.pick(memberTeams);
    const resource = create('Resource', `resource-${pad(i, 6)}`, {
      type: random.pick(['database', 's3-bucket', 'queue', 'cache']),
      owner: ownerValue(owner),
    });
    relate(resource, 'ownedBy', owner.ref);
    resources.push(resource);
  }

  // ML assets: shared platforms first, then team assets.
  const platformCount = Math.min(
    mlAssetCount,
    Math.max(PLATFORM_TYPES.length, Math.round(mlAssetCount * 0.005)),
  );
  const platforms: GeneratedEntity[] = [];
  const mlAssets: GeneratedEntity[] = [];
  const pickMlTeam = random.weightedPicker(mlTeams.map(t => t.level));
  for (let i = 0; i < mlAssetCount; i++) {
    const isPlatform = i < platformCount;
    const team = isPlatform
      ? platformTeams[i % platformTeams.length]
      : mlTeams[pickMlTeam()];
    const level = isPlatform ? 4 : team.level;
    const type = isPlatform
      ? PLATFORM_TYPES[i % PLATFORM_TYPES.length]
      : random.pick(ASSET_TYPES_UP_TO_LEVEL[level - 1]);
    const kind = RESOURCE_ASSET_TYPES.has(type) ? 'Resource' : 'Component';
    const name = `${type}-${pad(i, 6)}`;
    const annotations: Record<string, string> = {};
    const spec: Record<string, unknown> = { lifecycle: 'production' };

    // How the type is written: the word, the annotation, an alias, odd case.
    // Platform teams write the vocabulary word.
    const spelling = isPlatform ? 0 : random.next();
    if (spelling < 0.6) {
      spec.type = type;
    } else if (spelling < 0.85) {
      spec.type = kind === 'Resource' ? 'other' : 'service';
      annotations[ANNOTATION.asset] = type;
    } else if (spelling < 0.95 && ALIASES[type]) {
      spec.type = random.pick(ALIASES[type]);
    } else {
      spec.type = type.toUpperCase();
    }

    const p = level / 5;
    if (type === 'dataset' && random.chance(p)) {
      annotations[ANNOTATION.curated] = 'true';
    }
    if (isPlatform) {
      annotations[ANNOTATION.scope] = 'enterprise';
    } else if (random.chance(p * 0.6)) {
      annotations[ANNOTATION.scope] = random.pick(
        level >= 5
          ? ['team', 'enterprise', 'external']
          : ['team', 'enterprise'],
      );
    } else if (random.chance(0.005)) {
      annotations[ANNOTATION.scope] = 'everyone';
    }
    if (
      ['compute', 'storage', 'ml-platform', 'dataset'].includes(type) &&
      random.chance(isPlatform ? 1 : p)
    ) {
      annotations[ANNOTATION.hosting] = random.pick(
        level >= 4 ? ['cloud', 'hybrid', 'multi-cloud'] : ['cloud', 'hybrid'],
      );
    }
    if (type === 'compute') {
      if (random.chance(p)) {
        annotations[ANNOTATION.faultTolerant] = 'true';
      }
      if (level >= 4 && random.chance(0.5)) {
        annotations[ANNOTATION.accelerator] = random.pick(['gpu', 'tpu']);
      }
    }
    if (type === 'notebook' && level >= 4 && random.chance(0.5)) {
      annotations[ANNOTATION.orchestrator] = random.pick([
        'kubeflow',
        'airflow',
      ]);
    }
    if (type === 'tutorial') {
      annotations[ANNOTATION.tutorialLevel] = random.pick(
        ['basic', 'advanced', 'interactive'].slice(
          0,
          Math.max(1, Math.min(3, level - 1)),
        ),
      );
    }
    if (level >= 5 && random.chance(0.1)) {
      annotations[
        ANNOTATION.openSource
      ] = `https://github.com/acme-oss/${name}`;
    }
    if (random.chance(0.4 + p * 0.4)) {
      annotations['backstage.io/techdocs-ref'] = 'dir:.';
    }
    if (random.chance(0.7)) {
      annotations['github.com/project-slug'] = `acme/${name}`;
    }

    // Owner: the team; now and then one of its members or a missing group.
    let owner = ownerValue(team);
    const ownerRoll = random.next();
    if (ownerRoll < 0.003) {
      owner = `group:default/ghost-${pad(random.int(100), 3)}`;
    } else if (ownerRoll < 0.03 && team.members.length > 0) {
      owner = refOf(random.pick(team.members));
    }
    spec.owner = owner;

    if (!isPlatform && team.systems.length > 0 && random.chance(0.4)) {
      spec.system = random.pick(team.systems);
    }

    // Dependencies: the team's earlier assets, shared platforms, other teams'.
    const dependsOn: string[] = [];
    const dependencyCount = isPlatform ? 0 : random.int(4);
    for (let d = 0; d < dependencyCount; d++) {
      const roll = random.next();
      let target: GeneratedEntity | undefined;
      if (roll < 0.5 && team.assets.length > 0) {
        target = random.pick(team.assets);
      } else if (roll < 0.8 && platforms.length > 0) {
        target = random.pick(platforms);
      } else if (mlAssets.length > 0) {
        target = random.pick(mlAssets);
      }
      if (target) {
        const ref = refOf(target);
        if (!dependsOn.includes(ref)) {
          dependsOn.push(ref);
        }
      }
    }
    if (dependsOn.length > 0 && random.chance(0.002)) {
      // A ref without a kind: the spec makes it a finding.
      dependsOn.push(dependsOn[0].slice(dependsOn[0].indexOf('/') + 1));
    }
    if (dependsOn.length > 0) {
      spec.dependsOn = dependsOn;
    }

    const asset = create(kind, name, spec, annotations);
    if (random.chance(0.3)) {
      asset.metadata.links = [
        {
          url: `https://wiki.example.com/${name}`,
          type: random.pick(['process-flow', 'docs', 'dashboard']),
        },
      ];
    }
    const ownerTeam = teamByRef.get(
      owner.includes(':') ? owner : `group:default/${owner}`,
    );
    relate(
      asset,
      'ownedBy',
      owner.includes(':') ? owner : `group:default/${owner}`,
    );
    for (const ref of dependsOn) {
      if (ref.includes(':')) {
        relate(asset, 'dependsOn', ref);
      }
    }
    if (typeof spec.system === 'string') {
      relate(asset, 'partOf', spec.system);
    }
    (ownerTeam ?? team).assets.push(asset);
    mlAssets.push(asset);
    if (isPlatform) {
      platforms.push(asset);
    }
  }

  // Ordinary components: services, websites and libraries.
  for (let i = 0; i < componentCount; i++) {
    const owner = random.pick(memberTeams);
    const spec: Record<string, unknown> = {
      type: random.pick(['service', 'website', 'library']),
      lifecycle: random.pick(['production', 'experimental']),
      owner: ownerValue(owner),
    };
    if (systems.length > 0 && random.chance(0.3)) {
      spec.system = refOf(random.pick(systems));
    }
    const dependsOn: string[] = [];
    if (resources.length > 0 && random.chance(0.5)) {
      dependsOn.push(refOf(random.pick(resources)));
    }
    if (mlAssets.length > 0 && random.chance(0.05)) {
      dependsOn.push(refOf(random.pick(mlAssets)));
    }
    if (dependsOn.length > 0) {
      spec.dependsOn = dependsOn;
    }
    const provides =
      apis.length > 0 && random.chance(0.4) ? [refOf(random.pick(apis))] : [];
    const consumes =
      apis.length > 0 && random.chance(0.5) ? [refOf(random.pick(apis))] : [];
    if (provides.length > 0) {
      spec.providesApis = provides;
    }
    if (consumes.length > 0) {
      spec.consumesApis = consumes;
    }
    const component = create('Component', `component-${pad(i, 6)}`, spec);
    relate(component, 'ownedBy', owner.ref);
    for (const ref of dependsOn) {
      relate(component, 'dependsOn', ref);
    }
    for (const ref of provides) {
      relate(component, 'providesApi', ref);
    }
    for (const ref of consumes) {
      relate(component, 'consumesApi', ref);
    }
    if (typeof spec.system === 'string') {
      relate(component, 'partOf', spec.system);
    }
  }

  // As a catalog hands entities over: in the order of their uids, which is
  // unrelated to their kinds and names (here a seeded shuffle), and parsed
  // from JSON, so every string is its own flat string. Built here, refs are
  // concatenations shared between entities, and entities of one kind lie
  // side by side in memory and in the list, in name order: no catalog
  // serves them so, and the classifier reads them faster that way.
  const order = Random.create(seed + 1);
  for (let i = entities.length - 1; i > 0; i--) {
    const j = order.int(i + 1);
    [entities[i], entities[j]] = [entities[j], entities[i]];
  }
  return {
    entities: JSON.parse(JSON.stringify(entities)),
    counts: {
      entities: entities.length,
      groups: groupCount,
      users: userCount,
      mlAssets: mlAssetCount,
      systems: systemCount,
      components: componentCount,
      apis: apiCount,
      resources: resourceCount,
      relations: relationCount,
    },
  };
}
