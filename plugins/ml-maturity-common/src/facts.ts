import { AssetTypeResolver } from './aliases';
import { Attribution, countsForSomeTeam } from './attribution';
import {
  ANNOTATION_ACCELERATOR,
  ANNOTATION_ASSET,
  ANNOTATION_ATTEST_PREFIX,
  ANNOTATION_CURATED,
  ANNOTATION_FAULT_TOLERANT,
  ANNOTATION_HOSTING,
  ANNOTATION_OPEN_SOURCE,
  ANNOTATION_ORCHESTRATOR,
  ANNOTATION_ROLE,
  ANNOTATION_SCOPE,
  ANNOTATION_TUTORIAL_LEVEL,
  ASSET_TYPES,
  AssetType,
  ML_ANNOTATION_PREFIX,
  HOSTINGS,
  ROLES,
  SCOPES,
  TUTORIAL_LEVELS,
} from './constants';
import { Csr } from './csr';
import { AnnotationDefaults } from './filters';
import { UNKNOWN_KEY_MESSAGE_START } from './findings';
import {
  ANNOTATION_FLAGS,
  EntityNode,
  NO_LINK_TYPES,
  reportFinding,
} from './entities';
import {
  editDistance,
  getOwn,
  isHttpUrl,
  isRecord,
  sortedUnique,
} from './util';

/**
 * The normalised `ml.` facts of spec §3. A fact without a value is absent,
 * never null. Only classifier code assigns these keys.
 * @public
 */
export interface MlFacts {
  asset?: AssetType;
  curated: boolean;
  scope: string;
  tutorialLevel: string;
  hosting: string;
  faultTolerant: boolean;
  accelerator?: string;
  orchestrator?: string;
  openSource?: string;
  roles?: string[];
  versionControlled: boolean;
  documented: boolean;
  linkTypes?: string[];
  isAsset: boolean;
  dependsOnAssetTypes?: string[];
  containsAssetTypes?: string[];
  containsAssets?: boolean;
  consumerTeams: number;
  consumed: boolean;
}

const MAX_FREE_TEXT = 200;
const MAX_LINKS = 1000;
const ROLE_SET: ReadonlySet<string> = new Set(ROLES);
const BOOLEANS: ReadonlyArray<string> = ['false', 'true'];

/** The `ml-maturity.io/` annotation keys the classifier reads (spec §3, §6). */
const KNOWN_KEYS: ReadonlyArray<string> = [
  ANNOTATION_ASSET,
  ANNOTATION_CURATED,
  ANNOTATION_SCOPE,
  ANNOTATION_TUTORIAL_LEVEL,
  ANNOTATION_HOSTING,
  ANNOTATION_FAULT_TOLERANT,
  ANNOTATION_ACCELERATOR,
  ANNOTATION_ORCHESTRATOR,
  ANNOTATION_OPEN_SOURCE,
  ANNOTATION_ROLE,
];
const KNOWN_KEY_SET: ReadonlySet<string> = new Set(KNOWN_KEYS);

/**
 * Reports `ml-maturity.io/` keys the classifier does not read (a typo such
 * as `ml-maturity.io/assets` would otherwise be ignored without a word),
 * naming the nearest known key.
 */
function reportUnknownKeys(node: EntityNode) {
  const annotations = node.annotations;
  for (const key in annotations) {
    if (
      !Object.prototype.hasOwnProperty.call(annotations, key) ||
      !key.startsWith(ML_ANNOTATION_PREFIX) ||
      KNOWN_KEY_SET.has(key) ||
      key.startsWith(ANNOTATION_ATTEST_PREFIX)
    ) {
      continue;
    }
    const nearest = nearestKnownKey(key);
    reportFinding(
      node,
      key,
      annotations[key],
      `${UNKNOWN_KEY_MESSAGE_START}, so it is ignored${
        nearest ? `: did you mean ${nearest}?` : '.'
      } Known keys: ${KNOWN_KEYS.join(
        ', ',
      )}, ${ANNOTATION_ATTEST_PREFIX}<itemId>`,
    );
  }
}

/** The known key (or the attestation prefix) a few edits from `key`, if any. @internal */
export function nearestKnownKey(key: string): string | undefined {
  if (key.length > 64) return undefined;
  const name = key.toLowerCase();
  if (name.startsWith('ml-maturity.io/attest')) {
    return `${ANNOTATION_ATTEST_PREFIX}<itemId>`;
  }
  return closest(name, KNOWN_KEYS, 4);
}

