import type {
  Assessment,
  KitProgress,
  MaturityLevel,
  PortalAttestation,
} from './types';

/*
 * The bodies of the REST API (`/api/ml-maturity/v1`, see docs/api.md) that
 * the assessment JSON types do not already describe. One definition for
 * the backend that sends them and the clients that read them.
 */

/**
 * The 503 message of a snapshot-backed route before any refresh succeeded
 * (the first one has not finished).
 * @public
 */
export const NO_ASSESSMENT_YET_MESSAGE =
  'No ML maturity assessment yet; the first refresh has not finished';

/**
 * The start of the 503 message of a snapshot-backed route when no refresh
 * succeeded yet and the last one failed; the refresh's error follows.
 * @public
 */
export const NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START =
  'No ML maturity assessment yet; the last refresh failed: ';

/** Levels keyed "1".."5". @public */
export type LevelKey = '1' | '2' | '3' | '4' | '5';

/**
 * Freshness fields the REST API adds to every snapshot-backed response.
 * @public
 */
export interface Freshness {
  /** True when a refresh failed after the last successful one. */
  stale: boolean;
  /**
   * ISO time at which the last successful refresh finished. Never null in a
   * response: before the first success the routes answer 503 instead.
   */
  lastRefresh: string;
  /** Error of the latest failed refresh after the last success, or null. */
  lastError: string | null;
}

/** `GET /v1/assessments` body: one page of the assessment JSON. @public */
export type AssessmentsResponse = Assessment &
  Freshness & {
    /** Present when more teams follow; pass it back as `cursor`. */
    nextCursor?: string;
  };

/** One day of a team's history. @public */
export interface TeamHistoryDay {
  /** `YYYY-MM-DD` (UTC) */
  day: string;
  level: MaturityLevel;
  kitsCompleted: number;
  /** Required items met per kit on that day, all five kits in kit order. */
  kits: KitProgress[];
}

/** `GET /v1/history?entityRef=` body. @public */
export interface TeamHistoryResponse {
  entityRef: string;
  /** Ascending by day. */
  points: TeamHistoryDay[];
}

/** `GET /v1/history` (no entityRef) body. @public */
export interface OrgHistoryResponse {
  /** Ascending by day; only days with at least one visible team. */
  days: Array<{
    /** `YYYY-MM-DD` (UTC) */
    day: string;
    /** Number of visible teams per level that day. */
    levels: Record<LevelKey, number>;
  }>;
}

/** One entry of an attestation's audit trail, as the API serves it. @public */
export interface AttestationEventResponse {
  id: number;
  action: 'created' | 'revoked';
  /** Who did it; left out when the caller may not read that User. */
  actor?: string;
  /** ISO time. */
  at: string;
  url: string;
  comment?: string;
}

/** A portal attestation as `GET/POST /v1/attestations` serve it. @public */
export interface AttestationResponse extends Omit<PortalAttestation, 'by'> {
  /** Who attested; left out in a list when the caller may not read that User. */
  by?: string;
  /** ISO time, once revoked. */
  revokedAt?: string;
  /** Who revoked it; left out when the caller may not read that User. */
  revokedBy?: string;
  /** Computed at the request: `expired` once `expiresAt` has passed. */
  status: 'active' | 'expired' | 'revoked';
  /** The audit trail, oldest first. */
  events: AttestationEventResponse[];
}

/** `GET /v1/attestations?entityRef=` body. @public */
export interface TeamAttestationsResponse {
  /** Oldest first: active, expired and revoked. */
  attestations: AttestationResponse[];
  /** Whether the caller may record and revoke attestations of the team. */
  canAttest: boolean;
}
