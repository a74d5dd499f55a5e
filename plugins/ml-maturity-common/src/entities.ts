import {
  CommonValidatorFunctions,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';
import { Csr, IntPairs, toCsr } from './csr';
import { RefBytes, RefTable } from './refTable';
import { Finding } from './types';
import { ML_ANNOTATION_PREFIX, type AssetType } from './constants';
import { makeFinding } from './findings';
import { hasLiteralFactKey } from './filters';
import { isValidObjectName, parseRefWithDefaults, RefResult } from './refs';
import {
  checkPrototypeFor,
  compareStrings,
  getOwn,
  isPlainRecord,
  isRecord,
  JsonRecord,
  assessedDuplicateIndex,
  safeJson,
} from './util';

/**
 * One entity as the classifier sees it: its normalised ref (and the ref's
 * id) and its own findings. The refs it points to are in the graph's edge
 * lists (see {@link EntityGraph}), not on the node.
 * @internal
 */
export interface EntityNode {
  index: number;
  /**
   * Id of `ref` among the graph's refs: entities are numbered first, in
   * ref order, so it equals `index` (-1 while reading).
   */
  id: number;
  ref: string;
  /** lower-case kind */
  kind: string;
  namespace: string;
  raw: JsonRecord;
  annotations: JsonRecord | undefined;
  /** {@link ANNOTATION_FLAGS} of `annotations`, found in one pass when read. */
  annotationFlags: number;
  /**
   * The entity's ML asset type and link types (spec §3), read with the
   * document (see readEntities' `onRead`): later steps visit entities in
   * ref order, and catalogs serve them in no particular order, so reading
   * their documents then would jump around memory.
   */
  assetType: AssetType | undefined;
  linkTypes: ReadonlyArray<string>;
  findings: Finding[];
  /**
   * The classification's list of nodes with findings, which this node
   * joins with its first one (see addFinding): the findings are then
   * gathered without reading every node.
   */
  findingNodes: EntityNode[];
}

/** The link types of an entity without typed links. @internal */
export const NO_LINK_TYPES: ReadonlyArray<string> = Object.freeze([]);

/**
 * What one pass over an entity's annotation keys finds, so that the facts,
 * asset types and attestations need no lookups for the many entities
 * without ML annotations.
 * @internal
 */
export const ANNOTATION_FLAGS = {
  /** Some key starts with `ml-maturity.io/`. */
  ml: 1,
  /** A source-location or repository annotation with a value (spec §3). */
  versionControlled: 2,
  /** A TechDocs annotation with a value (spec §3). */
  documented: 4,
  /**
   * Not about annotations: the document has a top-level key starting with
   * `ml.` (see hasLiteralFactKey), found when it is read.
   */
  literalFactKey: 8,
} as const;

/** Annotations that make an entity version-controlled when set (spec §3). */
export const VERSION_CONTROL_ANNOTATIONS: ReadonlySet<string> = new Set([
  'backstage.io/source-location',
  'github.com/project-slug',
  'gitlab.com/project-slug',
  'bitbucket.org/project-slug',
  'dev.azure.com/project-repo',
]);

/** Annotations that make an entity documented when set (spec §3). */
export const DOCS_ANNOTATIONS: ReadonlySet<string> = new Set([
  'backstage.io/techdocs-ref',
  'backstage.io/techdocs-entity',
]);

const MANAGED_BY_URL = /^url:/i;

/**
 * `/^url:/i.test(location.trim())`, without the trim and the regular
 * expression when the first character decides (nearly always; every
 * catalog entity has this annotation). @internal
 */
export function isUrlLocation(location: string): boolean {
  const c = location.charCodeAt(0);
  if (c === 117 || c === 85) {
    // u or U, then r, l (either case; `| 32` lower-cases exactly these) and :
    return (
      location.length >= 4 &&
      (location.charCodeAt(1) | 32) === 114 &&
      (location.charCodeAt(2) | 32) === 108 &&
      location.charCodeAt(3) === 58
    );
  }
  if (c > 32 && c < 128) {
    // Not white space, so trimming keeps it first, and it is not a u.
    return false;
  }
  return MANAGED_BY_URL.test(location.trim());
}

function isSetString(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** The {@link ANNOTATION_FLAGS} of an annotations object, in one pass over its keys. */
function annotationFlagsOf(annotations: JsonRecord): number {
  let flags = 0;
  for (const key in annotations) {
    if (!Object.prototype.hasOwnProperty.call(annotations, key)) continue;
    if (key.startsWith(ML_ANNOTATION_PREFIX)) {
      flags |= ANNOTATION_FLAGS.ml;
    } else if (VERSION_CONTROL_ANNOTATIONS.has(key)) {
      if (isSetString(annotations[key])) {
        flags |= ANNOTATION_FLAGS.versionControlled;
      }
    } else if (DOCS_ANNOTATIONS.has(key)) {
      if (isSetString(annotations[key])) {
        flags |= ANNOTATION_FLAGS.documented;
      }
    } else if (key === 'backstage.io/managed-by-location') {
      const location = annotations[key];
      if (typeof location === 'string' && isUrlLocation(location)) {
        flags |= ANNOTATION_FLAGS.versionControlled;
      }
    }
  }
  return flags;
}

/**
 * The kinds of edge, spec fields and relations merged; the value is the
 * index of the edge's list in {@link EntityGraph.edges}.
 * @internal
 */
export const EDGES = {
  owners: 0,
  ownerOf: 1,
  memberOf: 2,
  members: 3,
  parents: 4,
  children: 5,
  dependsOn: 6,
  dependencyOf: 7,
  partOf: 8,
  hasPart: 9,
} as const;

/** @internal */
export type EdgeField = keyof typeof EDGES;

const EDGE_KINDS = 10;

/**
 * The entities and what they point to. Edge lists are rows by entity index
 * holding ref ids, in reading order (spec fields, then relations), repeats
 * dropped only while a row is short (see addEdge). Entities are numbered
 * first, in ref order: entity `e` has ref id `e`, and a ref id is an
 * entity's when `entityOf[id] >= 0`.
 * @internal
 */
export interface EntityGraph {
  nodes: EntityNode[];
  /** Every ref, by ref id (the table's lookups are stale after renumbering). */
  refs: { readonly refs: ReadonlyArray<string> };
  /** Entity index of each ref id, -1 for refs that are no entity. */
  entityOf: Int32Array;
  /** By edge kind ({@link EDGES}). */
  edges: Csr[];
  /**
   * Per entity, in entity order: its kind, as an index into `kinds`, and
   * its {@link ANNOTATION_FLAGS}. Copies of node fields for the passes over
   * every entity: nodes lie in memory in input order, and reading each
   * node in ref order would jump around.
   */
  kindIds: Uint32Array;
  flags: Uint8Array;
  /** The lower-cased kinds, by kind id. */
  kinds: ReadonlyArray<string>;
  /** Each entity's asset type (EntityNode.assetType), in entity order. */
  assetTypes: Array<AssetType | undefined>;
  /**
   * The nodes that have findings, in no order, as they got them so far
   * (later steps add more); may hold candidates dropped as duplicates,
   * whose `nodes[index]` is another node. See {@link nodesWithFindings}.
   */
  findingNodes: EntityNode[];
}

/**
 * The entities with findings, ascending: from the graph's list of nodes
 * that got findings, without reading every node.
 * @internal
 */
export function nodesWithFindings(graph: EntityGraph): EntityNode[] {
  return graph.findingNodes
    .filter(node => node.index >= 0 && graph.nodes[node.index] === node)
    .sort((a, b) => a.index - b.index);
}

/**
 * The entity index of a normalised ref, or -1: entities are numbered in
 * ref order, so a binary search over their refs finds it.
 * @internal
 */
export function entityIndexOf(graph: EntityGraph, ref: string): number {
  const refs = graph.refs.refs;
  let low = 0;
  let high = graph.nodes.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const order = compareStrings(refs[mid], ref);
    if (order === 0) return mid;
    if (order < 0) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The id of a lower-cased kind in a graph, or -1 when no entity has it. @internal */
export function kindIdOf(graph: EntityGraph, kind: string): number {
  return graph.kinds.indexOf(kind);
}

/** The scratch {@link Identity} of a classification (a class: see ReadState). */
class IdentityScratch implements Identity {
  kind: string;
  namespace: unknown;
  name: string;
  metadata: JsonRecord;

  constructor() {
    this.kind = '';
    this.namespace = undefined;
    this.name = '';
    this.metadata = {};
  }
}

/**
 * What the reading of one classification shares: refs and raw edges.
 *
 * A class, not an object literal (as are ReadGraph, IdentityScratch and the
 * ref table's byte arrays): optimised code depends on the layout of the
 * objects it reads, and making an object literal a second time with other
 * values changed that layout's field tracking, which threw away the
 * reading, sorting and attribution code at the start of a process's second
 * classification (`--trace-deopt`, `--trace-compilation-dependencies`).
 * Over eight alternating processes each on 10,000 freshly parsed entities,
 * the medians of calls 2-6 summed to 366 ms against 404.5 ms, the second
 * call's 110 against 122.5 ms: what a backend's early refreshes see.
 */
class ReadState {
  parser: RefParser;
  refs: RefTable;
  /** See EntityNode.findingNodes. */
  findingNodes: EntityNode[];
  /**
   * Per edge kind: (candidate number, index in `targets`) pairs; the
   * indices become ref ids once all documents are read.
   */
  edges: IntPairs[];
  /** Edge targets, interned in one batch after reading (see readEntities). */
  targets: string[];
  /** Candidate number of the document being read. */
  candidate: number;
  /** The candidates' refs, copied as they are read (see RefBytes). */
  refBytes: RefBytes;
  /**
   * Per edge kind: refs of the document being read (the first
   * `pendingCount[kind]`), see {@link addEdge}. The arrays are reused, not
   * emptied: emptying frees their storage, and each document would
   * allocate it again.
   */
  pending: string[][];
  pendingCount: Int32Array;
  /** Lower-cased kinds and whether they are valid, by kind as written. */
  kinds: Map<string, { lower: string; valid: boolean }>;
  /** Lower-cased namespaces, or '' when invalid, by namespace as written. */
  namespaces: Map<string, string>;
  /** `kind:default/` by lower-cased kind, see refPrefix. */
  prefixes: Map<string, string>;
  /** Scratch of {@link readIdentity}, reused for every document. */
  identity: Identity;

  constructor(parser: RefParser) {
    this.parser = parser;
    this.refs = new RefTable();
    this.findingNodes = [];
    this.edges = Array.from({ length: EDGE_KINDS }, () => new IntPairs());
    this.targets = [];
    this.candidate = 0;
    this.refBytes = new RefBytes();
    this.pending = Array.from({ length: EDGE_KINDS }, () => []);
    this.pendingCount = new Int32Array(EDGE_KINDS);
    this.kinds = new Map();
    this.namespaces = new Map();
    this.prefixes = new Map();
    this.identity = new IdentityScratch();
  }
}

/**
 * Notes an edge of the document being read. Spec fields and relations
 * mostly name the same refs; dropping the repeats here (while a list is
 * short, as the owner counts in findings expect) saves ref lookups, the
 * costliest part of reading.
 */
function addEdge(state: ReadState, kind: number, ref: string) {
  if (isPendingEdge(state, kind, ref)) return;
  const count = state.pendingCount[kind];
  state.pending[kind][count] = ref;
  state.pendingCount[kind] = count + 1;
}

/**
 * Whether `ref` repeats an edge of this kind the document being read
 * already has (looked for only while the list is short, see addEdge).
 */
function isPendingEdge(state: ReadState, kind: number, ref: string): boolean {
  const count = state.pendingCount[kind];
  if (count > 16) return false;
  const list = state.pending[kind];
  for (let i = 0; i < count; i++) {
    if (list[i] === ref) return true;
  }
  return false;
}

/** Files the document's edges under its candidate number. */
function flushEdges(state: ReadState) {
  for (let kind = 0; kind < EDGE_KINDS; kind++) {
    const count = state.pendingCount[kind];
    if (count === 0) continue;
    const list = state.pending[kind];
    const pairs = state.edges[kind];
    for (let i = 0; i < count; i++) {
      pairs.push(state.candidate, state.targets.length);
      state.targets.push(list[i]);
    }
    state.pendingCount[kind] = 0;
  }
}

/** Spec fields read as references: path, default kind, edge, single or list, kinds it applies to. */
interface SpecRefField {
  field: string;
  defaultKind?: string;
  edge: EdgeField;
  list: boolean;
  kinds?: ReadonlyArray<string>;
}

const SPEC_REF_FIELDS: ReadonlyArray<SpecRefField> = [
  { field: 'owner', defaultKind: 'group', edge: 'owners', list: false },
  {
    field: 'memberOf',
    defaultKind: 'group',
    edge: 'memberOf',
    list: true,
    kinds: ['user'],
  },
  {
    field: 'members',
    defaultKind: 'user',
    edge: 'members',
    list: true,
    kinds: ['group'],
  },
  {
    field: 'parent',
    defaultKind: 'group',
    edge: 'parents',
    list: false,
    kinds: ['group'],
  },
  {
    field: 'children',
    defaultKind: 'group',
    edge: 'children',
    list: true,
    kinds: ['group'],
  },
  { field: 'dependsOn', edge: 'dependsOn', list: true },
  { field: 'dependencyOf', edge: 'dependencyOf', list: true },
  { field: 'consumesApis', defaultKind: 'api', edge: 'dependsOn', list: true },
  { field: 'system', defaultKind: 'system', edge: 'partOf', list: false },
];

/** The same, with each field's path (`spec.<field>`) and edge kind made once. */
const SPEC_REFS: ReadonlyArray<
  SpecRefField & { path: string; edgeKind: number }
> = SPEC_REF_FIELDS.map(def => ({
  ...def,
  path: `spec.${def.field}`,
  edgeKind: EDGES[def.edge],
}));

/** Position of each spec reference field in SPEC_REFS. */
const SPEC_REF_INDEX: ReadonlyMap<string, number> = new Map(
  SPEC_REFS.map((def, f) => [def.field, f]),
);
const SPEC_REFS_ALL = (1 << SPEC_REFS.length) - 1;

/** Catalog relation types, seen from the entity that carries them. */
const RELATION_EDGES: ReadonlyMap<string, number> = new Map<string, number>(
  (
    [
      ['ownedBy', 'owners'],
      ['ownerOf', 'ownerOf'],
      ['memberOf', 'memberOf'],
      ['hasMember', 'members'],
      ['childOf', 'parents'],
      ['parentOf', 'children'],
      ['dependsOn', 'dependsOn'],
      ['consumesApi', 'dependsOn'],
      ['dependencyOf', 'dependencyOf'],
      ['apiConsumedBy', 'dependencyOf'],
      ['partOf', 'partOf'],
      ['hasPart', 'hasPart'],
    ] as Array<[string, EdgeField]>
  ).map(([type, edge]) => [type, EDGES[edge]]),
);

/** Every property name reading gets by plain access (see isPlainRecord). */
const READ_NAMES: ReadonlyArray<string> = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'uid',
  'annotations',
  'spec',
  'relations',
  'type',
  'targetRef',
  ...SPEC_REF_FIELDS.map(def => def.field),
];

/** Longest list of refs read from one spec field. @internal */
export const MAX_LIST_LENGTH = 10000;
const TEMPLATE_SCAN_BUDGET = 200000;

/**
 * Parses refs for one classification. Refs without a kind (`team-a`,
 * `default/team-a`, as spec fields are mostly written) are parsed once per
 * text and default kind in the default namespace: parsing them builds a
 * new string each time, and a catalog repeats them (every entity of a team
 * names the same owner).
 * @internal
 */
export class RefParser {
  private readonly shortForms = new Map<string, Map<string, RefResult>>();

  parse(
    value: unknown,
    defaultKind: string | undefined,
    defaultNamespace: string,
  ): RefResult {
    if (
      defaultKind === undefined ||
      defaultNamespace !== 'default' ||
      typeof value !== 'string' ||
      value.indexOf(':') >= 0
    ) {
      return parseRefWithDefaults(value, defaultKind, defaultNamespace);
    }
    let byText = this.shortForms.get(defaultKind);
    if (!byText) {
      byText = new Map();
      this.shortForms.set(defaultKind, byText);
    }
    let result = byText.get(value);
    if (result === undefined) {
      result = parseRefWithDefaults(value, defaultKind, defaultNamespace);
      byText.set(value, result);
    }
    return result;
  }
}

const TEMPLATE_TEXT = /\{[{%]/;
/**
 * What an unquoted `{{ name }}` becomes in YAML: a flow mapping whose only
 * key is `{ name }`. No entity field is written that way.
 */
const UNQUOTED_PLACEHOLDER_KEY = /^\{[^]*\}$/;

function scanForTemplate(
  value: unknown,
  depth: number,
  budget: { left: number },
): boolean {
  if (--budget.left < 0 || depth > 64) {
    return false;
  }
  if (typeof value === 'string') {
    return TEMPLATE_TEXT.test(value);
  }
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (scanForTemplate(value[i], depth + 1, budget)) return true;
    }
    return false;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (TEMPLATE_TEXT.test(key) || UNQUOTED_PLACEHOLDER_KEY.test(key)) {
      return true;
    }
    if (scanForTemplate((value as JsonRecord)[key], depth + 1, budget))
      return true;
  }
  return false;
}

/**
 * True when a document holds template placeholders (`${{`, `{{`, `{%`)
 * anywhere, in keys or string values. Bounded, so cyclic or huge objects end.
 * @internal
 */
export function isTemplateDocument(doc: unknown): boolean {
  return scanForTemplate(doc, 0, { left: TEMPLATE_SCAN_BUDGET });
}

/**
 * Whether the classifier skips a document as an unrendered template: it
 * holds template placeholders (`${{`, `{{`, `{%`) in a key or string value
 * and is not served by the catalog (no string `metadata.uid`; the catalog
 * has processed those). Comments of the YAML it came from do not count.
 * For readers that report what the classifier skips, such as the CLI.
 *
 * @public
 */
export function isUnrenderedTemplate(doc: unknown): boolean {
  return skipsAsTemplate(doc, getOwn(doc, 'metadata'));
}

/** {@link isUnrenderedTemplate} with the document's metadata at hand. */
function skipsAsTemplate(doc: unknown, metadata: unknown): boolean {
  // Entities served by the catalog were already processed by it; only raw
  // documents can be unrendered templates, so only they are scanned (the
  // scan is the costliest part of reading).
  return !isServedByCatalog(metadata) && isTemplateDocument(doc);
}

/** Whether an entity came from a catalog, which gives each a string uid. */
function isServedByCatalog(metadata: unknown): boolean {
  const uid = isPlainRecord(metadata) ? metadata.uid : getOwn(metadata, 'uid');
  return typeof uid === 'string';
}

/**
 * Reports annotation values that are not strings, which a catalog rejects
 * (spec §2: the CLI assesses such entities, with findings). ML annotations
 * are left to the readers of their values, which report them.
 */
function reportNonStringAnnotations(node: EntityNode, annotations: JsonRecord) {
  for (const key in annotations) {
    if (!Object.prototype.hasOwnProperty.call(annotations, key)) continue;
    const value = annotations[key];
    // null too (`key:` with nothing after it): a catalog rejects it as well
    if (typeof value === 'string' || key.startsWith(ML_ANNOTATION_PREFIX)) {
      continue;
    }
    reportFinding(
      node,
      key,
      value,
      'Annotation values must be strings, and a catalog rejects this entity: quote the value in YAML (e.g. "2")',
    );
  }
}

/** The identity parts of an entity document, see {@link readIdentity}. @internal */
export interface Identity {
  kind: string;
  namespace: unknown;
  name: string;
  metadata: JsonRecord;
}

/**
 * Reads the document's identity into `out` and returns true if it is a
 * Backstage entity, else returns false (`out` is then unspecified). The
 * caller passes one scratch object for all documents: an object per
 * document was a noticeable share of reading's garbage.
 * @internal
 */
export function readIdentity(doc: unknown, out: Identity): boolean {
  let apiVersion: unknown;
  let kind: unknown;
  let metadata: unknown;
  if (isPlainRecord(doc)) {
    apiVersion = doc.apiVersion;
    kind = doc.kind;
    metadata = doc.metadata;
  } else if (isRecord(doc)) {
    apiVersion = getOwn(doc, 'apiVersion');
    kind = getOwn(doc, 'kind');
    metadata = getOwn(doc, 'metadata');
  } else {
    return false;
  }
  if (
    typeof apiVersion !== 'string' ||
    !apiVersion.startsWith('backstage.io/') ||
    typeof kind !== 'string' ||
    kind.length === 0 ||
    !isRecord(metadata)
  ) {
    return false;
  }
  const plain = isPlainRecord(metadata);
  const name = plain ? metadata.name : getOwn(metadata, 'name');
  if (typeof name !== 'string') {
    return false;
  }
  out.kind = kind;
  out.namespace = plain ? metadata.namespace : getOwn(metadata, 'namespace');
  out.name = name;
  out.metadata = metadata;
  return true;
}

const NO_FINDINGS: Finding[] = [];
Object.freeze(NO_FINDINGS);

/**
 * Adds a finding to a node. Most entities have none, so all share one empty
 * (frozen) list until their first finding.
 * @internal
 */
/** Reports a finding on the node's own entity. @internal */
export function reportFinding(
  node: EntityNode,
  field: string,
  value: unknown,
  message: string,
) {
  addFinding(node, makeFinding(node.ref, field, value, message));
}

export function addFinding(node: EntityNode, finding: Finding) {
  if (node.findings === NO_FINDINGS) {
    node.findings = [finding];
    node.findingNodes.push(node);
  } else {
    node.findings.push(finding);
  }
}

function emptyNode(
  raw: JsonRecord,
  ref: string,
  kind: string,
  namespace: string,
  findingNodes: EntityNode[],
): EntityNode {
  return {
    index: -1,
    id: -1,
    ref,
    kind,
    namespace,
    raw,
    annotations: undefined,
    annotationFlags: 0,
    assetType: undefined,
    linkTypes: NO_LINK_TYPES,
    findings: NO_FINDINGS,
    findingNodes,
  };
}

function readSpecRefs(node: EntityNode, state: ReadState) {
  const spec = isPlainRecord(node.raw)
    ? node.raw.spec
    : getOwn(node.raw, 'spec');
  if (spec === undefined) {
    return;
  }
  if (!isRecord(spec)) {
    reportFinding(node, 'spec', spec, 'spec must be an object; it is ignored');
    return;
  }
  const plain = isPlainRecord(spec);
  // Which reference fields the spec has: for a plain object, one pass over
  // its few keys rather than a lookup of every field (see isPlainRecord: a
  // key it enumerates is its own).
  let present = SPEC_REFS_ALL;
  if (plain) {
    present = 0;
    // eslint-disable-next-line guard-for-in -- an inherited key is none of the fields (isPlainRecord)
    for (const key in spec) {
      const f = SPEC_REF_INDEX.get(key);
      if (f !== undefined) present |= 1 << f;
    }
  }
  // Indexed, not `for...of`: this runs for every field of every entity,
  // and the iterator's result objects showed up as garbage.
  for (let f = 0; present !== 0 && f < SPEC_REFS.length; f++) {
    if ((present & (1 << f)) === 0) {
      continue;
    }
    const def = SPEC_REFS[f];
    if (def.kinds && !def.kinds.includes(node.kind)) {
      continue;
    }
    const value = plain ? spec[def.field] : getOwn(spec, def.field);
    if (value === undefined || value === null) {
      continue;
    }
    const path = def.path;
    if (Array.isArray(value)) {
      if (!def.list) {
        reportFinding(
          node,
          path,
          value,
          `${path} must be a single entity reference, not a list; it is ignored`,
        );
        continue;
      }
      const limit = Math.min(value.length, MAX_LIST_LENGTH);
      for (let i = 0; i < limit; i++) {
        readSpecRef(node, state, def, value[i]);
      }
      continue;
    }
    if (def.list && typeof value === 'string') {
      reportFinding(
        node,
        path,
        value,
        `${path} must be a list of entity references; the single value is used`,
      );
    }
    readSpecRef(node, state, def, value);
  }
}

function readSpecRef(
  node: EntityNode,
  state: ReadState,
  def: SpecRefField & { path: string; edgeKind: number },
  value: unknown,
) {
  const result = state.parser.parse(value, def.defaultKind, node.namespace);
  if (typeof result === 'string') {
    addEdge(state, def.edgeKind, result);
  } else {
    reportFinding(
      node,
      def.path,
      value,
      `The reference ${result.error}; it is ignored`,
    );
  }
}

function relationTarget(relation: JsonRecord, plain: boolean): unknown {
  const targetRef = plain ? relation.targetRef : getOwn(relation, 'targetRef');
  if (targetRef !== undefined) {
    return targetRef;
  }
  const target = getOwn(relation, 'target');
  if (isRecord(target)) {
    const kind = getOwn(target, 'kind');
    const namespace = getOwn(target, 'namespace');
    const name = getOwn(target, 'name');
    if (
      typeof kind === 'string' &&
      typeof namespace === 'string' &&
      typeof name === 'string'
    ) {
      return `${kind}:${namespace}/${name}`;
    }
  }
  return target;
}

function readRelations(node: EntityNode, state: ReadState) {
  const relations = isPlainRecord(node.raw)
    ? node.raw.relations
    : getOwn(node.raw, 'relations');
  if (relations === undefined) {
    return;
  }
  if (!Array.isArray(relations)) {
    reportFinding(
      node,
      'relations',
      relations,
      'relations must be a list; it is ignored',
    );
    return;
  }
  const limit = Math.min(relations.length, MAX_LIST_LENGTH * 10);
  for (let i = 0; i < limit; i++) {
    const relation = relations[i];
    const plain = isPlainRecord(relation);
    const type = plain ? relation.type : getOwn(relation, 'type');
    const edge =
      typeof type === 'string' ? RELATION_EDGES.get(type) : undefined;
    if (edge === undefined) {
      continue;
    }
    const target = relationTarget(relation as JsonRecord, plain);
    if (typeof target === 'string' && isPendingEdge(state, edge, target)) {
      // The relation repeats a spec field as written (a ref the parser
      // gave back unchanged), which addEdge would drop: no need to parse.
      continue;
    }
    const result = state.parser.parse(target, undefined, node.namespace);
    if (typeof result === 'string') {
      addEdge(state, edge, result);
    } else {
      reportFinding(
        node,
        `relations.${type}`,
        target,
        `The relation target ${result.error}; it is ignored`,
      );
    }
  }
}

/**
 * The graph readEntities returns: a class, not an object literal (see
 * ReadState), so that making the next classification's graph keeps the
 * optimised code of the passes that read it.
 */
class ReadGraph implements EntityGraph {
  constructor(
    public nodes: EntityNode[],
    public refs: { readonly refs: ReadonlyArray<string> },
    public entityOf: Int32Array,
    public edges: Csr[],
    public findings: Finding[],
    public kindIds: Uint32Array,
    public flags: Uint8Array,
    public kinds: ReadonlyArray<string>,
    public assetTypes: Array<AssetType | undefined>,
    public findingNodes: EntityNode[],
  ) {}
}

/**
 * Reads the input documents into entity nodes, sorted by ref (so that every
 * later step is independent of the input order), and their edges. Non-entities and templates
 * are skipped; unusable names become top-level findings. Never throws.
 * @internal
 */
export function readEntities<C>(
  docs: ReadonlyArray<unknown>,
  parser: RefParser,
  /**
   * Reads more of each entity's document, right after the entity. A
   * module-level function with its `context` beside it, not a closure made
   * per classification: the reading loop is optimised for one call target,
   * and a new closure each time made the engine throw that code away.
   */
  onRead?: (node: EntityNode, context: C) => void,
  context?: C,
): EntityGraph & { findings: Finding[] } {
  checkPrototypeFor(READ_NAMES);
  const findings: Finding[] = [];
  const state = new ReadState(parser);
  // Each step below is a function with one loop: the engine optimises a
  // long function with several loops while its first loop runs, then throws
  // that code away at each later loop it had not seen run yet, on every
  // classification until it has seen them all.
  const candidates = readDocuments(
    Array.isArray(docs) ? docs : [],
    state,
    findings,
    onRead,
    context,
  );
  const { tempIds, firstCandidate } = internCandidates(candidates, state.refs);
  const sortedIds = sortedEntityIds(
    tempIds,
    firstCandidate,
    state.refBytes,
    candidates,
  );
  const entityCount = sortedIds.length;
  const finalIds = entityRanks(sortedIds);
  const numbered = numberEntities(candidates, tempIds, finalIds, entityCount);
  const targetIds = internTargets(state, finalIds);
  for (const pairs of state.edges) {
    remapValues(pairs, targetIds);
  }
  const refs = { refs: refsByFinalId(state.refs.refs, finalIds) };
  const entityOf = new Int32Array(refs.refs.length).fill(-1);
  for (let e = 0; e < entityCount; e++) {
    entityOf[e] = e;
  }
  const edges = state.edges.map(pairs =>
    toCsr(entityCount, pairs, numbered.nodeOfCandidate),
  );
  return new ReadGraph(
    numbered.nodes,
    refs,
    entityOf,
    edges,
    findings,
    numbered.kindIds,
    numbered.flags,
    numbered.kinds,
    numbered.assetTypes,
    state.findingNodes,
  );
}

/** The entities of the documents, in input order (duplicates included). */
function readDocuments<C>(
  list: ReadonlyArray<unknown>,
  state: ReadState,
  findings: Finding[],
  onRead: ((node: EntityNode, context: C) => void) | undefined,
  context: C | undefined,
): EntityNode[] {
  const candidates: EntityNode[] = [];
  for (let d = 0; d < list.length; d++) {
    const doc = list[d];
    state.candidate = candidates.length;
    try {
      const node = readOne(doc, state, findings);
      if (node) {
        onRead?.(node, context as C);
        candidates.push(node);
        state.refBytes.push(node.ref);
      }
    } catch (error) {
      // Drop the edges read before the failure (they are filed only when a
      // document is read to the end).
      state.pendingCount.fill(0);
      findings.push(
        makeFinding(
          'unknown:default/unreadable',
          'document',
          safeJson(String(error)),
          'The document could not be read and is ignored',
        ),
      );
    }
  }
  return candidates;
}

/**
 * The entities' refs interned in input order (duplicates share an id), so
 * their ids are 0 to the number of entities - 1, and the first candidate of
 * each.
 */
function internCandidates(candidates: EntityNode[], refs: RefTable) {
  const interned = {
    tempIds: new Int32Array(candidates.length),
    firstCandidate: [] as number[],
  };
  const { tempIds, firstCandidate } = interned;
  for (let c = 0; c < candidates.length; c++) {
    const id = refs.intern(candidates[c].ref);
    tempIds[c] = id;
    if (id === firstCandidate.length) firstCandidate.push(c);
  }
  return interned;
}

/**
 * The ids of the entities' refs sorted by ref: entities are numbered in ref
 * order, so that every later step is independent of the input order.
 */
function sortedEntityIds(
  tempIds: Int32Array,
  firstCandidate: number[],
  refBytes: RefBytes,
  candidates: EntityNode[],
): Int32Array {
  const sorted = Int32Array.from(firstCandidate);
  refBytes.sort(sorted, c => candidates[c].ref);
  // candidate numbers to ref ids
  for (let e = 0; e < sorted.length; e++) {
    sorted[e] = tempIds[sorted[e]];
  }
  return sorted;
}

/**
 * The final id of each entity ref id: its position in ref order (entity e
 * has ref id e).
 */
function entityRanks(sortedIds: Int32Array): Int32Array {
  const finalIds = new Int32Array(sortedIds.length);
  for (let e = 0; e < sortedIds.length; e++) {
    finalIds[sortedIds[e]] = e;
  }
  return finalIds;
}

/**
 * Interns the edge targets, in one tight loop rather than while reading
 * each document (that keeps the ref map in the CPU caches: interning while
 * reading was much slower), as final ids: an entity's is its position in
 * ref order, other refs keep theirs, which come after the entities'.
 */
function internTargets(state: ReadState, finalIds: Int32Array): Int32Array {
  const { refs, targets } = state;
  const entityCount = finalIds.length;
  const targetIds = new Int32Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const id = refs.intern(targets[i]);
    targetIds[i] = id < entityCount ? finalIds[id] : id;
  }
  return targetIds;
}

/** The refs by final id: the entities' in ref order, then the others. */
function refsByFinalId(refs: string[], finalIds: Int32Array): string[] {
  const entityRefs = refs.slice(0, finalIds.length);
  for (let id = 0; id < finalIds.length; id++) {
    refs[finalIds[id]] = entityRefs[id];
  }
  return refs;
}

/**
 * The candidate of each entity: the first, and all of them for the few
 * entities defined more than once (in input order).
 */
function groupCandidates(
  tempIds: Int32Array,
  finalIds: Int32Array,
  entityCount: number,
) {
  const grouped = {
    chosenCandidate: new Int32Array(entityCount).fill(-1),
    duplicates: undefined as Map<number, number[]> | undefined,
  };
  const { chosenCandidate } = grouped;
  for (let c = 0; c < tempIds.length; c++) {
    const e = finalIds[tempIds[c]];
    if (chosenCandidate[e] < 0) {
      chosenCandidate[e] = c;
    } else {
      grouped.duplicates ??= new Map();
      const group = grouped.duplicates.get(e) ?? [chosenCandidate[e]];
      group.push(c);
      grouped.duplicates.set(e, group);
    }
  }
  return grouped;
}

/**
 * Of the documents defining one entity, the one {@link assessedDuplicateIndex}
 * picks; it gets a finding saying so.
 */
function chooseAmongDuplicates(
  candidates: EntityNode[],
  chosenCandidate: Int32Array,
  duplicates: Map<number, number[]>,
) {
  for (const [e, all] of duplicates) {
    chosenCandidate[e] =
      all[assessedDuplicateIndex(all.map(c => candidates[c].raw))];
    const chosen = candidates[chosenCandidate[e]];
    reportFinding(
      chosen,
      'metadata.name',
      chosen.ref,
      `${all.length} documents define this entity; only one of them is assessed. Give each entity a unique kind, namespace and name`,
    );
  }
}

/**
 * The nodes in ref order (one per entity), and per entity its kind, flags
 * and asset type. The candidates are visited in input order, as their
 * nodes lie in memory.
 */
function numberEntities(
  candidates: EntityNode[],
  tempIds: Int32Array,
  finalIds: Int32Array,
  entityCount: number,
) {
  const { chosenCandidate, duplicates } = groupCandidates(
    tempIds,
    finalIds,
    entityCount,
  );
  if (duplicates) {
    chooseAmongDuplicates(candidates, chosenCandidate, duplicates);
  }
  const numbered = {
    nodes: new Array<EntityNode>(entityCount),
    nodeOfCandidate: new Int32Array(candidates.length).fill(-1),
    kinds: [] as string[],
    kindIdByName: new Map<string, number>(),
    kindIds: new Uint32Array(entityCount),
    flags: new Uint8Array(entityCount),
    assetTypes: new Array<AssetType | undefined>(entityCount),
  };
  fillNodes(candidates, tempIds, finalIds, chosenCandidate, numbered);
  sortKinds(numbered.kinds, numbered.kindIds);
  return numbered;
}

function fillNodes(
  candidates: EntityNode[],
  tempIds: Int32Array,
  finalIds: Int32Array,
  chosenCandidate: Int32Array,
  numbered: {
    nodes: EntityNode[];
    nodeOfCandidate: Int32Array;
    kinds: string[];
    kindIdByName: Map<string, number>;
    kindIds: Uint32Array;
    flags: Uint8Array;
    assetTypes: Array<AssetType | undefined>;
  },
) {
  const { nodes, nodeOfCandidate, kinds, kindIdByName, kindIds } = numbered;
  const { flags, assetTypes } = numbered;
  for (let c = 0; c < candidates.length; c++) {
    const e = finalIds[tempIds[c]];
    if (chosenCandidate[e] !== c) continue;
    const node = candidates[c];
    node.index = e;
    node.id = e;
    nodeOfCandidate[c] = e;
    nodes[e] = node;
    let kindId = kindIdByName.get(node.kind);
    if (kindId === undefined) {
      kindId = kinds.length;
      kinds.push(node.kind);
      kindIdByName.set(node.kind, kindId);
    }
    kindIds[e] = kindId;
    flags[e] = node.annotationFlags;
    assetTypes[e] = node.assetType;
  }
}

/**
 * Kind ids in the order of the kinds' refs (`kind:...`), whatever the
 * input order, as when kinds were numbered in ref order. (Kind ids are
 * given in input order; a catalog has a handful of kinds, hostile input
 * any number.)
 */
function sortKinds(kinds: string[], kindIds: Uint32Array) {
  const sorted = kinds
    .map(kind => `${kind}:`)
    .sort(compareStrings)
    .map(prefix => prefix.slice(0, -1));
  const sortedId = new Map(sorted.map((kind, id) => [kind, id]));
  const newId = kinds.map(kind => sortedId.get(kind)!);
  for (let e = 0; e < kindIds.length; e++) {
    kindIds[e] = newId[kindIds[e]];
  }
  for (let k = 0; k < sorted.length; k++) {
    kinds[k] = sorted[k];
  }
}

function remapValues(pairs: IntPairs, targetIds: Int32Array) {
  const values = pairs.values;
  for (let i = 0; i < pairs.size; i++) {
    values[i] = targetIds[values[i]];
  }
}

/**
 * `kind:namespace/`, made once per kind in the default namespace (nearly
 * every entity): building it per entity cost two intermediate strings.
 */
function refPrefix(state: ReadState, kind: string, namespace: string) {
  if (namespace !== 'default') {
    return `${kind}:${namespace}/`;
  }
  let prefix = state.prefixes.get(kind);
  if (prefix === undefined) {
    prefix = `${kind}:default/`;
    state.prefixes.set(kind, prefix);
  }
  return prefix;
}

/**
 * The ref shown in findings about an unusable identity. A function called
 * only then, not a closure in readOne: that would allocate its context for
 * every entity.
 */
function unusableRef(kind: string, ns: unknown, name: string): string {
  return `${kind.slice(0, 63)}:${
    typeof ns === 'string' ? ns.slice(0, 63).toLowerCase() : 'default'
  }/${name.slice(0, 63).toLowerCase()}`;
}

function readOne(
  doc: unknown,
  state: ReadState,
  findings: Finding[],
): EntityNode | undefined {
  const identity = state.identity;
  if (!readIdentity(doc, identity)) {
    return undefined;
  }
  const served = isServedByCatalog(identity.metadata);
  if (!served && isTemplateDocument(doc)) {
    return undefined;
  }
  // A catalog has a handful of kinds and namespaces: lower-cased and
  // validated once each, not per entity.
  let kindEntry = state.kinds.get(identity.kind);
  if (kindEntry === undefined) {
    kindEntry = {
      lower: identity.kind.toLowerCase(),
      valid: KubernetesValidatorFunctions.isValidKind(identity.kind),
    };
    state.kinds.set(identity.kind, kindEntry);
  }
  const kind = kindEntry.lower;
  let namespace = 'default';
  const ns = identity.namespace;
  if (ns !== undefined) {
    let lower = typeof ns === 'string' ? state.namespaces.get(ns) : '';
    if (lower === undefined) {
      lower = (ns as string).toLowerCase();
      if (!CommonValidatorFunctions.isValidDnsLabel(lower)) {
        lower = '';
      }
      state.namespaces.set(ns as string, lower);
    }
    if (lower === '') {
      findings.push(
        makeFinding(
          unusableRef(kind, ns, identity.name),
          'metadata.namespace',
          ns,
          'metadata.namespace must be a DNS label (letters, digits and dashes, at most 63 characters); the entity is ignored',
        ),
      );
      return undefined;
    }
    namespace = lower;
  }
  if (!kindEntry.valid) {
    findings.push(
      makeFinding(
        unusableRef(kind, ns, identity.name),
        'kind',
        identity.kind,
        'kind must be 1-63 letters and digits starting with a letter; the entity is ignored',
      ),
    );
    return undefined;
  }
  if (!isValidObjectName(identity.name)) {
    findings.push(
      makeFinding(
        unusableRef(kind, ns, identity.name),
        'metadata.name',
        identity.name,
        'metadata.name must be 1-63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit; the entity is ignored',
      ),
    );
    return undefined;
  }
  // Lower-casing the whole text (kind and namespace already are) yields a
  // flat string, not a concatenation: map lookups by ref, the bulk of the
  // classifier's work, are several times faster on flat strings.
  const ref = `${refPrefix(state, kind, namespace)}${
    identity.name
  }`.toLowerCase();
  const node = emptyNode(
    doc as JsonRecord,
    ref,
    kind,
    namespace,
    state.findingNodes,
  );
  if (hasLiteralFactKey(doc)) {
    node.annotationFlags = ANNOTATION_FLAGS.literalFactKey;
  }
  const annotations = isPlainRecord(identity.metadata)
    ? identity.metadata.annotations
    : getOwn(identity.metadata, 'annotations');
  if (isRecord(annotations)) {
    node.annotations = annotations;
    node.annotationFlags |= annotationFlagsOf(annotations);
    if (!served) reportNonStringAnnotations(node, annotations);
  } else if (annotations !== undefined && annotations !== null) {
    reportFinding(
      node,
      'metadata.annotations',
      annotations,
      'metadata.annotations must be a map of string values; it is ignored',
    );
  }
  readSpecRefs(node, state);
  readRelations(node, state);
  flushEdges(state);
  return node;
}

/**
 * For a catalog document the classifier does not assess because its
 * `apiVersion` is outside `backstage.io/` (a scaffolder Template, say): its
 * own normalised ref and the owner refs it names through `spec.owner` and
 * `ownedBy` relations, parsed as for assessed entities. Undefined for any
 * other document, or one without a usable ref. Such documents take no part
 * in classification; a backend uses their owners only to decide who may see
 * an implicit team (see ClassificationDetails.implicitTeamReferrers).
 * @internal
 */
export function unassessedOwnerRefs(
  doc: unknown,
  parser: RefParser,
): { ref: string; owners: string[] } | undefined {
  const apiVersion = getOwn(doc, 'apiVersion');
  if (
    typeof apiVersion !== 'string' ||
    apiVersion.startsWith('backstage.io/')
  ) {
    return undefined;
  }
  const kind = getOwn(doc, 'kind');
  const metadata = getOwn(doc, 'metadata');
  const name = getOwn(metadata, 'name');
  const ns = getOwn(metadata, 'namespace');
  const namespace = typeof ns === 'string' ? ns.toLowerCase() : 'default';
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  const ref = parser.parse(
    `${kind}:${namespace}/${name}`,
    undefined,
    namespace,
  );
  if (typeof ref !== 'string') return undefined;
  const owners: string[] = [];
  const owner = parser.parse(
    getOwn(getOwn(doc, 'spec'), 'owner'),
    'group',
    namespace,
  );
  if (typeof owner === 'string') owners.push(owner);
  const relations = getOwn(doc, 'relations');
  if (Array.isArray(relations)) {
    const limit = Math.min(relations.length, MAX_LIST_LENGTH * 10);
    for (let i = 0; i < limit; i++) {
      const relation = relations[i];
      if (getOwn(relation, 'type') !== 'ownedBy') continue;
      const target = parser.parse(
        relationTarget(relation as JsonRecord, false),
        undefined,
        namespace,
      );
      if (typeof target === 'string') owners.push(target);
    }
  }
  return { ref, owners };
}
