import { parseFilterPredicate } from '@backstage/filter-predicates';
import { KIT_IDS, KitRule } from '../types';
import { DEFAULT_KITS } from './defaultKits';

const items = DEFAULT_KITS.flatMap(k => k.items);

function rules(rule: KitRule | undefined): KitRule[] {
  return rule ? [rule, ...(rule.allOf ?? []).flatMap(r => rules(r))] : [];
}

describe('DEFAULT_KITS', () => {
  it('has the five kits in order with the 44 items of the spec', () => {
    expect(DEFAULT_KITS.map(k => k.id)).toEqual([...KIT_IDS]);
    expect(DEFAULT_KITS.map(k => k.items.length)).toEqual([9, 9, 11, 10, 5]);
    expect(items).toHaveLength(44);
    expect(new Set(items.map(i => i.id)).size).toBe(44);
  });

  it('names items <kit>.<dimension>.<slug> and fills every text', () => {
    for (const kit of DEFAULT_KITS) {
      for (const item of kit.items) {
        expect(item.id.startsWith(`${kit.id}.${item.dimension}.`)).toBe(true);
        expect(item.kit).toBe(kit.id);
        expect(item.title.length).toBeGreaterThan(3);
        expect(item.description.length).toBeGreaterThan(10);
        expect(item.howTo).toContain('catalog-info.yaml');
        expect(item.required).toBe(true);
      }
    }
  });

  it('makes exactly the process items attestable, and only they lack a rule', () => {
    for (const item of items) {
      expect(item.attestable).toBe(item.dimension === 'process');
      expect(item.rule === undefined).toBe(item.dimension === 'process');
    }
    expect(items.filter(i => i.attestable)).toHaveLength(11);
  });

  it('writes every rule as a valid filter predicate over ml. facts', () => {
    for (const rule of items.flatMap(i => rules(i.rule))) {
      expect(() => parseFilterPredicate(rule.filter)).not.toThrow();
      expect(['owned', 'owned-or-used', 'members']).toContain(rule.via);
    }
  });

  it('is frozen so callers cannot change the defaults', () => {
    expect(Object.isFrozen(DEFAULT_KITS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_KITS[0].items[0])).toBe(true);
  });

  it('tells users what to write in catalog-info.yaml', () => {
    const curated = items.find(
      i => i.id === 'accelerator.technology.curated-datasets',
    )!;
    expect(curated.howTo).toContain('ml-maturity.io/curated: "true"');
    expect(curated.howTo).toContain('ml-maturity.io/scope: team');
    const attest = items.find(i => i.id === 'starter.process.use-cases')!;
    expect(attest.howTo).toContain(
      'ml-maturity.io/attest.starter.process.use-cases',
    );
  });
});
