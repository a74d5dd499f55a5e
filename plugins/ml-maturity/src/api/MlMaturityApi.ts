import { createApiRef } from '@backstage/core-plugin-api';
import type { KitDefinition } from '@aiml-service-kits/plugin-ml-maturity-common';
import type {
  AssessmentsPage,
  AssetContributionResponse,
  Attestation,
  CreateAttestationRequest,
  OrgHistory,
  RefreshResult,
  RoadmapResponse,
  TeamAssessmentResponse,
  TeamAttestations,
  TeamHistory,
} from './types';

/** Options of {@link MlMaturityApi.getAssessments}. @public */
export interface GetAssessmentsOptions {
  limit?: number;
  cursor?: string;
}

/** A date range; days as `YYYY-MM-DD` or ISO times. @public */
export interface HistoryRange {
  from?: string;
  to?: string;
}

/**
 * Client of the ml-maturity backend (`/api/ml-maturity/v1`).
 * @public
 */
export interface MlMaturityApi {
  /** Kit and item definitions in force. */
  getKits(): Promise<KitDefinition[]>;
  /** One page of the assessments of all visible teams. */
  getAssessments(options?: GetAssessmentsOptions): Promise<AssessmentsPage>;
  /** One team's assessment, or undefined when the team is not assessed (404). */
  getTeamAssessment(
    entityRef: string,
  ): Promise<TeamAssessmentResponse | undefined>;
  /** How an entity counts as an ML asset, or undefined when it is not one (404). */
  getAssetContribution(
    entityRef: string,
  ): Promise<AssetContributionResponse | undefined>;
  getRoadmap(): Promise<RoadmapResponse>;
  /** A team's level per day. */
  getTeamHistory(
    options: HistoryRange & { entityRef: string },
  ): Promise<TeamHistory>;
  /** The organisation's teams per level per day. */
  getOrgHistory(options?: HistoryRange): Promise<OrgHistory>;
  /** A team's portal attestations, revoked ones included. */
  getAttestations(options: { entityRef: string }): Promise<Attestation[]>;
  /**
   * The same, and whether the signed-in user may attest and revoke for the
   * team (so a UI shows those actions only then).
   */
  getTeamAttestations?(options: {
    entityRef: string;
  }): Promise<TeamAttestations>;
  createAttestation(request: CreateAttestationRequest): Promise<Attestation>;
  revokeAttestation(id: string): Promise<void>;
  /** Asks the backend to refresh now. */
  refresh(): Promise<RefreshResult>;
}

/** @public */
export const mlMaturityApiRef = createApiRef<MlMaturityApi>({
  id: 'plugin.ml-maturity.service',
});
