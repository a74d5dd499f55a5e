import { Finding } from './types';
import { compareStrings, safeJson } from './util';

/** Longest `value` kept in a finding. @internal */
export const MAX_FINDING_VALUE_LENGTH = 200;

/** The offending value as a string (JSON text for non-strings), cut to 200. @internal */
export function findingValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') {
    text = value.length > 1000 ? value.slice(0, 1000) : value;
  } else {
    text = safeJson(value);
  }
  return text.length > MAX_FINDING_VALUE_LENGTH
    ? text.slice(0, MAX_FINDING_VALUE_LENGTH)
    : text;
}

/** @internal */
export function makeFinding(
  entityRef: string,
  field: string,
  value: unknown,
  message: string,
): Finding {
  return {
    entityRef,
    field: field.length > 300 ? field.slice(0, 300) : field,
    value: findingValue(value),
    message,
  };
}

/** Orders findings by entityRef, field, value, then message. @internal */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.entityRef, b.entityRef) ||
    compareStrings(a.field, b.field) ||
    compareStrings(a.value, b.value) ||
    compareStrings(a.message, b.message)
  );
}

/** Sorted copy without exact duplicates. @internal */
export function sortFindings(findings: Iterable<Finding>): Finding[] {
  const sorted = Array.from(findings).sort(compareFindings);
  const out: Finding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (!last || compareFindings(last, f) !== 0) {
      out.push(f);
    }
  }
  return out;
}

/**
 * Start of the message of a finding about an `ml-maturity.io/` key the
 * classifier does not read (its `field` is the key).
 * @internal
 */
export const UNKNOWN_KEY_MESSAGE_START = 'Unknown annotation key';

/**
 * Message of the finding on an implicit team that names the User of the
 * same name (its `value`).
 * @internal
 */
export const SAME_NAME_USER_MESSAGE =
  'A User with this ref exists: an owner written without a kind is a Group, so if the User is meant, write its kind (owner: user:<name>)';

/**
 * Message of the finding on each Group of a cycle in the group hierarchy
 * (its `value` lists the cycle's groups).
 * @internal
 */
export const CYCLE_MESSAGE =
  'The group hierarchy has a cycle among these groups, which rollups cut, so they do not all count as descendants of each other: fix spec.parent and spec.children so that no group is its own ancestor';

/**
 * Messages of the finding on an entity owned by a User through whom it
 * counts for no team (its `value` is the User's ref): the User entity is
 * missing; it is a member of no group; none of its groups is a Group
 * entity. Each tells something about the User, its existence first.
 * @internal
 */
export const USER_WITHOUT_TEAM_MESSAGES = {
  missing:
    'User entity is missing and no group lists it as a member, so this entity counts for no team: add the User with spec.memberOf, or make a Group the owner',
  noGroup:
    'The owning User is a member of no group, so this entity counts for no team: add spec.memberOf to the User',
  noGroupEntity:
    "None of the groups in the owning User's spec.memberOf is a Group entity, so this entity counts for no team: add those Group entities or fix the User's spec.memberOf",
} as const;

const USER_WITHOUT_TEAM_MESSAGE_SET: ReadonlySet<string> = new Set(
  Object.values(USER_WITHOUT_TEAM_MESSAGES),
);

/**
 * Start of the message of a finding about a reference to an entity that is
 * not in the input (its `value` is the ref).
 * @internal
 */
export const MISSING_REF_MESSAGE_START = 'No entity with this ref was read';

/**
 * What a reader that hides entities (a backend cutting responses to what
 * the caller may read) does with a finding whose `value` names a ref the
 * caller may not read: `mask` the value (the finding is about a readable
 * entity's own value, and its owner needs it), or `drop` the finding,
 * whose existence alone would tell the caller about an entity it may not
 * see: a reference to a missing entity (no finding means the entity
 * exists, for a hidden one), a cycle through a hidden group, the hint
 * naming a User of an implicit team's name, an owning User through whom
 * an entity counts for no team (the message says whether that User exists
 * and what its memberships are; no finding means it is in a team).
 *
 * @public
 */
export function hiddenValuePolicy(finding: Finding): 'mask' | 'drop' {
  if (
    finding.message.startsWith(MISSING_REF_MESSAGE_START) ||
    finding.message === CYCLE_MESSAGE ||
    finding.message === SAME_NAME_USER_MESSAGE ||
    USER_WITHOUT_TEAM_MESSAGE_SET.has(finding.message)
  ) {
    return 'drop';
  }
  return 'mask';
}

/** A cycle finding's value when it names every group of the cycle. */
const WHOLE_GROUP_LIST = /^group:[^,\s]+(?:, group:[^,\s]+)*$/;

/**
 * Whether a finding's value names every entity the finding is about. Not
 * so for a hierarchy cycle too long for the value (`... and 4 more`): a
 * reader that hides entities cannot tell whether the others are ones the
 * caller may read, and leaves such a finding out.
 *
 * @public
 */
export function findingNamesAllItsRefs(finding: Finding): boolean {
  return (
    finding.message !== CYCLE_MESSAGE || WHOLE_GROUP_LIST.test(finding.value)
  );
}
