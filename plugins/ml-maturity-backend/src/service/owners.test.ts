import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { implicitTeamReferrers } from './owners';

function component(
  name: string,
  spec: JsonObject,
  relations: Entity['relations'] = [],
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace },
    spec,
    relations,
  };
}

describe('implicitTeamReferrers', () => {
  const entities: Entity[] = [
    component('b-model', { owner: 'ghost-team' }),
    component('A-Model', { owner: 'Group:default/Ghost-Team' }),
    component('via-relation', { owner: 42 }, [
      { type: 'ownedBy', targetRef: 'group:default/ghost-team' },
    ]),
    component('other-ns', { owner: 'ghost-team' }, [], 'labs'),
    component('real', { owner: 'vision' }, [
      { type: 'ownedBy', targetRef: 'group:default/vision' },
      { type: 'dependsOn', targetRef: 'group:default/ghost-team' },
    ]),
    component('bad-owner', { owner: ':' }),
  ];

  it('lists the entities naming each asked owner, lower-case and sorted', () => {
    const referrers = implicitTeamReferrers(
      entities,
      new Set(['group:default/ghost-team', 'group:labs/ghost-team']),
    );
    expect(referrers).toEqual(
      new Map([
        [
          'group:default/ghost-team',
          [
            'component:default/a-model',
            'component:default/b-model',
            'component:default/via-relation',
          ],
        ],
        ['group:labs/ghost-team', ['component:labs/other-ns']],
      ]),
    );
  });

  it('leaves out owners not asked for or named by nobody', () => {
    const referrers = implicitTeamReferrers(
      entities,
      new Set(['group:default/nobody']),
    );
    expect(referrers.size).toBe(0);
    expect(implicitTeamReferrers(entities, new Set()).size).toBe(0);
  });

  it('skips entities without a valid ref of their own', () => {
    // no kind: stringifyEntityRef throws
    const { kind: _kind, ...invalid } = component('x', { owner: 'ghost-team' });
    expect(
      implicitTeamReferrers(
        [invalid as Entity, entities[0]],
        new Set(['group:default/ghost-team']),
      ),
    ).toEqual(
      new Map([['group:default/ghost-team', ['component:default/b-model']]]),
    );
  });
});
