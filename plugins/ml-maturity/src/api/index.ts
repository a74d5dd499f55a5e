export { mlMaturityApiRef } from './MlMaturityApi';
export type {
  MlMaturityApi,
  GetAssessmentsOptions,
  HistoryRange,
} from './MlMaturityApi';
export { MlMaturityClient } from './MlMaturityClient';
export type {
  AssessmentsPage,
  AssetContributionResponse,
  Attestation,
  AttestationEvent,
  CreateAttestationRequest,
  LevelKey,
  OrgHistory,
  OrgHistoryDay,
  RefreshResult,
  RoadmapResponse,
  SnapshotStatus,
  TeamAssessmentResponse,
  TeamAttestations,
  TeamHistory,
  TeamHistoryPoint,
} from './types';
