import type {
  Assessment,
  KitId,
  MaturityLevel,
  PortalAttestation,
  Roadmap,
  TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';

/**
 * Freshness fields the REST API adds to every snapshot-backed response.
 * @public
 */
export interface SnapshotStatus {
  /** True when the last refresh failed and the data comes from an older snapshot. */
  stale: boolean;
  /** ISO time of the last successful refresh, or null before the first one. */
  lastRefresh: string | null;
  /** Message of the last failed refresh, or null. */
  lastError: string | null;
}

/** Levels keyed "1".."5". @public */
export type LevelKey = '1' | '2' | '3' | '4' | '5';

/** `GET /v1/assessments` body: one page of the assessment JSON. @public */
export type AssessmentsPage = Assessment &
  SnapshotStatus & {
    /** Present when more teams follow; pass it back as `cursor`. */
    nextCursor?: string;
  };

/** `GET /v1/assessments/:kind/:namespace/:name` body. @public */
export type TeamAssessmentResponse = TeamAssessment & SnapshotStatus;

/** `GET /v1/roadmap` body. @public */
export type RoadmapResponse = Roadmap & SnapshotStatus;

/** One day of a team's history. @public */
export interface TeamHistoryPoint {
  /** `YYYY-MM-DD` */
  day: string;
  level: MaturityLevel;
  kitsCompleted: number;
  /** Required items met per kit on that day. */
  kits: Partial<Record<KitId, number>>;
}

/** `GET /v1/history?entityRef=` body. @public */
export interface TeamHistory {
  points: TeamHistoryPoint[];
}

/** One day of the organisation's history. @public */
export interface OrgHistoryDay {
  /** `YYYY-MM-DD` */
  day: string;
  /** Number of teams per level. */
  levels: Record<LevelKey, number>;
}

/** `GET /v1/history` (no entityRef) body. @public */
export interface OrgHistory {
  days: OrgHistoryDay[];
}

/**
 * One entry of an attestation's audit trail. The backend owns the exact
 * shape; the UI only relies on these fields.
 * @public
 */
export interface AttestationEvent {
  /** e.g. `created`, `revoked` */
  action?: string;
  by?: string;
  at?: string;
  [key: string]: unknown;
}

/** `GET /attestations`: a team's attestations and the caller's right to change them. @public */
export interface TeamAttestations {
  attestations: Attestation[];
  canAttest: boolean;
}

/** A portal attestation with its audit trail (`GET /v1/attestations`). @public */
export interface Attestation extends PortalAttestation {
  revokedAt?: string | null;
  revokedBy?: string | null;
  events: AttestationEvent[];
}

/** `POST /v1/attestations` body. @public */
export interface CreateAttestationRequest {
  /** The team, e.g. `group:default/vision`. */
  entityRef: string;
  itemId: string;
  /** http(s) URL of the evidence. */
  url: string;
  comment?: string;
}

/** Outcome of `POST /v1/refresh`. @public */
export type RefreshResult = 'started' | 'already-running';
