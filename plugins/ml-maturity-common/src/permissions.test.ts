import {
  ML_MATURITY_TEAM_RESOURCE_TYPE,
  mlMaturityAssessmentReadPermission,
  mlMaturityAttestationCreatePermission,
  mlMaturityPermissions,
  mlMaturityRefreshPermission,
} from './permissions';

describe('permissions', () => {
  it('declares the three permissions of the plugin', () => {
    expect(mlMaturityAssessmentReadPermission).toMatchObject({
      type: 'basic',
      name: 'ml-maturity.assessment.read',
      attributes: { action: 'read' },
    });
    expect(mlMaturityAttestationCreatePermission).toMatchObject({
      type: 'resource',
      name: 'ml-maturity.attestation.create',
      resourceType: ML_MATURITY_TEAM_RESOURCE_TYPE,
      attributes: { action: 'create' },
    });
    expect(ML_MATURITY_TEAM_RESOURCE_TYPE).toBe('ml-maturity-team');
    expect(mlMaturityRefreshPermission).toMatchObject({
      name: 'ml-maturity.refresh',
      attributes: { action: 'update' },
    });
    expect(mlMaturityPermissions.map(p => p.name)).toEqual([
      'ml-maturity.assessment.read',
      'ml-maturity.attestation.create',
      'ml-maturity.refresh',
    ]);
  });
});
