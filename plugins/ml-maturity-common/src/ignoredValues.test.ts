import { classify } from './classify';
import { ignoredValueEntries, ignoredValuesText } from './ignoredValues';
import { TeamAssessment } from './types';
import { asset, NOW, world } from './__fixtures__/entities';

function item(team: TeamAssessment, id: string) {
  return team.items.find(i => i.id === id)!;
}

function teamA(entities: unknown[]): TeamAssessment {
  const a = classify({ entities, now: NOW });
  return a.teams.find(t => t.entityRef === 'group:default/team-a')!;
}

describe('reasons for items an ignored value may have left unmet', () => {
  it('names the ignored value on an asset the rule could match', () => {
    const team = teamA([
      ...world(),
      asset('clicks', 'dataset', {
        annotations: {
          'ml-maturity.io/curated': 'yes',
          'ml-maturity.io/scope': 'team',
        },
      }),
    ]);
    expect(item(team, 'accelerator.technology.curated-datasets')).toEqual(
      expect.objectContaining({
        status: 'unmet',
        reason:
          'Ignored annotation values may be why (see the findings): ml-maturity.io/curated = "yes" on resource:default/clicks',
      }),
    );
    // items that do not read the annotation get no reason
    const others = team.items.filter(
      i => i.reason && i.id !== 'accelerator.technology.curated-datasets',
    );
    expect(others).toEqual([]);
  });

  it('names a misspelt key by the key it was meant to be', () => {
    const team = teamA([
      ...world(),
      asset('clicks', 'dataset', {
        annotations: {
          'ml-maturity.io/curatd': 'true',
          'ml-maturity.io/scope': 'team',
        },
      }),
    ]);
    expect(item(team, 'accelerator.technology.curated-datasets').reason).toBe(
      'Ignored annotation values may be why (see the findings): ml-maturity.io/curatd = "true" on resource:default/clicks',
    );
  });

  it('says nothing about assets of a type the rule cannot match, or met items', () => {
    const team = teamA([
      ...world(),
      // a notebook cannot be a curated dataset
      asset('nb', 'notebook', {
        annotations: { 'ml-maturity.io/curated': 'yes' },
      }),
      asset('clicks', 'dataset', {
        annotations: {
          'ml-maturity.io/curated': 'true',
          'ml-maturity.io/scope': 'team',
        },
      }),
    ]);
    const curated = item(team, 'accelerator.technology.curated-datasets');
    expect(curated.status).toBe('met');
    expect(curated.reason).toBeUndefined();
    expect(team.items.filter(i => i.reason)).toEqual([]);
  });
});

describe('the ignored-values part of a reason', () => {
  it('reads back what it wrote, quotes and separators in values included', () => {
    const entries = [
      {
        key: 'ml-maturity.io/curated',
        value: 'x" on resource:default/other; ml-maturity.io/curated "no',
        entityRef: 'resource:default/a',
      },
      {
        key: 'ml-maturity.io/scope',
        value: 'everyone',
        entityRef: 'resource:default/b',
      },
    ];
    const reason = `The portal attestation expired. ${ignoredValuesText(
      entries,
    )}`;
    expect(ignoredValueEntries(reason)).toEqual({
      before: 'The portal attestation expired',
      entries,
    });
    expect(ignoredValueEntries('Something else')).toBeUndefined();
  });

  it('names up to ten ignored values, with no count of the others', () => {
    const team = teamA([
      ...world(),
      ...Array.from({ length: 12 }, (_, i) =>
        asset(`d${i}`, 'dataset', {
          annotations: { 'ml-maturity.io/curated': `yes-${i}` },
        }),
      ),
    ]);
    const reason = item(team, 'accelerator.technology.curated-datasets')
      .reason!;
    expect(ignoredValueEntries(reason)?.entries).toHaveLength(10);
    expect(reason).not.toMatch(/more/);
  });

  it('names every ignored value when there are few', () => {
    const team = teamA([
      ...world(),
      ...['a', 'b', 'c', 'd', 'e'].map(name =>
        asset(name, 'dataset', {
          annotations: { 'ml-maturity.io/curated': `yes-${name}` },
        }),
      ),
    ]);
    const reason = item(team, 'accelerator.technology.curated-datasets')
      .reason!;
    expect(ignoredValueEntries(reason)?.entries).toHaveLength(5);
    expect(reason).not.toMatch(/more/);
  });
});
