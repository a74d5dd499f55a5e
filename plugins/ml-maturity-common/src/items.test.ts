import { classify } from './classify';
import { DEFAULT_KITS } from './kits/defaultKits';
import {
  asset,
  consumer,
  Doc,
  entity,
  group,
  NOW,
  user,
  world,
} from './__fixtures__/entities';

const TEAM = 'group:default/team-a';
const URL = 'https://wiki.example.com/evidence';

function statusOf(itemId: string, docs: Doc[]) {
  const assessment = classify({ entities: docs, now: NOW });
  const team = assessment.teams.find(t => t.entityRef === TEAM)!;
  return team.items.find(i => i.id === itemId)!;
}

const roleCase = (role: string) => ({
  meets: world(`${role}, data-engineer`),
  nearMiss: [
    ...world('data-engineer'),
    user('carol', { roles: role }), // has the role but is in no team
  ],
});

const attestCase = (id: string) => ({
  meets: [
    group('team-a', { annotations: { [`ml-maturity.io/attest.${id}`]: URL } }),
  ],
  nearMiss: [
    group('team-a', {
      annotations: { [`ml-maturity.io/attest.${id}`]: 'see the wiki' },
    }),
  ],
});

const CASES: Record<string, { meets: Doc[]; nearMiss: Doc[] }> = {
  'starter.people.data-scientists': roleCase('data-scientist'),
  'starter.people.annotators': roleCase('annotator'),
  'starter.process.data-management': attestCase(
    'starter.process.data-management',
  ),
  'starter.process.use-cases': attestCase('starter.process.use-cases'),
  'starter.process.ds-practice': attestCase('starter.process.ds-practice'),
  'starter.technology.project-datasets': {
    meets: [...world(), asset('images', 'data-set')],
    nearMiss: [
      ...world(),
      asset('images', 'dataset', { owner: 'team-b' }),
      consumer('app', ['resource:images']),
    ],
  },
  'starter.technology.experiment-notebooks': {
    meets: [
      ...world(),
      entity('Component', 'nb', { spec: { type: 'Jupyter', owner: 'team-a' } }),
    ],
    nearMiss: [
      ...world(),
      entity('Component', 'nb', {
        spec: { type: 'pipeline', owner: 'team-a' },
      }),
    ],
  },
  'starter.technology.use-case-docs': {
    meets: [
      ...world(),
      asset('model', 'ml-model', {
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('model', 'ml-model', {
        links: [{ url: 'https://x.example.com', type: 'website' }],
      }),
      asset('data', 'dataset', {
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      }),
    ],
  },
  'starter.technology.provisioned-resources': {
    meets: [
      ...world(),
      asset('gpus', 'gpu-cluster'),
      asset('bucket', 'storage', { owner: 'team-b' }),
      consumer('trainer', ['resource:bucket']),
    ],
    nearMiss: [...world(), asset('gpus', 'compute')],
  },
  'accelerator.people.ml-engineers': roleCase('ml-engineer'),
  'accelerator.process.data-procurement': attestCase(
    'accelerator.process.data-procurement',
  ),
  'accelerator.process.cross-function-synergies': attestCase(
    'accelerator.process.cross-function-synergies',
  ),
  'accelerator.technology.curated-datasets': {
    meets: [
      ...world(),
      asset('labels', 'dataset', {
        annotations: { 'ml-maturity.io/curated': 'true' },
      }),
      consumer('other', ['resource:labels'], 'team-b'),
    ],
    nearMiss: [
      ...world(),
      asset('labels', 'dataset', {
        annotations: {
          'ml-maturity.io/curated': 'true',
          'ml-maturity.io/scope': 'project',
        },
      }),
      consumer('mine', ['resource:labels'], 'team-a'),
    ],
  },
  'accelerator.technology.feature-pipelines': {
    meets: [...world(), asset('fp', 'feature-pipeline', { kind: 'Component' })],
    nearMiss: [...world(), asset('fp', 'ml-pipeline', { kind: 'Component' })],
  },
  'accelerator.technology.versioned-ml-pipelines': {
    meets: [
      ...world(),
      asset('train', 'kubeflow-pipeline', {
        annotations: { 'github.com/project-slug': 'acme/train' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('train', 'ml-pipeline', {
        annotations: {
          'backstage.io/managed-by-location': 'file:/repo/catalog-info.yaml',
        },
      }),
    ],
  },
  'accelerator.technology.process-flow-docs': {
    meets: [
      ...world(),
      asset('data', 'dataset', {
        links: [{ url: 'https://x.example.com', type: 'Process-Flow' }],
      }),
    ],
    nearMiss: [
      ...world(),
      entity('Component', 'svc', {
        spec: { type: 'service', owner: 'team-a' },
        links: [{ url: 'https://x.example.com', type: 'process-flow' }],
      }),
    ],
  },
  'accelerator.technology.basic-tutorials': {
    meets: [...world(), asset('intro', 'tutorial')],
    nearMiss: [
      ...world(),
      asset('intro', 'tutorial', { owner: 'team-b' }),
      consumer('app', ['resource:intro']),
    ],
  },
  'accelerator.technology.cluster-platform': {
    meets: [
      ...world(),
      asset('spark', 'compute', {
        owner: 'team-b',
        annotations: { 'ml-maturity.io/fault-tolerant': 'TRUE' },
      }),
      consumer('job', ['resource:spark']),
    ],
    nearMiss: [
      ...world(),
      asset('spark', 'compute', {
        annotations: { 'ml-maturity.io/fault-tolerant': 'yes' },
      }),
    ],
  },
  'scaler.people.product-managers': roleCase('product-manager'),
  'scaler.process.enterprise-data-consolidation': attestCase(
    'scaler.process.enterprise-data-consolidation',
  ),
  'scaler.process.enterprise-use-cases': attestCase(
    'scaler.process.enterprise-use-cases',
  ),
  'scaler.technology.data-marketplace': {
    meets: [
      ...world(),
      asset('market', 'data-marketplace', { owner: 'team-b' }),
      asset('sales', 'dataset', { spec: { dependsOn: ['resource:market'] } }),
    ],
    nearMiss: [
      ...world(),
      asset('market', 'data-marketplace', { owner: 'team-b' }),
      asset('sales', 'dataset', { spec: { dependsOn: ['market'] } }),
    ],
  },
  'scaler.technology.feature-store': {
    meets: [...world(), asset('fs', 'FeatureStore')],
    nearMiss: [...world(), asset('fs', 'feature-stores')],
  },
  'scaler.technology.shared-repos': {
    meets: [
      ...world(),
      asset('lib', 'ml-library', {
        owner: 'team-b',
        annotations: { 'ml-maturity.io/scope': 'enterprise' },
      }),
      consumer('app', ['resource:lib']),
    ],
    nearMiss: [
      ...world(),
      asset('lib', 'ml-library', {
        annotations: { 'ml-maturity.io/scope': 'team' },
      }),
    ],
  },
  'scaler.technology.reusable-data-pipelines': {
    meets: [
      ...world(),
      asset('etl', 'data-pipeline', {
        annotations: { 'ml-maturity.io/scope': 'Enterprise' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('etl', 'data-pipeline', {
        annotations: { 'ml-maturity.io/scope': 'everyone' },
      }),
    ],
  },
  'scaler.technology.workflow-notebooks': {
    meets: [
      ...world(),
      asset('train', 'ml-pipeline', { owner: 'team-b' }),
      asset('nb', 'notebook', { spec: { dependsOn: ['resource:train'] } }),
    ],
    nearMiss: [
      ...world(),
      asset('data', 'dataset'),
      asset('nb', 'notebook', { spec: { dependsOn: ['resource:data'] } }),
    ],
  },
  'scaler.technology.advanced-tutorials': {
    meets: [
      ...world(),
      asset('deep', 'tutorial', {
        annotations: { 'ml-maturity.io/tutorial-level': 'advanced' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('deep', 'tutorial', {
        annotations: { 'ml-maturity.io/tutorial-level': 'basic' },
      }),
    ],
  },
  'scaler.technology.cloud': {
    meets: [
      ...world(),
      asset('lake', 'storage', {
        owner: 'team-b',
        annotations: { 'ml-maturity.io/hosting': 'hybrid' },
      }),
      consumer('app', ['resource:lake']),
    ],
    nearMiss: [
      ...world(),
      asset('data', 'dataset', {
        annotations: { 'ml-maturity.io/hosting': 'cloud' },
      }),
    ],
  },
  'scaler.technology.collaboration-platform': {
    meets: [
      ...world(),
      asset('wiki', 'collaboration-platform', { owner: 'team-b' }),
      consumer('app', ['resource:wiki']),
    ],
    nearMiss: [
      ...world(),
      asset('wiki', 'collaboration-platform', { owner: 'team-b' }),
    ],
  },
  'synergizer.people.ml-researchers': roleCase('ml-researcher'),
  'synergizer.people.ai-advisors': roleCase('ai-advisor'),
  'synergizer.process.reusable-data-management': attestCase(
    'synergizer.process.reusable-data-management',
  ),
  'synergizer.process.research-budget': attestCase(
    'synergizer.process.research-budget',
  ),
  'synergizer.process.ai-leadership': attestCase(
    'synergizer.process.ai-leadership',
  ),
  'synergizer.technology.cloud-ai-platform': {
    meets: [
      ...world(),
      asset('vertex', 'ml-platform', {
        annotations: { 'ml-maturity.io/hosting': 'multi-cloud' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('vertex', 'ml-platform', {
        annotations: { 'ml-maturity.io/hosting': 'on-prem' },
      }),
    ],
  },
  'synergizer.technology.orchestration-notebooks': {
    meets: [
      ...world(),
      asset('nb', 'notebook', {
        annotations: { 'ml-maturity.io/orchestrator': 'kubeflow' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('nb', 'notebook', {
        annotations: { 'ml-maturity.io/orchestrator': '  ' },
      }),
      asset('p', 'ml-pipeline', {
        annotations: { 'ml-maturity.io/orchestrator': 'airflow' },
      }),
    ],
  },
  'synergizer.technology.versioned-environments': {
    meets: [
      ...world(),
      asset('env', 'ml-workspace', {
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/env/blob/main/catalog-info.yaml',
        },
      }),
    ],
    nearMiss: [...world(), asset('env', 'ml-environment')],
  },
  'synergizer.technology.e2e-architecture-docs': {
    meets: [
      ...world(),
      entity('System', 'vision', {
        spec: { owner: 'team-a' },
        links: [{ url: 'https://x.example.com', type: 'architecture' }],
      }),
      asset('data', 'dataset', { owner: 'team-b', spec: { system: 'vision' } }),
    ],
    nearMiss: [
      ...world(),
      entity('System', 'vision', {
        spec: { owner: 'team-a' },
        annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
      }),
      entity('Component', 'svc', {
        spec: { type: 'service', owner: 'team-a', system: 'vision' },
      }),
    ],
  },
  'synergizer.technology.interactive-training': {
    meets: [
      ...world(),
      asset('lab', 'tutorial', {
        annotations: { 'ml-maturity.io/tutorial-level': 'interactive' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('lab', 'tutorial', {
        annotations: { 'ml-maturity.io/tutorial-level': 'advanced' },
      }),
    ],
  },
  'transformer.people.thought-leaders': roleCase('ai-thought-leader'),
  'transformer.people.advanced-researchers': roleCase('advanced-researcher'),
  'transformer.process.industry-best-practices': attestCase(
    'transformer.process.industry-best-practices',
  ),
  'transformer.technology.external-publication': {
    meets: [
      ...world(),
      asset('nb', 'notebook', {
        annotations: { 'ml-maturity.io/scope': 'external' },
      }),
    ],
    nearMiss: [
      ...world(),
      asset('data', 'dataset', {
        annotations: { 'ml-maturity.io/scope': 'external' },
      }),
    ],
  },
  'transformer.technology.open-source': {
    meets: [
      ...world(),
      entity('Component', 'lib', {
        spec: { type: 'library', owner: 'user:alice' },
        annotations: {
          'ml-maturity.io/open-source': 'https://github.com/acme/lib',
        },
      }),
    ],
    nearMiss: [
      ...world(),
      entity('Component', 'lib', {
        spec: { type: 'library', owner: 'team-a' },
        annotations: { 'ml-maturity.io/open-source': 'github.com/acme/lib' },
      }),
    ],
  },
};

const ALL_ITEMS = DEFAULT_KITS.flatMap(k => k.items);

describe('default items', () => {
  it('has a case for every default item', () => {
    expect(Object.keys(CASES).sort()).toEqual(ALL_ITEMS.map(i => i.id).sort());
  });

  describe.each(ALL_ITEMS.map(i => [i.id, i] as const))('%s', (id, item) => {
    const { meets, nearMiss } = CASES[id];

    it('is met (or attested) by a matching entity set', () => {
      const result = statusOf(id, meets);
      expect(result.status).toBe(item.rule ? 'met' : 'attested');
      expect(result.evidence.length).toBeGreaterThan(0);
      const evidencePattern = item.rule
        ? /^[a-z]+:default\/[a-z0-9.-]+$/
        : /^https:\/\//;
      expect(result.evidence.every(e => evidencePattern.test(e))).toBe(true);
    });

    it('is not met by an entity set that almost matches', () => {
      const result = statusOf(id, nearMiss);
      expect(result.status).toBe('unmet');
      expect(result.evidence).toEqual([]);
    });
  });
});