/** The first of `candidates` fewest edits from `word`, fewer than `within`. */
function closest(
  word: string,
  candidates: ReadonlyArray<string>,
  within: number,
): string | undefined {
  let best: string | undefined;
  let bestDistance = within;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The allowed value a misspelt one most likely meant: the same words with
 * spaces or underscores for hyphens (`Data Scientist`, `ml_model`), a
 * longer or shorter form (`datasets`, `on-premise`), or a couple of typos;
 * undefined when none is close.
 * @internal
 */
export function nearestAllowedValue(
  value: string,
  allowed: ReadonlyArray<string>,
): string | undefined {
  if (value.length > 64) return undefined;
  const word = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (allowed.includes(word)) return word;
  // a longer or shorter form: on-premise, on-premises for on-prem
  const stem = allowed.find(
    candidate =>
      Math.min(candidate.length, word.length) >= 5 &&
      (word.startsWith(candidate) || candidate.startsWith(word)),
  );
  return stem ?? closest(word, allowed, word.length > 5 ? 3 : 2);
}

/** ` Did you mean x?` for a misspelt value, or nothing. */
function didYouMean(value: string, allowed: ReadonlyArray<string>): string {
  const nearest = nearestAllowedValue(value, allowed);
  return nearest ? ` Did you mean ${nearest}?` : '';
}

/** Reads one ML annotation as a string; a non-string is a finding. */
function readString(node: EntityNode, key: string): string | undefined {
  const value = getOwn(node.annotations, key);
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    reportFinding(
      node,
      key,
      value,
      `Annotation values must be strings (quote them in YAML, e.g. "true"); this value is ignored`,
    );
    return undefined;
  }
  return value;
}

function readEnum(
  node: EntityNode,
  key: string,
  allowed: ReadonlyArray<string>,
): string {
  const value = readString(node, key);
  if (value === undefined) {
    return allowed[0];
  }
  const word = value.trim().toLowerCase();
  if (allowed.includes(word)) {
    return word;
  }
  reportFinding(
    node,
    key,
    value,
    `Unknown value;${didYouMean(value, allowed)} Allowed: ${allowed.join(
      ', ',
    )}. The default ${allowed[0]} is used`,
  );
  return allowed[0];
}

function readBoolean(node: EntityNode, key: string): boolean {
  return readEnum(node, key, BOOLEANS) === 'true';
}

function readFreeText(node: EntityNode, key: string): string | undefined {
  const value = readString(node, key);
  if (value === undefined) {
    return undefined;
  }
  const text = value.trim();
  if (text.length === 0) {
    return undefined;
  }
  if (text.length > MAX_FREE_TEXT) {
    reportFinding(
      node,
      key,
      value,
      `Value too long: at most ${MAX_FREE_TEXT} characters are allowed; it is ignored`,
    );
    return undefined;
  }
  return text;
}

function readAssetType(
  node: EntityNode,
  resolver: AssetTypeResolver,
): AssetType | undefined {
  const annotation =
    node.annotationFlags & ANNOTATION_FLAGS.ml
      ? readString(node, ANNOTATION_ASSET)
      : undefined;
  if (annotation !== undefined) {
    const resolved = resolver.resolve(annotation);
    if (resolved) {
      return resolved;
    }
  }
  const type = getOwn(getOwn(node.raw, 'spec'), 'type');
  const fromType =
    typeof type === 'string' ? resolver.resolve(type) : undefined;
  if (annotation !== undefined) {
    // Say what happens instead: spec.type's ML type, or no ML asset at all.
    const instead = fromType
      ? `spec.type ${JSON.stringify(
          type,
        )} is used instead, so this is a ${fromType}`
      : `spec.type ${
          typeof type === 'string'
            ? `${JSON.stringify(type)} is not an ML asset type either`
            : 'is not set either'
        }, so this entity is not assessed as an ML asset`;
    reportFinding(
      node,
      ANNOTATION_ASSET,
      annotation,
      `Unknown ML asset type;${didYouMean(
        annotation,
        ASSET_TYPES,
      )} Allowed: ${ASSET_TYPES.join(
        ', ',
      )} (or a configured alias). ${instead}`,
    );
  }
  return fromType;
}

