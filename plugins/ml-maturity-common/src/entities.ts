import {
  CommonValidatorFunctions,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';
import { Finding } from './types';
import { makeFinding } from './findings';
import { parseRefWithDefaults, RefResult } from './refs';
import { compareStrings, getOwn, isRecord, JsonRecord, safeJson } from './util';

/**
 * One entity as the classifier sees it: its normalised ref, the refs it points
 * to (spec fields and relations merged) and its own findings.
 * @internal
 */
export interface EntityNode {
  index: number;
  ref: string;
  /** lower-case kind */
  kind: string;
  namespace: string;
  raw: JsonRecord;
  annotations: JsonRecord | undefined;
  findings: Finding[];
  owners: string[];
  ownerOf: string[];
  memberOf: string[];
  members: string[];
  parents: string[];
  children: string[];
  dependsOn: string[];
  dependencyOf: string[];
  partOf: string[];
  hasPart: string[];
}

/** @internal */
export type EdgeField =
  | 'owners'
  | 'ownerOf'
  | 'memberOf'
  | 'members'
  | 'parents'
  | 'children'
  | 'dependsOn'
  | 'dependencyOf'
  | 'partOf'
  | 'hasPart';

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

/** The same, with each field's path (`spec.<field>`) made once. */
const SPEC_REFS: ReadonlyArray<SpecRefField & { path: string }> =
  SPEC_REF_FIELDS.map(def => ({ ...def, path: `spec.${def.field}` }));

/** Catalog relation types, seen from the entity that carries them. */
const RELATION_EDGES: ReadonlyMap<string, EdgeField> = new Map<
  string,
  EdgeField
>([
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
]);

const MAX_LIST_LENGTH = 10000;
const TEMPLATE_SCAN_BUDGET = 200000;

/** Parses refs for one classification. @internal */
export class RefParser {
  parse(
    value: unknown,
    defaultKind: string | undefined,
    defaultNamespace: string,
  ): RefResult {
    return parseRefWithDefaults(value, defaultKind, defaultNamespace);
  }
}

const TEMPLATE_TEXT = /\{[{%]/;

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
    if (TEMPLATE_TEXT.test(key)) return true;
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

/** The document's identity if it is a Backstage entity, else undefined. @internal */
export function readIdentity(
  doc: unknown,
):
  | { kind: string; namespace: unknown; name: string; metadata: JsonRecord }
  | undefined {
  if (!isRecord(doc)) {
    return undefined;
  }
  const apiVersion = getOwn(doc, 'apiVersion');
  const kind = getOwn(doc, 'kind');
  const metadata = getOwn(doc, 'metadata');
  if (
    typeof apiVersion !== 'string' ||
    !apiVersion.startsWith('backstage.io/') ||
    typeof kind !== 'string' ||
    kind.length === 0 ||
    !isRecord(metadata)
  ) {
    return undefined;
  }
  const name = getOwn(metadata, 'name');
  if (typeof name !== 'string') {
    return undefined;
  }
  return { kind, namespace: getOwn(metadata, 'namespace'), name, metadata };
}

const NO_EDGES: string[] = [];
Object.freeze(NO_EDGES);

const NO_FINDINGS: Finding[] = [];
Object.freeze(NO_FINDINGS);

/**
 * Adds a finding to a node. Most entities have none, so all share one empty
 * (frozen) list until their first finding.
 * @internal
 */
export function addFinding(node: EntityNode, finding: Finding) {
  if (node.findings === NO_FINDINGS) {
    node.findings = [finding];
  } else {
    node.findings.push(finding);
  }
}

/** Adds an edge; small lists are kept free of duplicates. @internal */
export function pushEdge(node: EntityNode, edge: EdgeField, ref: string) {
  const list = node[edge];
  if (list === NO_EDGES) {
    node[edge] = [ref];
  } else if (list.length > 16 || !list.includes(ref)) {
    list.push(ref);
  }
}

function emptyNode(
  raw: JsonRecord,
  ref: string,
  kind: string,
  namespace: string,
): EntityNode {
  return {
    index: -1,
    ref,
    kind,
    namespace,
    raw,
    annotations: undefined,
    findings: NO_FINDINGS,
    owners: NO_EDGES,
    ownerOf: NO_EDGES,
    memberOf: NO_EDGES,
    members: NO_EDGES,
    parents: NO_EDGES,
    children: NO_EDGES,
    dependsOn: NO_EDGES,
    dependencyOf: NO_EDGES,
    partOf: NO_EDGES,
    hasPart: NO_EDGES,
  };
}

function readSpecRefs(node: EntityNode, parser: RefParser) {
  const spec = getOwn(node.raw, 'spec');
  if (spec === undefined) {
    return;
  }
  if (!isRecord(spec)) {
    addFinding(
      node,
      makeFinding(
        node.ref,
        'spec',
        spec,
        'spec must be an object; it is ignored',
      ),
    );
    return;
  }
  for (const def of SPEC_REFS) {
    if (def.kinds && !def.kinds.includes(node.kind)) {
      continue;
    }
    const value = getOwn(spec, def.field);
    if (value === undefined || value === null) {
      continue;
    }
    const path = def.path;
    if (Array.isArray(value)) {
      if (!def.list) {
        addFinding(
          node,
          makeFinding(
            node.ref,
            path,
            value,
            `${path} must be a single entity reference, not a list; it is ignored`,
          ),
        );
        continue;
      }
      const limit = Math.min(value.length, MAX_LIST_LENGTH);
      for (let i = 0; i < limit; i++) {
        readSpecRef(node, parser, def, value[i]);
      }
      continue;
    }
    if (def.list && typeof value === 'string') {
      addFinding(
        node,
        makeFinding(
          node.ref,
          path,
          value,
          `${path} must be a list of entity references; the single value is used`,
        ),
      );
    }
    readSpecRef(node, parser, def, value);
  }
}

function readSpecRef(
  node: EntityNode,
  parser: RefParser,
  def: SpecRefField & { path: string },
  value: unknown,
) {
  const result = parser.parse(value, def.defaultKind, node.namespace);
  if (typeof result === 'string') {
    pushEdge(node, def.edge, result);
  } else {
    addFinding(
      node,
      makeFinding(
        node.ref,
        def.path,
        value,
        `The reference ${result.error}; it is ignored`,
      ),
    );
  }
}

function relationTarget(relation: JsonRecord): unknown {
  const targetRef = getOwn(relation, 'targetRef');
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

function readRelations(node: EntityNode, parser: RefParser) {
  const relations = getOwn(node.raw, 'relations');
  if (relations === undefined) {
    return;
  }
  if (!Array.isArray(relations)) {
    addFinding(
      node,
      makeFinding(
        node.ref,
        'relations',
        relations,
        'relations must be a list; it is ignored',
      ),
    );
    return;
  }
  const limit = Math.min(relations.length, MAX_LIST_LENGTH * 10);
  for (let i = 0; i < limit; i++) {
    const relation = relations[i];
    const type = getOwn(relation, 'type');
    const edge =
      typeof type === 'string' ? RELATION_EDGES.get(type) : undefined;
    if (!edge) {
      continue;
    }
    const target = relationTarget(relation as JsonRecord);
    const result = parser.parse(target, undefined, node.namespace);
    if (typeof result === 'string') {
      pushEdge(node, edge, result);
    } else {
      addFinding(
        node,
        makeFinding(
          node.ref,
          `relations.${type}`,
          target,
          `The relation target ${result.error}; it is ignored`,
        ),
      );
    }
  }
}

/**
 * Reads the input documents into entity nodes, sorted by ref (so that every
 * later step is independent of the input order). Non-entities and templates
 * are skipped; unusable names become top-level findings. Never throws.
 * @internal
 */
export function readEntities(
  docs: ReadonlyArray<unknown>,
  parser: RefParser,
): { nodes: EntityNode[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const candidates: EntityNode[] = [];
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    try {
      const node = readOne(doc, parser, findings);
      if (node) {
        candidates.push(node);
      }
    } catch (error) {
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
  candidates.sort((a, b) => compareStrings(a.ref, b.ref));
  const nodes: EntityNode[] = [];
  for (let i = 0; i < candidates.length; ) {
    let j = i + 1;
    while (j < candidates.length && candidates[j].ref === candidates[i].ref) {
      j++;
    }
    let chosen = candidates[i];
    if (j - i > 1) {
      // Duplicates: keep the one with the smallest JSON text, so the choice
      // does not depend on the input order.
      let best = safeJson(chosen.raw);
      for (let k = i + 1; k < j; k++) {
        const text = safeJson(candidates[k].raw);
        if (text < best) {
          best = text;
          chosen = candidates[k];
        }
      }
      addFinding(
        chosen,
        makeFinding(
          chosen.ref,
          'metadata.name',
          chosen.ref,
          `${
            j - i
          } documents define this entity; only one of them is assessed. Give each entity a unique kind, namespace and name`,
        ),
      );
    }
    chosen.index = nodes.length;
    nodes.push(chosen);
    i = j;
  }
  return { nodes, findings };
}

function readOne(
  doc: unknown,
  parser: RefParser,
  findings: Finding[],
): EntityNode | undefined {
  const identity = readIdentity(doc);
  if (!identity) {
    return undefined;
  }
  // Entities served by the catalog (they carry a uid) were already processed
  // by it; only raw documents can be unrendered templates, so only they are
  // scanned (the scan is the costliest part of reading).
  if (
    typeof getOwn(identity.metadata, 'uid') !== 'string' &&
    isTemplateDocument(doc)
  ) {
    return undefined;
  }
  const kind = identity.kind.toLowerCase();
  let namespace = 'default';
  const ns = identity.namespace;
  // The ref shown in findings about an unusable identity; built only then.
  const shownRef = () =>
    `${kind.slice(0, 63)}:${
      typeof ns === 'string' ? ns.slice(0, 63).toLowerCase() : 'default'
    }/${identity.name.slice(0, 63).toLowerCase()}`;
  if (ns !== undefined) {
    if (
      typeof ns !== 'string' ||
      !CommonValidatorFunctions.isValidDnsLabel(ns.toLowerCase())
    ) {
      findings.push(
        makeFinding(
          shownRef(),
          'metadata.namespace',
          ns,
          'metadata.namespace must be a DNS label (letters, digits and dashes, at most 63 characters); the entity is ignored',
        ),
      );
      return undefined;
    }
    namespace = ns.toLowerCase();
  }
  if (!KubernetesValidatorFunctions.isValidKind(identity.kind)) {
    findings.push(
      makeFinding(
        shownRef(),
        'kind',
        identity.kind,
        'kind must be 1-63 letters and digits starting with a letter; the entity is ignored',
      ),
    );
    return undefined;
  }
  if (!KubernetesValidatorFunctions.isValidObjectName(identity.name)) {
    findings.push(
      makeFinding(
        shownRef(),
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
  const ref = `${kind}:${namespace}/${identity.name}`.toLowerCase();
  const node = emptyNode(doc as JsonRecord, ref, kind, namespace);
  const annotations = getOwn(identity.metadata, 'annotations');
  if (isRecord(annotations)) {
    node.annotations = annotations;
  } else if (annotations !== undefined && annotations !== null) {
    addFinding(
      node,
      makeFinding(
        node.ref,
        'metadata.annotations',
        annotations,
        'metadata.annotations must be a map of string values; it is ignored',
      ),
    );
  }
  readSpecRefs(node, parser);
  readRelations(node, parser);
  return node;
}
