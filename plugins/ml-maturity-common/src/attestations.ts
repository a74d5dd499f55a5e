import { TeamNode } from './attribution';
import { ANNOTATION_ATTEST_PREFIX } from './constants';
import { ANNOTATION_FLAGS, EntityNode, reportFinding } from './entities';
import {
  ItemAttestation,
  ItemResult,
  KitItemDefinition,
  PortalAttestation,
} from './types';
import { compareStrings, getOwn, isHttpUrl } from './util';

/** What is known about one item's attestations for one team. @internal */
export interface AttestationState {
  active: ItemAttestation[];
  expired: PortalAttestation[];
  /** Why an attestation of this item was ignored. */
  ignored: string[];
}

/** team ref → item id → state. @internal */
export type AttestationIndex = Map<string, Map<string, AttestationState>>;

function stateOf(
  index: AttestationIndex,
  team: string,
  itemId: string,
): AttestationState {
  let byItem = index.get(team);
  if (!byItem) {
    byItem = new Map();
    index.set(team, byItem);
  }
  let state = byItem.get(itemId);
  if (!state) {
    state = { active: [], expired: [], ignored: [] };
    byItem.set(itemId, state);
  }
  return state;
}

function readAnnotationAttestations(
  node: EntityNode,
  items: ReadonlyMap<string, KitItemDefinition>,
  index: AttestationIndex,
) {
  if (!node.annotations || !(node.annotationFlags & ANNOTATION_FLAGS.ml)) {
    return;
  }
  // `for...in` with an own-key check visits the keys of Object.keys in the
  // same order, without copying them into a new array for every entity.
  for (const key in node.annotations) {
    if (
      !Object.prototype.hasOwnProperty.call(node.annotations, key) ||
      !key.startsWith(ANNOTATION_ATTEST_PREFIX)
    ) {
      continue;
    }
    const value = getOwn(node.annotations, key);
    const itemId = key.slice(ANNOTATION_ATTEST_PREFIX.length);
    if (node.kind !== 'group') {
      reportFinding(
        node,
        key,
        value,
        "Attestations are only read on Group entities: move the annotation to the team's Group",
      );
      continue;
    }
    const item = items.get(itemId);
    if (!item) {
      reportFinding(
        node,
        key,
        value,
        `Unknown checklist item "${itemId.slice(
          0,
          100,
        )}": use ml-maturity.io/attest.<itemId> with the id of an attestable item (e.g. starter.process.data-management)`,
      );
      continue;
    }
    if (!item.attestable) {
      reportFinding(
        node,
        key,
        value,
        `Item ${itemId} is not attestable: it is met from the catalog (${item.howTo.slice(
          0,
          120,
        )}...)`,
      );
      stateOf(index, node.ref, itemId).ignored.push(
        `the attestation annotation ${key} was ignored because the item is not attestable`,
      );
      continue;
    }
    const url = typeof value === 'string' ? value.trim() : value;
    if (!isHttpUrl(url)) {
      reportFinding(
        node,
        key,
        value,
        'An attestation must be an http(s) URL of the evidence; it is ignored',
      );
      stateOf(index, node.ref, itemId).ignored.push(
        `the attestation annotation ${key} was ignored because its value is not an http(s) URL`,
      );
      continue;
    }
    const problem = evidenceTextProblem(url);
    if (problem) {
      reportFinding(
        node,
        key,
        value,
        `The evidence URL ${problem}; it is ignored`,
      );
      stateOf(index, node.ref, itemId).ignored.push(
        `the attestation annotation ${key} was ignored because its URL has spaces, control, invisible or text-direction characters`,
      );
      continue;
    }
    stateOf(index, node.ref, itemId).active.push({ source: 'annotation', url });
  }
}

/**
 * Whether a value is a URL the classifier accepts as an attestation's
 * evidence: an absolute `http://` or `https://` URL with a host, at most
 * 4,096 characters. A portal attestation whose URL fails this is ignored,
 * so an API that stores attestations should refuse such URLs.
 *
 * @public
 */
export function isEvidenceUrl(value: unknown): value is string {
  return isHttpUrl(value);
}

/**
 * Whether a text holds a control character (U+0000 to U+001F, U+007F),
 * other than tab, line feed and carriage return when `allowLineBreaks`.
 * PostgreSQL refuses U+0000 in text; the others have no place in refs and
 * URLs.
 *
 * @public
 */
