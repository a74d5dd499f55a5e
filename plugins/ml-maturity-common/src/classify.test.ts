import { getJsonValueAtPath } from '@backstage/filter-predicates';
import { classify, classifyWithDetails } from './classify';
import { isUnrenderedTemplate } from './entities';
import { DEFAULT_KITS } from './kits/defaultKits';
import { Assessment, PortalAttestation, TeamAssessment } from './types';
import {
  asset,
  consumer,
  Doc,
  entity,
  group,
  NOW,
  prng,
  shuffle,
  user,
  world,
} from './__fixtures__/entities';

function team(assessment: Assessment, name: string): TeamAssessment {
  const found = assessment.teams.find(
    t => t.entityRef === `group:default/${name}`,
  );
  if (!found) throw new Error(`no team ${name}`);
  return found;
}

function item(t: TeamAssessment, id: string) {
  return t.items.find(i => i.id === id)!;
}

/** Everything a team needs for the starter kit. */
function starterComplete(name: string, member: string): Doc[] {
  const attest = (id: string) => [
    `ml-maturity.io/attest.${id}`,
    'https://wiki.example.com/x',
  ];
  return [
    group(name, {
      members: [member],
      annotations: Object.fromEntries([
        attest('starter.process.data-management'),
        attest('starter.process.use-cases'),
        attest('starter.process.ds-practice'),
      ]),
    }),
    user(member, { roles: 'data-scientist, annotator' }),
    asset(`${name}-data`, 'dataset', { owner: name }),
    asset(`${name}-nb`, 'notebook', {
      owner: name,
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    }),
    asset(`${name}-gpu`, 'compute', { owner: name }),
    asset(`${name}-bucket`, 'storage', { owner: name }),
  ];
}

describe('classify: shape and levels', () => {
  it('assesses an empty team as level 1, Basic, working on the starter kit', () => {
    const a = classify({ entities: [group('team-a')], now: NOW });
    expect(a.generatedAt).toBe(NOW);
    const t = team(a, 'team-a');
    expect(t).toMatchObject({
      implicit: false,
      parent: null,
      level: 1,
      levelName: 'Basic',
      kitsCompleted: 0,
      currentKit: 'starter',
      rollup: null,
      findings: [],
    });
    expect(t.kits.map(k => [k.id, k.met, k.total, k.complete])).toEqual([
      ['starter', 0, 9, false],
      ['accelerator', 0, 9, false],
      ['scaler', 0, 11, false],
      ['synergizer', 0, 10, false],
      ['transformer', 0, 5, false],
    ]);
    expect(t.items.map(i => i.id)).toEqual(
      DEFAULT_KITS.flatMap(k => k.items.map(i => i.id)),
    );
    expect(Object.keys(t.items[0])).toEqual([
      'id',
      'kit',
      'dimension',
      'required',
      'status',
      'evidence',
    ]);
  });

  it('completes the starter kit and reaches level 2', () => {
    const a = classify({
      entities: starterComplete('team-a', 'alice'),
      now: NOW,
    });
    const t = team(a, 'team-a');
    expect(t.kits[0]).toEqual({
      id: 'starter',
      met: 9,
      total: 9,
      complete: true,
    });
    expect(t).toMatchObject({
      level: 2,
      levelName: 'Opportunistic',
      kitsCompleted: 1,
      currentKit: 'accelerator',
    });
    expect(item(t, 'starter.process.use-cases')).toMatchObject({
      status: 'attested',
      attestation: { source: 'annotation', url: 'https://wiki.example.com/x' },
    });
  });

  it('counts only consecutive complete kits', () => {
    // Every item of every kit but the starter kit: attested or met via config.
    const kits = DEFAULT_KITS.map(k => ({
      ...k,
      items: k.items.map(i =>
        k.id === 'starter' ? i : { ...i, rule: undefined, attestable: true },
      ),
    }));
    const annotations = Object.fromEntries(
      kits
        .slice(1)
        .flatMap(k => k.items)
        .map(i => [`ml-maturity.io/attest.${i.id}`, 'https://e.example.com']),
    );
    const a = classify({
      entities: [group('team-a', { annotations })],
      kits,
      now: NOW,
    });
    const t = team(a, 'team-a');
    expect(t.kits.map(k => k.complete)).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    expect(t).toMatchObject({
      level: 1,
      kitsCompleted: 0,
      currentKit: 'starter',
    });

    const all = Object.fromEntries(
      kits
        .flatMap(k => k.items)
        .map(i => [`ml-maturity.io/attest.${i.id}`, 'https://e.example.com']),
    );
    const attestAll = kits.map(k => ({
      ...k,
      items: k.items.map(i => ({ ...i, rule: undefined, attestable: true })),
    }));
    const done = team(
      classify({
        entities: [group('team-a', { annotations: all })],
        kits: attestAll,
        now: NOW,
      }),
      'team-a',
    );
    expect(done).toMatchObject({
      level: 5,
      levelName: 'Transformational',
      kitsCompleted: 5,
      currentKit: null,
    });
  });

  it('classifies with the kits given on each call, also when a kits array changes in place', () => {
    const entities = [...starterComplete('team-a', 'ann')];
    const statusOf = (kits: typeof DEFAULT_KITS) =>
      item(
        team(classify({ entities, kits, now: NOW }), 'team-a'),
        'starter.technology.project-datasets',
      ).status;
    const kits = DEFAULT_KITS.map(k => ({ ...k, items: [...k.items] }));
    expect(statusOf(kits)).toBe('met');
    // the same array, its dataset rule made impossible in place
    const starter = kits.find(k => k.id === 'starter')!;
    const index = starter.items.findIndex(
      i => i.id === 'starter.technology.project-datasets',
    );
    starter.items[index] = {
      ...starter.items[index],
      rule: {
        via: 'owned',
        filter: { 'ml.asset': 'no-such-type' } as any,
      },
    };
    expect(statusOf(kits)).toBe('unmet');
    // and back to kits equal to the first ones
    expect(statusOf(DEFAULT_KITS)).toBe('met');
    expect(classify({ entities, kits: DEFAULT_KITS, now: NOW })).toEqual(
      classify({ entities, now: NOW }),
    );
  });

  it('never puts null facts in: $exists on a missing annotation is false', () => {
    const a = classify({
      entities: [...world(), asset('nb', 'notebook')],
      now: NOW,
    });
    expect(
      item(team(a, 'team-a'), 'synergizer.technology.orchestration-notebooks')
        .status,
    ).toBe('unmet');
  });
});

