import {
  DEFAULT_REFRESH_TIMEOUT_MINUTES,
  KIT_IDS,
  type ItemResult,
  type KitDefinition,
  type KitId,
  type KitItemDefinition,
  type TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import type { Attestation } from '../../api';

/** An item's result joined with its definition from `GET /kits`. */
export interface JoinedItem {
  result: ItemResult;
  definition?: KitItemDefinition;
  title: string;
}

/** The kit the card details: the current one, or the last when all are complete. */
export function displayedKit(assessment: TeamAssessment): KitId {
  return assessment.currentKit ?? KIT_IDS[KIT_IDS.length - 1];
}

export function kitTitle(kits: KitDefinition[], kitId: KitId): string {
  return kits.find(k => k.id === kitId)?.title ?? kitId;
}

/** The items of one kit, in the assessment's order, with titles and howTo joined. */
export function joinItems(
  assessment: TeamAssessment,
  kits: KitDefinition[],
  kitId: KitId,
): JoinedItem[] {
  const definitions = new Map(
    kits.flatMap(k => k.items).map(item => [item.id, item]),
  );
  return assessment.items
    .filter(item => item.kit === kitId)
    .map(result => {
      const definition = definitions.get(result.id);
      return { result, definition, title: definition?.title ?? result.id };
    });
}

/** What a user may do about an item from the card. */
export type ItemAction =
  | { kind: 'attest' }
  | { kind: 'revoke'; attestation: Attestation };

/**
 * Attest an attestable item that is not met; revoke an active portal
 * attestation. A met rule wins over an attestation, and attestations as code
 * are changed in catalog-info.yaml, so neither gets a button.
 */
export function itemAction(
  item: JoinedItem,
  attestations: Attestation[],
  now: number = Date.now(),
): ItemAction | undefined {
  if (!item.definition?.attestable) {
    return undefined;
  }
  const active = attestations.find(
    a =>
      a.itemId === item.result.id &&
      !a.revokedAt &&
      Date.parse(a.expiresAt) > now,
  );
  if (active) {
    return { kind: 'revoke', attestation: active };
  }
  if (
    item.result.status === 'met' ||
    item.result.attestation?.source === 'annotation'
  ) {
    return undefined;
  }
  return { kind: 'attest' };
}

/**
 * The longest a refresh may take by default (`mlMaturity.schedule.timeout`):
 * a change recorded this long before a refresh finished may have missed it.
 */
const REFRESH_WINDOW_MS = DEFAULT_REFRESH_TIMEOUT_MINUTES * 60 * 1000;

/**
 * How the attestation list, which changes at once, disagrees with an item's
 * result, which changes at the next refresh (the backend starts one after
 * each change, and another when a change came in while one ran): attested
 * but not counted yet, or revoked but still counted. Only changes made
 * after the assessment's refresh began count (`snapshotAt` is when it
 * finished, so a window of one refresh before it): an older attestation
 * the classifier ignored, or one that expired since, is not waiting for
 * anything.
 */
export function pendingChange(
  item: JoinedItem,
  attestations: Attestation[],
  snapshotAt: string | null | undefined,
  now: number = Date.now(),
): 'attested' | 'revoked' | undefined {
  const since = snapshotAt ? Date.parse(snapshotAt) - REFRESH_WINDOW_MS : NaN;
  if (Number.isNaN(since)) return undefined;
  const action = itemAction(item, attestations, now);
  if (
    action?.kind === 'revoke' &&
    item.result.status === 'unmet' &&
    Date.parse(action.attestation.at) > since
  ) {
    return 'attested';
  }
  if (
    action?.kind !== 'revoke' &&
    item.result.status === 'attested' &&
    item.result.attestation?.source === 'portal' &&
    attestations.some(
      a =>
        a.itemId === item.result.id &&
        typeof a.revokedAt === 'string' &&
        Date.parse(a.revokedAt) > since,
    )
  ) {
    return 'revoked';
  }
  return undefined;
}
