/*
 * Catalogs of odd shapes (one entity or team related to very many others),
 * as odd real catalogs or hostile ones have: the classifier still gives
 * the whole result. No timings here; see the helper reports for those.
 */
import { classify, classifyWithDetails } from './classify';
import { ignoredValueEntries } from './ignoredValues';
import { Assessment, TeamAssessment } from './types';
import {
  asset,
  consumer,
  Doc,
  entity,
  group,
  NOW,
  user,
} from './__fixtures__/entities';

/** More than a function call takes as arguments (`f(...list)` overflowed the stack). */
const HUGE = 140000;

function team(assessment: Assessment, ref: string): TeamAssessment {
  const found = assessment.teams.find(t => t.entityRef === ref);
  if (!found) throw new Error(`no team ${ref}`);
  return found;
}

describe('classify: odd shapes', () => {
  it('places every finding of an entity with more findings than a call takes arguments', () => {
    const annotations: Record<string, unknown> = {};
    for (let i = 0; i < HUGE; i++) annotations[`example.com/k${i}`] = i;
    const a = classify({
      entities: [
        group('team-a'),
        entity('Component', 'noisy', {
          annotations,
          spec: { type: 'service', owner: 'team-a' },
        }),
      ],
      now: NOW,
    });
    const findings = team(a, 'group:default/team-a').findings;
    expect(findings).toHaveLength(HUGE);
    expect(findings[0]).toEqual({
      entityRef: 'component:default/noisy',
      field: 'example.com/k0',
      value: '0',
      message: expect.stringMatching(/^Annotation values must be strings/),
    });
    expect(a.findings).toEqual([]);
  });

  it('places the findings of every member of a group with more members than a call takes arguments', () => {
    const entities: Doc[] = [group('big')];
    for (let i = 0; i < HUGE; i++) {
      entities.push(user(`u${i}`, { memberOf: ['big'] }));
    }
    entities.push(
      user('last', { memberOf: ['big'], roles: 'data-scientist, wizard' }),
    );
    const a = classify({ entities, now: NOW });
    const big = team(a, 'group:default/big');
    expect(big.findings).toEqual([
      expect.objectContaining({
        entityRef: 'user:default/last',
        field: 'ml-maturity.io/role',
        value: 'wizard',
      }),
    ]);
    expect(
      big.items.find(i => i.id === 'starter.people.data-scientists'),
    ).toMatchObject({ status: 'met', evidence: ['user:default/last'] });
    expect(a.findings).toEqual([]);
  });

  it('counts an asset of a user in more teams than a call takes arguments for each of them', () => {
    const entities: Doc[] = [
      user('owner'),
      asset('docs', 'dataset', {
        owner: 'user:owner',
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      }),
    ];
    for (let i = 0; i < HUGE; i++) {
      entities.push(group(`g${i}`, { members: ['owner'] }));
    }
    // No kits: the challenges alone show what each team counts, and the
    // result stays small.
    const a = classify({ entities, kits: [], now: NOW });
    expect(a.teams).toHaveLength(HUGE);
    for (const ref of ['group:default/g0', `group:default/g${HUGE - 1}`]) {
      expect(team(a, ref).challenges.data).toEqual({
        level: 2,
        reason: expect.stringContaining(
          'a documented dataset (resource:default/docs)',
        ),
      });
    }
    expect(a.unattributedAssets).toEqual([]);
  });

  it('counts an asset of a user in many teams, used by many teams (some of them its owners), once per team as owned or used', () => {
    const teams = 600;
    const entities: Doc[] = [
      // owned through its user by the even teams
      user('owner', {
        memberOf: Array.from({ length: teams / 2 }, (_, i) => `t${2 * i}`),
      }),
      asset('shared', 'storage', {
        owner: 'user:owner',
        annotations: { 'ml-maturity.io/hosting': 'cloud' },
      }),
      asset('gpu', 'compute', { owner: 't1' }),
    ];
    for (let t = 0; t < teams; t++) {
      entities.push(group(`t${t}`));
      // every team uses it, its owners too
      entities.push(consumer(`c${t}`, ['resource:default/shared'], `t${t}`));
    }
    const details = classifyWithDetails({ entities, now: NOW });
    const shared = details.assets.find(
      x => x.entityRef === 'resource:default/shared',
    )!;
    const refs = Array.from({ length: teams }, (_, t) => `group:default/t${t}`)
      .sort()
      .map(ref => ({ ref, owned: Number(ref.slice(15)) % 2 === 0 }));
    expect(shared.countsToward).toEqual(
      refs.flatMap(({ ref, owned }) =>
        [
          'scaler.technology.cloud',
          'starter.technology.provisioned-resources',
        ].map(itemId => ({ team: ref, itemId, via: owned ? 'owned' : 'used' })),
      ),
    );
    // t1 owns a compute and uses the storage; t0 owns the storage only
    const t0 = team(details.assessment, 'group:default/t0');
    const t1 = team(details.assessment, 'group:default/t1');
    const provisioned = (t: TeamAssessment) =>
      t.items.find(i => i.id === 'starter.technology.provisioned-resources');
    expect(provisioned(t0)?.status).toBe('unmet');
    expect(provisioned(t1)).toMatchObject({
      status: 'met',
      evidence: ['resource:default/gpu', 'resource:default/shared'],
    });
    expect(t1.challenges.infrastructure.level).toBe(3);
  });

  it('lists each referrer of an implicit team once, however many name it', () => {
    const template = (name: string) => ({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name },
      spec: { owner: 'ghosts' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/ghosts' }],
    });
    const count = 3000;
    const entities: unknown[] = [];
    for (let i = 0; i < count; i++) {
      entities.push(asset(`a${i}`, 'dataset', { owner: 'ghosts' }));
      entities.push(template(`t${i}`));
      // the same template twice, and under another spelling
      entities.push(template(`T${i}`));
    }
    const details = classifyWithDetails({ entities, now: NOW });
    const expected = [
      ...Array.from({ length: count }, (_, i) => `resource:default/a${i}`),
      ...Array.from({ length: count }, (_, i) => `template:default/t${i}`),
    ].sort();
    expect(details.implicitTeamReferrers).toEqual({
      'group:default/ghosts': expected,
    });
  });

  it('names the first ten of thousands of misspelt annotation keys in an unmet item', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const annotations: Record<string, string> = {};
    // keys a couple of edits from ml-maturity.io/curated
    for (const a of letters) {
      for (const b of letters)
        annotations[`ml-maturity.io/curated${a}${b}`] = 'true';
    }
    const entities = [
      group('team-a'),
      asset('data', 'dataset', { owner: 'team-a', annotations }),
    ];
    const t = team(classify({ entities, now: NOW }), 'group:default/team-a');
    expect(t.findings).toHaveLength(26 * 26);
    const reason = t.items.find(
      i => i.id === 'accelerator.technology.curated-datasets',
    )!.reason!;
    expect(ignoredValueEntries(reason)?.entries).toEqual(
      ['aa', 'ab', 'ac', 'ad', 'ae', 'af', 'ag', 'ah', 'ai', 'aj'].map(s => ({
        key: `ml-maturity.io/curated${s}`,
        value: 'true',
        entityRef: 'resource:default/data',
      })),
    );
  });
});