describe('classify: reading entities', () => {
  it('assesses catalog entities (with metadata.uid) whose text looks like a template; skips such raw documents', () => {
    const templated = (uid?: string) => {
      const doc = asset('charts', 'dataset', {
        annotations: { 'example.com/values': '{{ .Values.bucket }}' },
      });
      if (uid) doc.metadata.uid = uid;
      return doc;
    };
    const served = classify({
      entities: [...world(), templated('3f9c2a1e-uid')],
      now: NOW,
    });
    expect(
      item(team(served, 'team-a'), 'starter.technology.project-datasets')
        .evidence,
    ).toEqual(['resource:default/charts']);
    const raw = classify({ entities: [...world(), templated()], now: NOW });
    expect(
      item(team(raw, 'team-a'), 'starter.technology.project-datasets').status,
    ).toBe('unmet');
  });

  it('reads only own properties even when Object.prototype is polluted', () => {
    const entities = [
      ...world(),
      entity('Component', 'no-owner', { spec: { type: 'service' } }),
      asset('ds', 'dataset', { owner: 'team-b' }),
    ];
    const clean = JSON.stringify(classify({ entities, now: NOW }));
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.owner = 'team-a';
      proto.relations = [
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
      ];
      proto.type = 'ownedBy';
      proto.targetRef = 'group:default/team-a';
      expect(JSON.stringify(classify({ entities, now: NOW }))).toBe(clean);
    } finally {
      delete proto.owner;
      delete proto.relations;
      delete proto.type;
      delete proto.targetRef;
    }
  });

  it('lets a top-level key written like an ml. path take part in filters as the library reads it', () => {
    const doc = {
      ...entity('Component', 'odd', {
        spec: { type: 'service', owner: 'team-a' },
      }),
      'ml.openSource': 'https://github.com/acme/odd',
    };
    // The filter library reads `ml.openSource` from the literal key here,
    // as the entity has no open-source annotation.
    expect(
      getJsonValueAtPath({ ...doc, ml: {} }, 'ml.openSource'),
    ).toBeDefined();
    const a = classify({ entities: [...world(), doc], now: NOW });
    expect(
      item(team(a, 'team-a'), 'transformer.technology.open-source').status,
    ).toBe('met');
    const plain = classify({
      entities: [
        ...world(),
        entity('Component', 'odd', {
          spec: { type: 'service', owner: 'team-a' },
        }),
      ],
      now: NOW,
    });
    expect(
      item(team(plain, 'team-a'), 'transformer.technology.open-source').status,
    ).toBe('unmet');
  });

  it('skips templates, non-Backstage documents and junk', () => {
    const a = classify({
      entities: [
        group('team-a'),
        asset('tpl', 'dataset', { annotations: { x: '${{ values.name }}' } }),
        { ...asset('k8s', 'dataset'), apiVersion: 'apps/v1' },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 7 },
        },
        null,
        'text',
        [asset('in-array', 'dataset')],
      ],
      now: NOW,
    });
    expect(team(a, 'team-a').items.every(i => i.status === 'unmet')).toBe(true);
    expect(a.unattributedAssets).toEqual([]);
  });

  it('skips a raw document with an unquoted placeholder, as YAML parses it', () => {
    // `owner: {{ cookiecutter.team }}` is a mapping with the key `{ cookiecutter.team }`
    const unquoted = asset('tpl', 'dataset', {
      owner: { '{ cookiecutter.team }': null } as unknown as string,
    });
    expect(isUnrenderedTemplate(unquoted)).toBe(true);
    expect(isUnrenderedTemplate(asset('fine', 'dataset'))).toBe(false);
    const a = classify({ entities: [group('team-a'), unquoted], now: NOW });
    expect(a.findings).toEqual([]);
    expect(a.unattributedAssets).toEqual([]);
  });

  it('reports an entity with an invalid name and ignores it', () => {
    const a = classify({ entities: [asset('Bad Name', 'dataset')], now: NOW });
    expect(a.findings).toEqual([
      expect.objectContaining({ field: 'metadata.name', value: 'Bad Name' }),
    ]);
    expect(a.teams).toEqual([]);
    expect(a.unattributedAssets).toEqual([]);
  });

  it('falls back to spec.type when the asset annotation is invalid', () => {
    const doc = asset('nb', 'wizardry', { spec: { type: 'jupyter-notebook' } });
    const a = classify({ entities: [...world(), doc], now: NOW });
    const t = team(a, 'team-a');
    expect(item(t, 'starter.technology.experiment-notebooks').status).toBe(
      'met',
    );
    expect(t.findings).toEqual([
      {
        entityRef: 'resource:default/nb',
        field: 'ml-maturity.io/asset',
        value: 'wizardry',
        message: expect.stringContaining('Allowed: dataset, notebook'),
      },
    ]);
    expect(t.findings[0].message).toMatch(
      /spec\.type "jupyter-notebook" is used instead, so this is a notebook$/,
    );
  });

  it('says when an invalid asset annotation leaves no ML asset, and suggests the word meant', () => {
    const doc = asset('svc', 'datasets', { spec: { type: 'service' } });
    const { assessment, assets } = classifyWithDetails({
      entities: [...world(), doc],
      now: NOW,
    });
    expect(assets.map(a => a.entityRef)).not.toContain('resource:default/svc');
    const finding = team(assessment, 'team-a').findings.find(
      f => f.entityRef === 'resource:default/svc',
    )!;
    expect(finding.message).toMatch(
      /^Unknown ML asset type; Did you mean dataset\?/,
    );
    expect(finding.message).toMatch(
      /spec\.type "service" is not an ML asset type either, so this entity is not assessed as an ML asset$/,
    );
  });

  it.each([
    ['multicloud', 'multi-cloud'],
    ['Multi Cloud', 'multi-cloud'],
    ['on-premise', 'on-prem'],
  ])('suggests the hosting meant for %j', (written, meant) => {
    const doc = asset('gpu', 'compute', {
      annotations: { 'ml-maturity.io/hosting': written },
    });
    const a = classify({ entities: [...world(), doc], now: NOW });
    const finding = team(a, 'team-a').findings.find(
      f => f.field === 'ml-maturity.io/hosting',
    )!;
    expect(finding.message).toMatch(
      new RegExp(
        `^Unknown value; Did you mean ${meant}\\? Allowed: on-prem, cloud`,
      ),
    );
  });

  it.each([
    ['Data Scientist', 'data-scientist'],
    ['data_scientist', 'data-scientist'],
    ['ML Engineer', 'ml-engineer'],
    ['anotator', 'annotator'],
  ])('suggests the role meant for %j', (written, meant) => {
    const a = classify({ entities: world(written), now: NOW });
    const [finding] = team(a, 'team-a').findings;
    expect(finding).toMatchObject({
      field: 'ml-maturity.io/role',
      value: written,
    });
    expect(finding.message).toContain(`Did you mean ${meant}?`);
    expect(finding.message).toMatch(/This user has no role that counts$/);
  });

  it('does not treat a bare pipeline as an ML asset', () => {
    const doc = entity('Component', 'ci', {
      spec: { type: 'pipeline', owner: 'team-a' },
    });
    const { assessment, assets } = classifyWithDetails({
      entities: [doc],
      now: NOW,
    });
    expect(assets).toEqual([]);
    expect(assessment.unattributedAssets).toEqual([]);
  });

  it('keeps known roles when some are unknown', () => {
    const a = classify({ entities: world('Annotator, wizard'), now: NOW });
    const t = team(a, 'team-a');
    expect(item(t, 'starter.people.annotators').status).toBe('met');
    expect(t.findings).toEqual([
      expect.objectContaining({
        entityRef: 'user:default/alice',
        field: 'ml-maturity.io/role',
        value: 'wizard',
        message: expect.stringMatching(
          /^Unknown role; Allowed: .*The other roles of this annotation still count$/,
        ),
      }),
    ]);
  });

  it('reports non-string annotation values as JSON text, cut to 200 characters', () => {
    const doc = asset('data', 'dataset', {
      annotations: {
        'ml-maturity.io/curated': true,
        'ml-maturity.io/scope': 'x'.repeat(500),
      },
    });
    const t = team(
      classify({ entities: [...world(), doc], now: NOW }),
      'team-a',
    );
    const curated = t.findings.find(f => f.field === 'ml-maturity.io/curated')!;
    expect(curated.value).toBe('true');
    expect(curated.message).toMatch(/must be strings/);
    const scope = t.findings.find(f => f.field === 'ml-maturity.io/scope')!;
    expect(scope.value).toHaveLength(200);
    expect(scope.message).toMatch(
      /Allowed: project, team, enterprise, external/,
    );
  });

  it('uses configured extra aliases', () => {
    const doc = asset('m', 'tf-model');
    const without = classifyWithDetails({
      entities: [...world(), doc],
      now: NOW,
    });
    expect(without.assets).toEqual([]);
    const withAlias = classifyWithDetails({
      entities: [...world(), doc],
      assetTypeAliases: { 'TF-Model': 'ml-model' },
      now: NOW,
    });
    expect(withAlias.assets.map(x => [x.entityRef, x.assetType])).toEqual([
      ['resource:default/m', 'ml-model'],
    ]);
  });
});

