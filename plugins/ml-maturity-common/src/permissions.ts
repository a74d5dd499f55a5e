import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of team-scoped ML maturity permissions. @public */
export const ML_MATURITY_TEAM_RESOURCE_TYPE = 'ml-maturity-team';

/** Read assessments, kits, roadmap, history and asset details. @public */
export const mlMaturityAssessmentReadPermission = createPermission({
  name: 'ml-maturity.assessment.read',
  attributes: { action: 'read' },
});

/**
 * Record or revoke a portal attestation for a team (resource: the team ref).
 * @public
 */
export const mlMaturityAttestationCreatePermission = createPermission({
  name: 'ml-maturity.attestation.create',
  attributes: { action: 'create' },
  resourceType: ML_MATURITY_TEAM_RESOURCE_TYPE,
});

/** Trigger a refresh of the assessments. @public */
export const mlMaturityRefreshPermission = createPermission({
  name: 'ml-maturity.refresh',
  attributes: { action: 'update' },
});

/** Every permission of the ML maturity plugins. @public */
export const mlMaturityPermissions = [
  mlMaturityAssessmentReadPermission,
  mlMaturityAttestationCreatePermission,
  mlMaturityRefreshPermission,
];
