import { ASSET_TYPES } from '@aiml-service-kits/plugin-ml-maturity-common';
import { generateOrg, GeneratedEntity, ORG_PROPORTIONS } from './generateOrg';

const refOf = (e: GeneratedEntity) =>
  `${e.kind.toLowerCase()}:default/${e.metadata.name}`;

const INVERSES: Record<string, string> = {
  ownedBy: 'ownerOf',
  memberOf: 'hasMember',
  childOf: 'parentOf',
  dependsOn: 'dependencyOf',
  partOf: 'hasPart',
  providesApi: 'apiProvidedBy',
  consumesApi: 'apiConsumedBy',
};

describe('generateOrg', () => {
  const org = generateOrg({ entities: 5000, seed: 7 });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateOrg({ entities: 5000, seed: 7 });
    expect(JSON.stringify(again.entities)).toBe(JSON.stringify(org.entities));
    const other = generateOrg({ entities: 5000, seed: 8 });
    expect(JSON.stringify(other.entities)).not.toBe(
      JSON.stringify(org.entities),
    );
  });

  it('produces the requested total in the documented proportions', () => {
    const n = 5000;
    const byKind = (kind: string) =>
      org.entities.filter(e => e.kind === kind).length;
    expect(org.entities).toHaveLength(n);
    expect(org.counts.entities).toBe(n);
    expect(byKind('Group')).toBe(Math.round(n * ORG_PROPORTIONS.groups));
    expect(byKind('User')).toBe(Math.round(n * ORG_PROPORTIONS.users));
    expect(byKind('System')).toBe(Math.round(n * ORG_PROPORTIONS.systems));
    expect(byKind('API')).toBe(org.counts.apis);
    expect(
      byKind('Group') +
        byKind('User') +
        byKind('System') +
        byKind('API') +
        byKind('Component') +
        byKind('Resource'),
    ).toBe(n);
    const assets = org.entities.filter(
      e =>
        /^[a-z-]+-\d{6}$/.test(e.metadata.name) &&
        !/^(user|api|resource|component)-/.test(e.metadata.name),
    );
    expect(assets).toHaveLength(Math.round(n * ORG_PROPORTIONS.mlAssets));
  });

  it('scales the proportions with the size', () => {
    const small = generateOrg({ entities: 1000, seed: 1 });
    expect(small.counts).toMatchObject({
      entities: 1000,
      groups: 20,
      users: 200,
      mlAssets: 100,
      systems: 10,
    });
    expect(
      small.counts.components + small.counts.apis + small.counts.resources,
    ).toBe(1000 - 20 - 200 - 100 - 10);
  });

  it('has unique refs and every relation with its inverse on existing targets', () => {
    const byRef = new Map(org.entities.map(e => [refOf(e), e]));
    expect(byRef.size).toBe(org.entities.length);
    let total = 0;
    let checked = 0;
    const missingInverses: string[] = [];
    for (const entity of org.entities) {
      total += entity.relations.length;
      for (const relation of entity.relations) {
        const target = byRef.get(relation.targetRef);
        const inverse = INVERSES[relation.type];
        if (target && inverse) {
          checked += 1;
          const found = target.relations.some(
            r => r.type === inverse && r.targetRef === refOf(entity),
          );
          if (!found) {
            missingInverses.push(
              `${refOf(entity)} ${relation.type} ${relation.targetRef}`,
            );
          }
        }
      }
    }
    expect(missingInverses).toEqual([]);
    expect(checked).toBeGreaterThan(org.entities.length);
    expect(total).toBe(org.counts.relations);
    const types = new Set(
      org.entities.flatMap(e => e.relations.map(r => r.type)),
    );
    for (const [type, inverse] of Object.entries(INVERSES)) {
      expect(types).toContain(type);
      expect(types).toContain(inverse);
    }
  });

  it('builds a group hierarchy with consistent parent and children', () => {
    const groups = org.entities.filter(e => e.kind === 'Group');
    const roots = groups.filter(g => g.spec.parent === undefined);
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.length).toBeLessThan(groups.length / 10);
    for (const group of groups) {
      for (const child of group.spec.children as string[]) {
        const childEntity = groups.find(g => refOf(g) === child)!;
        expect(String(childEntity.spec.parent)).toMatch(
          new RegExp(`(^|/)${group.metadata.name}$`),
        );
      }
    }
  });

  it('covers every asset type of the vocabulary and the annotations', () => {
    const words = [...ASSET_TYPES];
    const typeOf = (e: GeneratedEntity) =>
      e.metadata.annotations['ml-maturity.io/asset'] ??
      String(e.spec.type ?? '').toLowerCase();
    const seen = new Set(org.entities.map(typeOf));
    for (const word of words) {
      expect(seen).toContain(word);
    }
    const annotationKeys = new Set(
      org.entities.flatMap(e => Object.keys(e.metadata.annotations)),
    );
    for (const key of [
      'curated',
      'scope',
      'hosting',
      'fault-tolerant',
      'accelerator',
      'orchestrator',
      'tutorial-level',
      'open-source',
      'role',
    ]) {
      expect(annotationKeys).toContain(`ml-maturity.io/${key}`);
    }
    expect(
      [...annotationKeys].some(k => k.startsWith('ml-maturity.io/attest.')),
    ).toBe(true);
  });

  it('rejects sizes too small to hold an organisation', () => {
    expect(() => generateOrg({ entities: 10 })).toThrow(/at least 100/);
  });
});