describe('classify: references and attribution', () => {
  it('counts a user-owned asset for every team of the user', () => {
    const a = classify({
      entities: [
        group('team-a', { members: ['alice'] }),
        group('team-b'),
        user('alice', { memberOf: ['team-b'] }),
        asset('data', 'dataset', { owner: 'user:alice' }),
      ],
      now: NOW,
    });
    for (const name of ['team-a', 'team-b']) {
      expect(
        item(team(a, name), 'starter.technology.project-datasets').evidence,
      ).toEqual(['resource:default/data']);
    }
  });

  it('creates an implicit team for a missing owner group, with a finding', () => {
    const a = classify({
      entities: [asset('data', 'dataset', { owner: 'ghosts' })],
      now: NOW,
    });
    const t = team(a, 'ghosts');
    expect(t.implicit).toBe(true);
    expect(item(t, 'starter.technology.project-datasets').status).toBe('met');
    expect(t.findings).toEqual([
      {
        entityRef: 'group:default/ghosts',
        field: 'spec.owner',
        value: 'group:default/ghosts',
        // no count of the entities naming it (some may be hidden from a
        // portal user who sees this finding)
        message:
          'Group entity is missing: entities name it as owner, so it is assessed as an implicit team. Add a Group entity with this name (kind: Group, spec.type: team, spec.children: []) or fix the owners',
      },
    ]);
    expect(a.findings).toEqual([]);
  });

  it('says why a user-owned asset counts for no team', () => {
    const a = classify({
      entities: [
        user('no-groups'),
        user('lost', { memberOf: ['ghost-b', 'ghost-a'] }),
        asset('d1', 'dataset', { owner: 'user:no-groups' }),
        asset('d2', 'dataset', { owner: 'user:lost' }),
        asset('d3', 'dataset', { owner: 'user:nobody' }),
      ],
      now: NOW,
    });
    const message = (ref: string) =>
      a.findings.find(f => f.entityRef === ref)?.message;
    expect(message('resource:default/d1')).toMatch(
      /^The owning User is a member of no group, .* add spec\.memberOf to the User$/,
    );
    expect(message('resource:default/d2')).toBe(
      "None of the groups in the owning User's spec.memberOf is a Group entity, so this entity counts for no team: add those Group entities or fix the User's spec.memberOf",
    );
    expect(message('resource:default/d3')).toMatch(/^User entity is missing/);
    expect(a.unattributedAssets).toEqual([
      'resource:default/d1',
      'resource:default/d2',
      'resource:default/d3',
    ]);
  });

  it('lists, for each implicit team, the entities naming it as owner', () => {
    const component = (
      name: string,
      spec: Doc,
      relations: Doc[] = [],
      namespace?: string,
    ) => entity('Component', name, { spec, relations, namespace });
    const entities = [
      component('b-model', { owner: 'ghost-team' }),
      component('A-Model', { owner: 'Group:default/Ghost-Team' }),
      // an invalid spec.owner is a finding; the relation still names it
      component('via-relation', { owner: 42 }, [
        { type: 'ownedBy', targetRef: 'group:default/ghost-team' },
      ]),
      component('other-ns', { owner: 'ghost-team' }, [], 'labs'),
      // a Group entity is no implicit team; dependsOn is no ownership
      component('real', { owner: 'vision' }, [
        { type: 'ownedBy', targetRef: 'group:default/vision' },
        { type: 'dependsOn', targetRef: 'group:default/ghost-team' },
      ]),
      group('vision'),
      // named twice, listed once
      component('twice', { owner: 'group:default/ghost-team' }, [
        { type: 'ownedBy', targetRef: 'group:default/ghost-team' },
      ]),
      // a user's missing group is no implicit team unless named as owner
      user('ann', { memberOf: ['ghost-members'] }),
      component('by-ann', { owner: 'user:ann' }),
      component('bad-owner', { owner: ':' }),
    ];
    const expected = {
      'group:default/ghost-team': [
        'component:default/a-model',
        'component:default/b-model',
        'component:default/twice',
        'component:default/via-relation',
      ],
      'group:labs/ghost-team': ['component:labs/other-ns'],
    };
    const details = classifyWithDetails({ entities, now: NOW });
    expect(details.implicitTeamReferrers).toEqual(expected);
    expect(
      details.assessment.teams.filter(t => t.implicit).map(t => t.entityRef),
    ).toEqual(Object.keys(expected));
    // in any input order
    expect(
      classifyWithDetails({ entities: shuffle(entities, prng(3)), now: NOW })
        .implicitTeamReferrers,
    ).toEqual(expected);
  });

  it('adds to those lists documents of other API versions naming such a team as owner', () => {
    const template = (name: string, spec: Doc, relations: Doc[] = []) => ({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name, namespace: 'default' },
      spec,
      relations,
    });
    const entities = [
      asset('model', 'ml-model', { owner: 'ghosts' }),
      template('New-Model', { owner: 'Ghosts' }),
      template('by-relation', {}, [
        { type: 'ownedBy', targetRef: 'group:default/ghosts' },
      ]),
      // a team that is no implicit team, and owners that are no refs
      group('vision'),
      template('other', { owner: 'vision' }),
      template('bad', { owner: ':' }),
      template('not-a-string', { owner: 42 }),
    ];
    const details = classifyWithDetails({ entities, now: NOW });
    expect(details.implicitTeamReferrers).toEqual({
      'group:default/ghosts': [
        'resource:default/model',
        'template:default/by-relation',
        'template:default/new-model',
      ],
    });
    // the templates take no part in classification
    expect(details.assessment).toEqual(
      classify({
        entities: entities.slice(0, 1).concat(group('vision')),
        now: NOW,
      }),
    );
    // without implicit teams, no list at all
    expect(
      classifyWithDetails({
        entities: [group('ghosts'), ...entities],
        now: NOW,
      }).implicitTeamReferrers,
    ).toEqual({});
  });

  it('reports an e-mail owner and leaves the asset unattributed', () => {
    const a = classify({
      entities: [asset('data', 'dataset', { owner: 'jane@example.com' })],
      now: NOW,
    });
    expect(a.teams).toEqual([]);
    expect(a.unattributedAssets).toEqual(['resource:default/data']);
    expect(a.findings).toEqual([
      expect.objectContaining({
        entityRef: 'resource:default/data',
        field: 'spec.owner',
        value: 'jane@example.com',
        message: expect.stringMatching(/valid entity/),
      }),
    ]);
  });

  it('ignores a dependsOn ref without a kind, with a finding', () => {
    const a = classify({
      entities: [
        ...world(),
        asset('gpus', 'compute', { owner: 'team-b' }),
        asset('bucket', 'storage'),
        consumer('app', ['gpus']),
      ],
      now: NOW,
    });
    const t = team(a, 'team-a');
    expect(item(t, 'starter.technology.provisioned-resources').status).toBe(
      'unmet',
    );
    expect(t.findings).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/app',
        field: 'spec.dependsOn',
        value: 'gpus',
        message: expect.stringMatching(/no kind/),
      }),
    ]);
  });

  it('takes members from both sides', () => {
    const a = classify({
      entities: [
        group('team-a', { members: ['alice'] }),
        user('alice', { roles: 'data-scientist' }),
        user('bob', { memberOf: ['group:default/team-a'], roles: 'annotator' }),
      ],
      now: NOW,
    });
    const t = team(a, 'team-a');
    expect(item(t, 'starter.people.data-scientists').evidence).toEqual([
      'user:default/alice',
    ]);
    expect(item(t, 'starter.people.annotators').evidence).toEqual([
      'user:default/bob',
    ]);
  });

  it('gives the same result from relations only as from spec fields only', () => {
    const specOnly = [
      group('team-a', { children: ['team-b'] }),
      group('team-b', { members: ['alice'] }),
      user('alice', { roles: 'ml-engineer' }),
      asset('market', 'data-marketplace', { owner: 'team-a' }),
      asset('data', 'dataset', {
        owner: 'team-b',
        spec: { dependsOn: ['resource:market'], system: 'sys' },
      }),
      entity('System', 'sys', { spec: { owner: 'team-b' } }),
      entity('API', 'api', { spec: { type: 'openapi', owner: 'team-a' } }),
      entity('Component', 'app', {
        spec: { type: 'service', owner: 'user:alice', consumesApis: ['api'] },
      }),
    ];
    const rel = (type: string, targetRef: string) => ({ type, targetRef });
    const strip = (doc: Doc, relations: unknown[]) => {
      const spec = { ...doc.spec };
      for (const key of [
        'owner',
        'members',
        'memberOf',
        'children',
        'parent',
        'dependsOn',
        'system',
        'consumesApis',
      ]) {
        delete spec[key];
      }
      return { ...doc, spec, relations };
    };
    const relationsOnly = [
      strip(specOnly[0], [rel('parentOf', 'group:default/team-b')]),
      strip(specOnly[1], [
        rel('childOf', 'group:default/team-a'),
        rel('hasMember', 'user:default/alice'),
      ]),
      strip(specOnly[2], [rel('memberOf', 'group:default/team-b')]),
      strip(specOnly[3], [
        rel('ownedBy', 'group:default/team-a'),
        rel('dependencyOf', 'resource:default/data'),
      ]),
      strip(specOnly[4], [
        rel('ownedBy', 'group:default/team-b'),
        rel('dependsOn', 'resource:default/market'),
        rel('partOf', 'system:default/sys'),
      ]),
      strip(specOnly[5], [
        rel('ownedBy', 'group:default/team-b'),
        rel('hasPart', 'resource:default/data'),
      ]),
      strip(specOnly[6], [
        rel('ownedBy', 'group:default/team-a'),
        rel('apiConsumedBy', 'component:default/app'),
      ]),
      strip(specOnly[7], [
        rel('ownedBy', 'user:default/alice'),
        rel('consumesApi', 'api:default/api'),
      ]),
    ];
    const a = classify({ entities: specOnly, now: NOW });
    const b = classify({ entities: relationsOnly, now: NOW });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(
      item(team(a, 'team-b'), 'scaler.technology.data-marketplace').status,
    ).toBe('met');
    expect(team(a, 'team-b').parent).toBe('group:default/team-a');
  });

  it('counts "used" one hop only', () => {
    const a = classify({
      entities: [
        ...world(),
        asset('bucket', 'storage', { owner: 'team-b' }),
        asset('gpus', 'compute', {
          owner: 'team-b',
          spec: { dependsOn: ['resource:bucket'] },
        }),
        consumer('app', ['resource:gpus']),
      ],
      now: NOW,
    });
    const t = team(a, 'team-a');
    expect(item(t, 'starter.technology.provisioned-resources').status).toBe(
      'unmet',
    );
    expect(t.challenges.infrastructure.level).toBe(1);
  });

  it('rolls up child teams, cutting cycles', () => {
    const a = classify({
      entities: [
        group('org', { children: ['team-a', 'team-b'] }),
        group('team-a', { parent: 'org', members: ['alice'] }),
        group('team-b', { parent: 'team-a', children: ['org'] }),
        user('alice', { roles: 'data-scientist' }),
        asset('data', 'dataset', { owner: 'team-b' }),
        group('team-c', { parent: 'team-b' }),
        ...starterComplete('team-c', 'carol'),
      ].filter(
        (d, i, all) =>
          all.findIndex(x => x.metadata.name === d.metadata.name) === i,
      ),
      now: NOW,
    });
    const org = team(a, 'org');
    expect(org.rollup).toMatchObject({
      teams: [
        'group:default/team-a',
        'group:default/team-b',
        'group:default/team-c',
      ],
    });
    expect(org.rollup!.levels).toEqual({
      '1': 3,
      '2': 0,
      '3': 0,
      '4': 0,
      '5': 0,
    });
    expect(team(a, 'team-a').parent).toBe('group:default/org');
    // team-b is both a child of org (via org's children) and of team-a
    expect(team(a, 'team-b').parent).toBe('group:default/org');
    const teamA = team(a, 'team-a');
    expect(teamA.rollup!.teams).toEqual([
      'group:default/org',
      'group:default/team-b',
      'group:default/team-c',
    ]);
    expect(teamA.rollup).toMatchObject({ level: 1, currentKit: 'starter' });
  });

  it('computes a rollup over everything the subtree owns, its members and attestations', () => {
    const a = classify({
      entities: [
        group('org', { children: ['team-a', 'team-c'] }),
        ...starterComplete('team-c', 'carol'),
        group('team-a', { members: ['alice'] }),
        user('alice', { roles: 'ml-engineer' }),
      ],
      now: NOW,
    });
    const org = team(a, 'org');
    expect(org.level).toBe(1);
    expect(org.rollup).toMatchObject({
      level: 2,
      kitsCompleted: 1,
      currentKit: 'accelerator',
    });
    expect(org.rollup!.levels).toEqual({
      '1': 1,
      '2': 1,
      '3': 0,
      '4': 0,
      '5': 0,
    });
    expect(org.rollup!.kits[1].met).toBe(1);
  });

  it('places findings with the owning team, members and group; others top-level', () => {
    const a = classify({
      entities: [
        group('team-a', {
          members: ['alice'],
          annotations: {
            'ml-maturity.io/attest.nope': 'https://x.example.com',
          },
        }),
        user('alice', { roles: 'wizard' }),
        asset('mine', 'dataset', {
          annotations: { 'ml-maturity.io/scope': 'all' },
        }),
        asset('orphan', 'dataset', {
          owner: 'component:x',
          annotations: { 'ml-maturity.io/hosting': 'moon' },
        }),
      ],
      now: NOW,
    });
    const t = team(a, 'team-a');
    expect(t.findings.map(f => [f.entityRef, f.field])).toEqual([
      ['group:default/team-a', 'ml-maturity.io/attest.nope'],
      ['resource:default/mine', 'ml-maturity.io/scope'],
      ['user:default/alice', 'ml-maturity.io/role'],
    ]);
    expect(a.findings.map(f => [f.entityRef, f.field])).toEqual([
      ['resource:default/orphan', 'ml-maturity.io/hosting'],
      ['resource:default/orphan', 'spec.owner'],
    ]);
    expect(a.unattributedAssets).toEqual(['resource:default/orphan']);
  });

  it('computes consumerTeams from other teams that depend on an asset', () => {
    const { assets } = classifyWithDetails({
      entities: [
        ...world(),
        asset('labels', 'dataset', {
          annotations: { 'ml-maturity.io/curated': 'true' },
        }),
        consumer('x', ['resource:labels'], 'team-b'),
      ],
      now: NOW,
    });
    expect(assets).toEqual([
      {
        entityRef: 'resource:default/labels',
        assetType: 'dataset',
        countsToward: [
          {
            team: 'group:default/team-a',
            itemId: 'accelerator.technology.curated-datasets',
            via: 'owned',
          },
          {
            team: 'group:default/team-a',
            itemId: 'starter.technology.project-datasets',
            via: 'owned',
          },
        ],
        findings: [],
      },
    ]);
  });
});

