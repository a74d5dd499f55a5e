import type { Entity } from '@backstage/catalog-model';
import { isMlAsset, isMlMaturityTeam } from './isMlAsset';

function entity(
  kind: string,
  spec: Entity['spec'] = {},
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec,
  };
}

describe('isMlAsset', () => {
  it('is true with the asset annotation, whatever the type', () => {
    expect(
      isMlAsset(
        entity(
          'Resource',
          { type: 'bucket' },
          { 'ml-maturity.io/asset': 'dataset' },
        ),
      ),
    ).toBe(true);
  });

  it('accepts vocabulary words and aliases in spec.type, in any case', () => {
    expect(isMlAsset(entity('Resource', { type: 'dataset' }))).toBe(true);
    expect(isMlAsset(entity('Component', { type: 'Feature-Store' }))).toBe(
      true,
    );
    expect(isMlAsset(entity('Component', { type: 'llm' }))).toBe(true);
    expect(isMlAsset(entity('Resource', { type: 'gpu-cluster' }))).toBe(true);
  });

  it('rejects other types, a bare pipeline and entities without a type', () => {
    expect(isMlAsset(entity('Component', { type: 'service' }))).toBe(false);
    expect(isMlAsset(entity('Component', { type: 'pipeline' }))).toBe(false);
    expect(isMlAsset(entity('Group'))).toBe(false);
  });
});

describe('isMlMaturityTeam', () => {
  it('is true for groups only', () => {
    expect(isMlMaturityTeam(entity('Group'))).toBe(true);
    expect(isMlMaturityTeam(entity('group'))).toBe(true);
    expect(isMlMaturityTeam(entity('User'))).toBe(false);
  });
});