export function containsControlCharacters(
  text: string,
  options: { allowLineBreaks?: boolean } = {},
): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x1f && code !== 0x7f) continue;
    const lineBreak = code === 0x09 || code === 0x0a || code === 0x0d;
    if (!(lineBreak && options.allowLineBreaks)) return true;
  }
  return false;
}

/**
 * Characters that show nothing or reorder the text around them: Unicode's
 * default-ignorable code points (soft hyphen, zero-width characters, word
 * joiner and invisible operators, byte order mark, but also the combining
 * grapheme joiner, Hangul fillers, variation selectors and the invisible
 * tag characters U+E0000 to U+E007F) and its bidi controls (marks,
 * embeddings, overrides, isolates): in a URL they let
 * `https://evil.example/\u202Egpj.exe` read as something else.
 */
const INVISIBLE_CHARACTER =
  /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/u;

/**
 * Why an evidence URL's text cannot be shown as it is, or undefined: white
 * space, control, invisible or text-direction characters. The part of
 * {@link evidenceUrlProblem} that also applies to attestations as code
 * (their URLs are shown as evidence to every reader of the team too).
 */
function evidenceTextProblem(value: string): string | undefined {
  if (/\s/.test(value) || containsControlCharacters(value)) {
    return 'must not contain spaces or control characters';
  }
  const invisible = INVISIBLE_CHARACTER.exec(value);
  if (invisible) {
    // the code point, not half of a surrogate pair (tag characters)
    const code = (invisible[0].codePointAt(0) ?? 0)
      .toString(16)
      .toUpperCase()
      .padStart(4, '0');
    return `must not contain invisible or text-direction characters (it has U+${code}): they make a URL read as another to everyone who sees the evidence`;
  }
  return undefined;
}

/**
 * Why a URL cannot be recorded as a portal attestation's evidence, or
 * undefined when it can: it must pass {@link isEvidenceUrl}, hold no white
 * space, control, invisible or text-direction characters, and carry no user name or password (every
 * reader of the team sees the evidence). For an API and a form to say the
 * same thing.
 *
 * @public
 */
