import type {
  AssessmentsResponse,
  AssetContribution,
  AttestationEventResponse,
  AttestationResponse,
  Freshness,
  LevelKey,
  OrgHistoryResponse,
  Roadmap,
  TeamAssessment,
  TeamAttestationsResponse,
  TeamHistoryDay,
  TeamHistoryResponse,
} from '@aiml-service-kits/plugin-ml-maturity-common';

/**
 * Freshness fields the REST API adds to every snapshot-backed response.
 * @public
 */
export type SnapshotStatus = Freshness;

/** Levels keyed "1".."5". @public */
export type { LevelKey };

/** `GET /v1/assessments` body: one page of the assessment JSON. @public */
export type AssessmentsPage = AssessmentsResponse;

/** `GET /v1/assessments/:kind/:namespace/:name` body. @public */
export type TeamAssessmentResponse = TeamAssessment & SnapshotStatus;

/**
 * `GET /v1/assets/:kind/:namespace/:name` body: how an entity counts as an
 * ML asset, from the snapshot its freshness fields describe.
 * @public
 */
export type AssetContributionResponse = AssetContribution & SnapshotStatus;

/** `GET /v1/roadmap` body. @public */
export type RoadmapResponse = Roadmap & SnapshotStatus;

/** One day of a team's history. @public */
export type TeamHistoryPoint = TeamHistoryDay;

/** `GET /v1/history?entityRef=` body. @public */
export type TeamHistory = TeamHistoryResponse;

/** One day of the organisation's history. @public */
export type OrgHistoryDay = OrgHistoryResponse['days'][number];

/** `GET /v1/history` (no entityRef) body. @public */
export type OrgHistory = OrgHistoryResponse;

/** One entry of an attestation's audit trail. @public */
export type AttestationEvent = AttestationEventResponse;

/** `GET /attestations`: a team's attestations and the caller's right to change them. @public */
export type TeamAttestations = TeamAttestationsResponse;

/** A portal attestation with its status and audit trail (`GET /v1/attestations`). @public */
export type Attestation = AttestationResponse;

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