function readRoles(node: EntityNode): string[] | undefined {
  const value = readString(node, ANNOTATION_ROLE);
  if (value === undefined) {
    return undefined;
  }
  if (node.kind !== 'user') {
    reportFinding(
      node,
      ANNOTATION_ROLE,
      value,
      'Roles are only read on User entities; move the annotation to the User',
    );
    return undefined;
  }
  const roles = new Set<string>();
  const unknown: string[] = [];
  for (const part of value.split(',', 1000)) {
    const word = part.trim().toLowerCase();
    if (!word) {
      continue;
    }
    if (ROLE_SET.has(word)) {
      roles.add(word);
    } else {
      unknown.push(part.trim());
    }
  }
  for (const word of unknown) {
    reportFinding(
      node,
      ANNOTATION_ROLE,
      word,
      `Unknown role;${didYouMean(word, ROLES)} Allowed: ${ROLES.join(
        ', ',
      )} (comma-separated). ${
        roles.size > 0
          ? 'The other roles of this annotation still count'
          : 'This user has no role that counts'
      }`,
    );
  }
  return roles.size > 0 ? sortedUnique(roles) : undefined;
}

function readLinks(node: EntityNode): ReadonlyArray<string> {
  const links = getOwn(getOwn(node.raw, 'metadata'), 'links');
  if (links === undefined || links === null) {
    return NO_LINK_TYPES;
  }
  if (!Array.isArray(links)) {
    reportFinding(
      node,
      'metadata.links',
      links,
      'metadata.links must be a list of { url, title?, type? }; it is ignored',
    );
    return NO_LINK_TYPES;
  }
  // Most entities have no typed links: no Set for them.
  let types: Set<string> | undefined;
  const limit = Math.min(links.length, MAX_LINKS);
  for (let i = 0; i < limit; i++) {
    const type = getOwn(links[i], 'type');
    if (
      typeof type === 'string' &&
      type.trim() &&
      type.length <= MAX_FREE_TEXT
    ) {
      (types ??= new Set()).add(type.trim().toLowerCase());
    }
  }
  return types ? sortedUnique(types) : NO_LINK_TYPES;
}

/**
 * Reads what the classifier needs of an entity's own document besides its
 * refs: its asset type and link types (findings go on the node). Called
 * with each document as it is read (see readEntities).
 * @internal
 */
export function readDocumentFacts(
  node: EntityNode,
  resolver: AssetTypeResolver,
): void {
  node.assetType = readAssetType(node, resolver);
  node.linkTypes = readLinks(node);
}

/**
 * The facts read from ML annotations alone, with their values on an entity
 * without any (see readOwnFacts): the classifier tries a filter that needs
 * other values only on entities with ML annotations.
 * @internal
 */
export const ANNOTATION_FACT_DEFAULTS: AnnotationDefaults = {
  names: new Set([
    'curated',
    'scope',
    'tutorialLevel',
    'hosting',
    'faultTolerant',
    'accelerator',
    'orchestrator',
    'openSource',
    'roles',
  ]),
  facts: {
    curated: false,
    scope: SCOPES[0],
    tutorialLevel: TUTORIAL_LEVELS[0],
    hosting: HOSTINGS[0],
    faultTolerant: false,
  },
};

/**
 * Records the findings {@link readOwnFacts} would record, without the
 * facts, for an entity no filter is tried on.
 * @internal
 */
export function readOwnFindings(node: EntityNode): void {
  if (node.annotationFlags & ANNOTATION_FLAGS.ml) {
    readOwnFacts(node, undefined);
  }
}

/**
 * Facts that depend on the entity alone (annotations, spec.type, links).
 * Findings go on the node. Graph facts are added by {@link addGraphFacts}.
 * @internal
 */