export function evidenceUrlProblem(value: string): string | undefined {
  const text = evidenceTextProblem(value);
  if (text) {
    return text;
  }
  if (!isEvidenceUrl(value)) {
    return 'must be an absolute http:// or https:// URL with a host, e.g. https://wiki.example.com/ml/use-cases';
  }
  const url = new URL(value);
  if (url.username || url.password) {
    return 'must not contain a user name or password: everyone who can see the team sees the evidence URL';
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readPortalAttestation(
  raw: unknown,
  teams: ReadonlyMap<string, TeamNode>,
  items: ReadonlyMap<string, KitItemDefinition>,
  nowMs: number,
  index: AttestationIndex,
) {
  const teamRef = str(getOwn(raw, 'teamRef'))?.toLowerCase();
  const itemId = str(getOwn(raw, 'itemId'));
  const url = str(getOwn(raw, 'url'));
  const id = str(getOwn(raw, 'id'));
  const by = str(getOwn(raw, 'by'));
  const at = str(getOwn(raw, 'at'));
  const expiresAt = str(getOwn(raw, 'expiresAt'));
  if (!teamRef || !itemId || !teams.has(teamRef) || !isHttpUrl(url)) {
    return;
  }
  if (!items.get(itemId)?.attestable) {
    return;
  }
  const expiresMs = expiresAt === undefined ? NaN : Date.parse(expiresAt);
  const state = stateOf(index, teamRef, itemId);
  const attestation: PortalAttestation = {
    id: id ?? '',
    teamRef,
    itemId,
    url,
    by: by ?? '',
    at: at ?? '',
    expiresAt: expiresAt ?? '',
  };
  if (Number.isNaN(expiresMs) || expiresMs <= nowMs) {
    state.expired.push(attestation);
    return;
  }
  const active: ItemAttestation = { source: 'portal', url };
  if (id !== undefined) active.id = id;
  if (by !== undefined) active.by = by;
  if (at !== undefined) active.at = at;
  active.expiresAt = expiresAt;
  state.active.push(active);
}

/**
 * Collects attestations as code (Group annotations) and portal attestations,
 * per team and item. Findings about annotations go on the Group nodes.
 * @internal
 */
export function collectAttestations(options: {
  nodes: EntityNode[];
  /** Each entity's annotation flags (EntityGraph.flags), if known. */
  flags?: Uint8Array;
  teams: ReadonlyMap<string, TeamNode>;
  items: ReadonlyMap<string, KitItemDefinition>;
  portal: ReadonlyArray<unknown> | undefined;
  nowMs: number;
}): AttestationIndex {
  const index: AttestationIndex = new Map();
  const { nodes, flags } = options;
  for (let e = 0; e < nodes.length; e++) {
    // Attestation annotations are ML annotations: without the flag, the
    // node need not be read.
    if (flags && !(flags[e] & ANNOTATION_FLAGS.ml)) continue;
    readAnnotationAttestations(nodes[e], options.items, index);
  }
  const portal = Array.isArray(options.portal) ? options.portal : [];
  for (const raw of portal) {
    readPortalAttestation(
      raw,
      options.teams,
      options.items,
      options.nowMs,
      index,
    );
  }
  return index;
}

/** Annotation first (it does not expire), then the latest portal one. */
function compareAttestations(a: ItemAttestation, b: ItemAttestation): number {
  if (a.source !== b.source) {
    return a.source === 'annotation' ? -1 : 1;
  }
  return (
    compareStrings(b.at ?? '', a.at ?? '') ||
    compareStrings(a.url, b.url) ||
    compareStrings(a.id ?? '', b.id ?? '')
  );
}

/**
 * An item's result without attestation or reason, its fields in the
 * order of the JSON output. Built once per item and scope with its final
 * status and evidence (every team and rollup has one per item), rather
 * than built unmet and then changed.
 */
function itemResult(
  item: KitItemDefinition,
  status: ItemResult['status'],
  evidence: string[],
): ItemResult {
  return {
    id: item.id,
    kit: item.kit,
    dimension: item.dimension,
    required: item.required,
    status,
    evidence,
  };
}

/**
 * The status {@link resolveItem} gives, without building the item's result.
 * @internal
 */
export function resolveStatus(
  item: KitItemDefinition,
  ruleHolds: boolean,
  states: ReadonlyArray<AttestationState>,
): ItemResult['status'] {
  if (ruleHolds) {
    return 'met';
  }
  if (item.attestable) {
    for (const state of states) {
      if (state.active.length > 0) return 'attested';
    }
  }
  return 'unmet';
}

/**
 * The status of an item for a team (or a rollup's teams) given whether its
 * rule holds: a met rule wins over an attestation.
 * @internal
 */
export function resolveItem(options: {
  item: KitItemDefinition;
  ruleHolds: boolean;
  evidence: string[];
  states: ReadonlyArray<AttestationState>;
}): ItemResult {
  const { item, ruleHolds, evidence, states } = options;
  if (ruleHolds) {
    return itemResult(item, 'met', evidence);
  }
  if (states.length === 0) {
    // Nothing attested, expired or ignored: unmet without a reason.
    return itemResult(item, 'unmet', []);
  }
  const active = item.attestable
    ? states.flatMap(s => s.active).sort(compareAttestations)
    : [];
  if (active.length > 0) {
    const attested = itemResult(
      item,
      'attested',
      Array.from(new Set(active.map(a => a.url))).sort(compareStrings),
    );
    attested.attestation = active[0];
    return attested;
  }
  const result = itemResult(item, 'unmet', []);
  // the one that expired last; of those expiring together, the latest
  // recorded, then by id: the reason does not depend on the input's order
  const expired = states
    .flatMap(s => s.expired)
    .sort(
      (a, b) =>
        compareStrings(b.expiresAt, a.expiresAt) ||
        compareStrings(b.at, a.at) ||
        compareStrings(a.id, b.id),
    );
  const reasons: string[] = [];
  if (expired.length > 0) {
    const last = expired[0];
    reasons.push(
      `The portal attestation${last.by ? ` by ${last.by}` : ''}${
        last.at ? ` recorded ${last.at}` : ''
      } expired ${
        last.expiresAt ? `on ${last.expiresAt}` : '(no valid expiry date)'
      }; attest again with current evidence`,
    );
  }
  const ignored = Array.from(new Set(states.flatMap(s => s.ignored))).sort(
    compareStrings,
  );
  for (const text of ignored) {
    reasons.push(text.charAt(0).toUpperCase() + text.slice(1));
  }
  if (reasons.length > 0) {
    result.reason = reasons.join('. ');
  }
  return result;
}
