import { classify } from './classify';
import { DEFAULT_KITS } from './kits/defaultKits';
import { buildRoadmap } from './roadmap';
import { Assessment } from './types';
import { asset, group, NOW } from './__fixtures__/entities';

describe('buildRoadmap', () => {
  it('lists teams per level, blocking and completing items', () => {
    const kits = DEFAULT_KITS.map(k => ({
      ...k,
      items: k.id === 'starter' ? k.items.slice(5, 7) : k.items,
    }));
    const assessment = classify({
      entities: [
        group('team-a'),
        group('team-b'),
        asset('d', 'dataset', { owner: 'team-b' }),
        asset('n', 'notebook', { owner: 'team-c' }),
        asset('d2', 'dataset', { owner: 'team-c' }),
      ],
      kits,
      now: NOW,
    });
    const roadmap = buildRoadmap(assessment, kits);
    expect(roadmap.generatedAt).toBe(NOW);
    expect(roadmap.levels).toEqual({
      '1': ['group:default/team-a', 'group:default/team-b'],
      '2': ['group:default/team-c'],
      '3': [],
      '4': [],
      '5': [],
    });
    // Every team's summary, without the checklist.
    expect(
      roadmap.teams.map(t => [t.entityRef, t.level, t.currentKit]),
    ).toEqual([
      ['group:default/team-a', 1, 'starter'],
      ['group:default/team-b', 1, 'starter'],
      ['group:default/team-c', 2, 'accelerator'],
    ]);
    const teamC = assessment.teams.find(t => t.entityRef.endsWith('team-c'))!;
    expect(roadmap.teams[2]).toEqual({
      entityRef: teamC.entityRef,
      implicit: true,
      parent: null,
      level: 2,
      levelName: 'Opportunistic',
      kitsCompleted: 1,
      currentKit: 'accelerator',
      kits: teamC.kits,
    });
    expect(roadmap.teams[2]).not.toHaveProperty('items');
    expect(roadmap.items[0]).toEqual({
      id: 'starter.technology.experiment-notebooks',
      kit: 'starter',
      blocks: ['group:default/team-a', 'group:default/team-b'],
      completes: ['group:default/team-b'],
    });
    expect(roadmap.items[1]).toEqual({
      id: 'accelerator.people.ml-engineers',
      kit: 'accelerator',
      blocks: ['group:default/team-c'],
      completes: [],
    });
    expect(
      roadmap.items.find(i => i.id === 'starter.technology.project-datasets'),
    ).toEqual({
      id: 'starter.technology.project-datasets',
      kit: 'starter',
      blocks: ['group:default/team-a'],
      completes: [],
    });
    expect(roadmap.items).toHaveLength(2 + 9 + 11 + 10 + 5);
  });

  it('ignores optional items and teams with every kit complete', () => {
    const assessment: Assessment = {
      generatedAt: NOW,
      unattributedAssets: [],
      findings: [],
      teams: [],
    };
    expect(
      buildRoadmap(assessment, DEFAULT_KITS).items.every(
        i => i.blocks.length === 0,
      ),
    ).toBe(true);
  });
});