describe('classify: attestations', () => {
  const id = 'starter.process.use-cases';
  const portal = (
    overrides: Partial<PortalAttestation> = {},
  ): PortalAttestation => ({
    id: 'att-1',
    teamRef: 'group:default/team-a',
    itemId: id,
    url: 'https://wiki.example.com/use-cases',
    by: 'user:default/alice',
    at: '2026-01-10T00:00:00.000Z',
    expiresAt: '2027-01-10T00:00:00.000Z',
    ...overrides,
  });

  it('applies a portal attestation with its fields', () => {
    const t = team(
      classify({ entities: world(), attestations: [portal()], now: NOW }),
      'team-a',
    );
    expect(item(t, id)).toEqual({
      id,
      kit: 'starter',
      dimension: 'process',
      required: true,
      status: 'attested',
      evidence: ['https://wiki.example.com/use-cases'],
      attestation: {
        source: 'portal',
        url: 'https://wiki.example.com/use-cases',
        id: 'att-1',
        by: 'user:default/alice',
        at: '2026-01-10T00:00:00.000Z',
        expiresAt: '2027-01-10T00:00:00.000Z',
      },
    });
    expect(
      item(
        team(
          classify({ entities: world(), attestations: [portal()], now: NOW }),
          'team-b',
        ),
        id,
      ).status,
    ).toBe('unmet');
  });

  it('leaves an expired portal attestation unmet, saying when it expired', () => {
    const t = team(
      classify({
        entities: world(),
        attestations: [portal({ expiresAt: '2026-06-01T00:00:00.000Z' })],
        now: NOW,
      }),
      'team-a',
    );
    const result = item(t, id);
    expect(result.status).toBe('unmet');
    expect(result.evidence).toEqual([]);
    expect(result.reason).toMatch(/expired on 2026-06-01T00:00:00.000Z/);
  });

  it('lets a met rule win over an attestation', () => {
    const kits = DEFAULT_KITS.map(k => ({
      ...k,
      items: k.items.map(i =>
        i.id === 'starter.technology.project-datasets'
          ? { ...i, attestable: true }
          : i,
      ),
    }));
    const t = team(
      classify({
        entities: [...world(), asset('data', 'dataset')],
        kits,
        attestations: [
          portal({ itemId: 'starter.technology.project-datasets' }),
        ],
        now: NOW,
      }),
      'team-a',
    );
    const result = item(t, 'starter.technology.project-datasets');
    expect(result.status).toBe('met');
    expect(result.evidence).toEqual(['resource:default/data']);
    expect(result.attestation).toBeUndefined();
  });

  it('ignores attestations of non-attestable items, with a finding for annotations', () => {
    const itemId = 'starter.technology.project-datasets';
    const a = classify({
      entities: [
        group('team-a', {
          annotations: {
            [`ml-maturity.io/attest.${itemId}`]: 'https://x.example.com',
          },
        }),
      ],
      attestations: [portal({ itemId })],
      now: NOW,
    });
    const t = team(a, 'team-a');
    expect(item(t, itemId).status).toBe('unmet');
    expect(item(t, itemId).reason).toMatch(/not attestable/);
    expect(t.findings).toEqual([
      expect.objectContaining({
        field: `ml-maturity.io/attest.${itemId}`,
        message: expect.stringMatching(/not attestable/),
      }),
    ]);
  });

  it('ignores an annotation URL with invisible, text-direction or space characters, with a finding', () => {
    const invisible = (code: string) =>
      `The evidence URL must not contain invisible or text-direction characters (it has U+${code}): they make a URL read as another to everyone who sees the evidence; it is ignored`;
    const cases = [
      ['https://evil.example.com/\u202Egpj.exe', invisible('202E')],
      ['https://wiki.example.com/\u200Buse-cases', invisible('200B')],
      ['https://wiki.example.com/\u{E0041}', invisible('E0041')],
      [
        'https://wiki.example.com/use cases',
        'The evidence URL must not contain spaces or control characters; it is ignored',
      ],
    ];
    for (const [url, message] of cases) {
      const t = team(
        classify({
          entities: [
            group('team-a', {
              annotations: { [`ml-maturity.io/attest.${id}`]: url },
            }),
          ],
          now: NOW,
        }),
        'team-a',
      );
      expect({ url, status: item(t, id).status }).toEqual({
        url,
        status: 'unmet',
      });
      expect(item(t, id).evidence).toEqual([]);
      expect(item(t, id).reason).toContain(
        `The attestation annotation ml-maturity.io/attest.${id} was ignored because its URL has spaces, control, invisible or text-direction characters`,
      );
      expect(t.findings).toEqual([
        {
          entityRef: 'group:default/team-a',
          field: `ml-maturity.io/attest.${id}`,
          value: url,
          message,
        },
      ]);
    }
    // surrounding white space is trimmed, as before
    const trimmed = team(
      classify({
        entities: [
          group('team-a', {
            annotations: {
              [`ml-maturity.io/attest.${id}`]: '  https://wiki.example.com/x\n',
            },
          }),
        ],
        now: NOW,
      }),
      'team-a',
    );
    expect(item(trimmed, id)).toMatchObject({
      status: 'attested',
      evidence: ['https://wiki.example.com/x'],
    });
  });

  it('prefers the annotation and lists every evidence URL', () => {
    const t = team(
      classify({
        entities: [
          group('team-a', {
            annotations: {
              [`ml-maturity.io/attest.${id}`]: 'https://git.example.com/adr',
            },
          }),
        ],
        attestations: [portal()],
        now: NOW,
      }),
      'team-a',
    );
    expect(item(t, id)).toMatchObject({
      status: 'attested',
      evidence: [
        'https://git.example.com/adr',
        'https://wiki.example.com/use-cases',
      ],
      attestation: { source: 'annotation', url: 'https://git.example.com/adr' },
    });
  });
});