export function readOwnFacts(
  node: EntityNode,
  asset: AssetType | undefined,
): MlFacts {
  const flags = node.annotationFlags;
  const linkTypes = node.linkTypes;
  const versionControlled = (flags & ANNOTATION_FLAGS.versionControlled) !== 0;
  const documented =
    (flags & ANNOTATION_FLAGS.documented) !== 0 || linkTypes.includes('docs');
  if ((flags & ANNOTATION_FLAGS.ml) === 0) {
    // No ML annotations (most entities): every ML fact has its default,
    // with no lookups.
    const facts: MlFacts = {
      curated: false,
      scope: SCOPES[0],
      tutorialLevel: TUTORIAL_LEVELS[0],
      hosting: HOSTINGS[0],
      faultTolerant: false,
      versionControlled,
      documented,
      isAsset: asset !== undefined,
      consumerTeams: 0,
      consumed: false,
    };
    if (asset) {
      facts.asset = asset;
    }
    if (linkTypes.length > 0) {
      facts.linkTypes = [...linkTypes];
    }
    return facts;
  }
  reportUnknownKeys(node);
  const facts: MlFacts = {
    curated: readBoolean(node, ANNOTATION_CURATED),
    scope: readEnum(node, ANNOTATION_SCOPE, SCOPES),
    tutorialLevel: readEnum(node, ANNOTATION_TUTORIAL_LEVEL, TUTORIAL_LEVELS),
    hosting: readEnum(node, ANNOTATION_HOSTING, HOSTINGS),
    faultTolerant: readBoolean(node, ANNOTATION_FAULT_TOLERANT),
    versionControlled: false,
    documented: false,
    isAsset: asset !== undefined,
    consumerTeams: 0,
    consumed: false,
  };
  if (asset) {
    facts.asset = asset;
  }
  const accelerator = readFreeText(node, ANNOTATION_ACCELERATOR);
  if (accelerator) {
    facts.accelerator = accelerator;
  }
  const orchestrator = readFreeText(node, ANNOTATION_ORCHESTRATOR);
  if (orchestrator) {
    facts.orchestrator = orchestrator;
  }
  const openSource = readString(node, ANNOTATION_OPEN_SOURCE);
  if (openSource !== undefined) {
    if (isHttpUrl(openSource.trim())) {
      facts.openSource = openSource.trim();
    } else {
      reportFinding(
        node,
        ANNOTATION_OPEN_SOURCE,
        openSource,
        'Must be an http(s) URL of the open-source project; it is ignored',
      );
    }
  }
  const roles = readRoles(node);
  if (roles) {
    facts.roles = roles;
  }
  if (linkTypes.length > 0) {
    facts.linkTypes = [...linkTypes];
  }
  facts.versionControlled = versionControlled;
  facts.documented = documented;
  return facts;
}

/** Graph-derived facts (spec §3), filled in after attribution. @internal */
export function addGraphFacts(
  facts: MlFacts,
  graph: {
    dependsOnAssetTypes: string[];
    containsAssetTypes: string[] | undefined;
    consumerTeams: number;
  },
): void {
  if (graph.dependsOnAssetTypes.length > 0) {
    facts.dependsOnAssetTypes = graph.dependsOnAssetTypes;
  }
  if (graph.containsAssetTypes) {
    if (graph.containsAssetTypes.length > 0) {
      facts.containsAssetTypes = graph.containsAssetTypes;
    }
    facts.containsAssets = graph.containsAssetTypes.length > 0;
  }
  facts.consumerTeams = graph.consumerTeams;
  facts.consumed = graph.consumerTeams >= 1;
}

/**
 * The object a kit filter runs against: the entity plus `ml: facts`. The
 * spread copies own keys as data properties, so a `__proto__` key stays a
 * plain key.
 * @internal
 */
export function factObject(
  raw: unknown,
  facts: MlFacts,
): Record<string, unknown> {
  return isRecord(raw) ? { ...raw, ml: facts } : { ml: facts };
}

/** Shared by entities that depend on or contain no asset (never modified). */
const NO_ASSET_TYPES: string[] = [];

/** Asset types of the entities in a row, sorted, without duplicates. */
function assetTypesOf(
  rows: Csr,
  row: number,
  assetTypes: ReadonlyArray<AssetType | undefined>,
): string[] {
  let types: string[] | undefined;
  for (let k = rows.offsets[row]; k < rows.offsets[row + 1]; k++) {
    const type = assetTypes[rows.targets[k]];
    if (type) (types ??= []).push(type);
  }
  return types ? sortedUnique(types) : NO_ASSET_TYPES;
}

/**
 * The facts of one entity (spec §3), with the graph facts when it counts
 * for some team (no rule can match another one). Reading adds the
 * entity's findings to its node: call it once per entity. The classifier
 * builds them entity by entity while running the filters (see runProbes),
 * so that each is garbage soon after, rather than keeping 100,000 of them.
 * @internal
 */
export function entityFacts(
  nodes: ReadonlyArray<EntityNode>,
  attribution: Attribution,
  assetTypes: ReadonlyArray<AssetType | undefined>,
  e: number,
): MlFacts {
  const own = readOwnFacts(nodes[e], assetTypes[e]);
  if (countsForSomeTeam(attribution, e)) {
    addGraphFacts(own, {
      dependsOnAssetTypes: assetTypesOf(
        attribution.dependencies,
        e,
        assetTypes,
      ),
      containsAssetTypes:
        nodes[e].kind === 'system'
          ? assetTypesOf(attribution.parts, e, assetTypes)
          : undefined,
      consumerTeams: attribution.usedTeams[e].length,
    });
  }
  return own;
}
