import type { Entity } from '@backstage/catalog-model';
import { implicitTeamVisibility } from './owners';

function entity(
  apiVersion: string,
  kind: string,
  name: string,
  spec: Entity['spec'],
  relations: Entity['relations'] = [],
): Entity {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations,
  };
}

describe('implicitTeamVisibility', () => {
  const classifierReferrers = {
    'group:default/ghosts': ['component:default/model'],
  };

  it('adds entities the classifier does not read that name an implicit team as owner', () => {
    const entities = [
      entity('backstage.io/v1alpha1', 'Component', 'model', {
        owner: 'ghosts',
      }),
      entity('scaffolder.backstage.io/v1beta3', 'Template', 'New-Model', {
        owner: 'Ghosts',
      }),
      entity('scaffolder.backstage.io/v1beta3', 'Template', 'by-relation', {}, [
        { type: 'ownedBy', targetRef: 'group:default/ghosts' },
      ]),
      // a team the classifier did not make implicit, and junk owners
      entity('scaffolder.backstage.io/v1beta3', 'Template', 'other', {
        owner: 'vision',
      }),
      entity('scaffolder.backstage.io/v1beta3', 'Template', 'bad', {
        owner: ':',
      }),
      // a document the classifier reads is not scanned again
      entity('backstage.io/v1alpha1', 'Resource', 'not-listed', {
        owner: 'ghosts',
      }),
    ];
    expect(implicitTeamVisibility(entities, classifierReferrers)).toEqual(
      new Map([
        [
          'group:default/ghosts',
          [
            'component:default/model',
            'template:default/by-relation',
            'template:default/new-model',
          ],
        ],
      ]),
    );
  });

  it('keeps the classifier lists when there is nothing else, and scans nothing without implicit teams', () => {
    expect(implicitTeamVisibility([], classifierReferrers)).toEqual(
      new Map([['group:default/ghosts', ['component:default/model']]]),
    );
    const template = entity(
      'scaffolder.backstage.io/v1beta3',
      'Template',
      't',
      {
        owner: 'ghosts',
      },
    );
    expect(implicitTeamVisibility([template], {})).toEqual(new Map());
  });
});
