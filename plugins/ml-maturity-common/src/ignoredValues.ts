import {
  ANNOTATION_ACCELERATOR,
  ANNOTATION_CURATED,
  ANNOTATION_FAULT_TOLERANT,
  ANNOTATION_HOSTING,
  ANNOTATION_OPEN_SOURCE,
  ANNOTATION_ORCHESTRATOR,
  ANNOTATION_SCOPE,
  ANNOTATION_TUTORIAL_LEVEL,
  ML_ANNOTATION_PREFIX,
} from './constants';
import { nearestKnownKey } from './facts';
import { UNKNOWN_KEY_MESSAGE_START } from './findings';
import { requiredAssetTypes } from './filters';
import { Finding, ItemResult, KitRule } from './types';

/**
 * The annotation each `ml.` fact of an asset's attributes is read from
 * (spec §3). Not the asset type (nearly every technology item reads it, so
 * an ignored type would be named everywhere; its finding says enough) nor
 * roles (likewise for every people item).
 */
const ANNOTATION_OF_FACT: Readonly<Record<string, string>> = {
  curated: ANNOTATION_CURATED,
  scope: ANNOTATION_SCOPE,
  tutorialLevel: ANNOTATION_TUTORIAL_LEVEL,
  hosting: ANNOTATION_HOSTING,
  faultTolerant: ANNOTATION_FAULT_TOLERANT,
  accelerator: ANNOTATION_ACCELERATOR,
  orchestrator: ANNOTATION_ORCHESTRATOR,
  openSource: ANNOTATION_OPEN_SOURCE,
};

/** Ignored values named in one reason at most (the findings have all). */
const MAX_ENTRIES = 10;
/**
 * Start of the part of an item's reason that names ignored values; it is
 * the reason's last part (see ignoredValuesText).
 * @public
 */
export const IGNORED_VALUES_REASON_START =
  'Ignored annotation values may be why (see the findings): ';

/** An ignored value named in an item's reason. @public */
export interface IgnoredValueEntry {
  /** The annotation key as written. */
  key: string;
  value: string;
  entityRef: string;
}

/**
 * The ignored-values part of a reason: `key = "value" on ref` entries (the
 * value as JSON text, its quotes escaped) joined by `; `.
 * @public
 */
export function ignoredValuesText(
  entries: ReadonlyArray<IgnoredValueEntry>,
): string {
  return `${IGNORED_VALUES_REASON_START}${entries
    .map(e => `${e.key} = ${JSON.stringify(e.value)} on ${e.entityRef}`)
    .join('; ')}`;
}

/** One entry of the ignored-values part of a reason, as ignoredValuesText writes it. */
const ENTRY = /(\S+) = ("(?:[^"\\]|\\.)*") on (\S+?)(?=; |$)/g;

/**
 * The entries of a reason's ignored-values part, parsed back, and the
 * reason before it (without the joining `. `); undefined when the reason
 * has no such part.
 * @public
 */
export function ignoredValueEntries(
  reason: string,
): { before: string; entries: IgnoredValueEntry[] } | undefined {
  const at = reason.indexOf(IGNORED_VALUES_REASON_START);
  if (at < 0) return undefined;
  const before = reason.slice(0, at).replace(/\. $/, '');
  const entries = [
    ...reason.slice(at + IGNORED_VALUES_REASON_START.length).matchAll(ENTRY),
  ].flatMap(m => {
    try {
      return [
        { key: m[1], value: JSON.parse(m[2]) as string, entityRef: m[3] },
      ];
    } catch {
      return []; // not an entry this module wrote: left out
    }
  });
  return { before, entries };
}

/**
 * What one filter of a rule reads: annotations (through `ml.` facts), on
 * assets of these types (upper case; undefined for any entity).
 * @internal
 */
export interface AnnotationUse {
  annotations: ReadonlySet<string>;
  assetTypes: ReadonlySet<string> | undefined;
}

/**
 * The annotations each filter of a rule reads through `ml.` facts: an
 * ignored value of one of them, on an entity the filter could match, may
 * be why the rule does not hold.
 * @internal
 */
export function annotationsReadBy(rule: KitRule | undefined): AnnotationUse[] {
  const uses: AnnotationUse[] = [];
  const visitRule = (r: KitRule | undefined, depth: number) => {
    if (!r || depth > 32) return;
    const annotations = new Set<string>();
    collectAnnotations(r.filter, annotations, 0);
    if (annotations.size > 0) {
      uses.push({ annotations, assetTypes: requiredAssetTypes(r.filter) });
    }
    r.allOf?.forEach(sub => visitRule(sub, depth + 1));
  };
  visitRule(rule, 0);
  return uses;
}

function collectAnnotations(value: unknown, into: Set<string>, depth: number) {
  if (depth > 32 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) collectAnnotations(v, into, depth + 1);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('ml.')) {
      const annotation = ANNOTATION_OF_FACT[key.slice(3)];
      if (annotation) into.add(annotation);
    }
    collectAnnotations(v, into, depth + 1);
  }
}

/** The annotation a finding is about: its key, or the key an unknown one was probably meant to be. */
function annotationOf(finding: Finding): string {
  if (finding.message.startsWith(UNKNOWN_KEY_MESSAGE_START)) {
    return nearestKnownKey(finding.field) ?? finding.field;
  }
  return finding.field;
}

/**
 * Gives each unmet item of a team a `reason` naming the ignored values
 * (unknown values, misspelt keys, non-strings: the team's findings) of the
 * annotations its rule reads, on entities the rule could match (spec §7:
 * `reason` explains a status, such as an ignored value). The findings are
 * the team's own (its entities, members and Group), in sorted order.
 * @internal
 */
export function explainIgnoredValues(
  items: ItemResult[],
  findings: ReadonlyArray<Finding>,
  usesOf: ReadonlyMap<string, ReadonlyArray<AnnotationUse>>,
  /** The asset type of an entity of the input, if it has one. */
  assetTypeOf: (entityRef: string) => string | undefined,
): void {
  const candidates = findings.filter(f =>
    f.field.startsWith(ML_ANNOTATION_PREFIX),
  );
  if (candidates.length === 0) return;
  // Each candidate's annotation (a misspelt key's costs edit distances)
  // and entity's asset type are worked out once for the team, not once
  // per item: an entity can have thousands of such findings.
  const annotations = candidates.map(annotationOf);
  const assetTypes: Array<string | undefined> = new Array(candidates.length);
  const assetTypeAt = (i: number) =>
    (assetTypes[i] ??= (
      assetTypeOf(candidates[i].entityRef) ?? ''
    ).toUpperCase());
  for (const item of items) {
    if (item.status !== 'unmet') continue;
    const uses = usesOf.get(item.id);
    if (!uses || uses.length === 0) continue;
    // The first MAX_ENTRIES relevant findings, in the findings' order.
    const relevant: Finding[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const annotation = annotations[i];
      if (
        uses.some(
          use =>
            use.annotations.has(annotation) &&
            (use.assetTypes === undefined ||
              use.assetTypes.has(assetTypeAt(i))),
        )
      ) {
        relevant.push(candidates[i]);
        if (relevant.length === MAX_ENTRIES) break;
      }
    }
    if (relevant.length === 0) continue;
    // No "and n more": a reader that hides entities drops the entries of
    // entities the caller may not read (see ignoredValueEntries), and a
    // count would still tell of them. The findings list them all.
    const text = ignoredValuesText(
      relevant.map(f => ({
        key: f.field,
        value: f.value,
        entityRef: f.entityRef,
      })),
    );
    item.reason = item.reason ? `${item.reason}. ${text}` : text;
  }
}