describe('classify: determinism', () => {
  it('gives the same result in any order for more kinds than 16-bit ids hold', () => {
    const docs: Doc[] = [group('team-a')];
    for (let i = 0; i < 65540; i++) {
      docs.push(entity(`K${i}`, 'x', { spec: { owner: 'team-a' } }));
    }
    const forward = JSON.stringify(classify({ entities: docs, now: NOW }));
    const reversed = JSON.stringify(
      classify({ entities: [...docs].reverse(), now: NOW }),
    );
    expect(reversed).toBe(forward);
    expect(
      classify({ entities: docs, now: NOW }).teams.map(t => t.entityRef),
    ).toEqual(['group:default/team-a']);
  });

  it('gives byte-identical JSON for the same input in any order', () => {
    const docs: Doc[] = [
      group('org', { children: ['team-a', 'team-b'] }),
      ...world('data-scientist, ml-engineer, wizard'),
      ...starterComplete('team-c', 'carol'),
      asset('data', 'dataset', {
        annotations: { 'ml-maturity.io/scope': 'bad' },
      }),
      asset('dup', 'dataset'),
      asset('dup', 'notebook', { owner: 'team-b' }),
      asset('ghost-data', 'dataset', { owner: 'ghosts' }),
      asset('x', 'storage', { owner: 'jane@example.com' }),
      consumer('app', ['resource:data', 'dataset-without-kind']),
    ];
    const expected = JSON.stringify(classify({ entities: docs, now: NOW }));
    const random = prng(7);
    for (let i = 0; i < 20; i++) {
      expect(
        JSON.stringify(classify({ entities: shuffle(docs, random), now: NOW })),
      ).toBe(expected);
    }
  });
});
