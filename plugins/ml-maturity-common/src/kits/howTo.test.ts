import { classify } from '../classify';
import { Doc, entity, group, NOW, user } from '../__fixtures__/entities';
import type { Assessment } from '../types';
import { DEFAULT_KITS } from './defaultKits';

/*
 * Every default item's howTo, followed literally by an ML repo owner: a
 * catalog in which the team fails the item, then exactly the edits the
 * howTo asks for → the item is met (attested for process items), and no
 * finding appears that the catalog did not have before.
 *
 * A step is written as the howTo's own words: `in` names the file to edit
 * (or when to edit it) and every YAML fragment (`key: value`, a spec path, a ref) must appear
 * verbatim in the howTo. The edit is derived from those fragments, so a
 * howTo that names another key, value or file, or a rule that no longer
 * accepts what the howTo says, fails here.
 */

const TEAM = 'group:default/vision';
const EVIDENCE = 'https://wiki.example.com/vision/process';

type Step = {
  /** The howTo's words for the file to edit, or for when to edit it (verbatim). */
  in: string;
  /** More of the howTo's words this step relies on (verbatim). */
  says?: string[];
} & (
  | {
      /** metadata.name of the entity the step edits. */
      on: string;
      /** `key: value` (the value as written in YAML), or the key with `value`. */
      annotate: string;
      /** For a `<placeholder>` value in the howTo. */
      value?: string;
    }
  | {
      on: string;
      /** `spec.<field>: value`, or the spec path with `value`. */
      set: string;
      value?: unknown;
    }
  | {
      on: string;
      /** A ref the howTo gives, added to spec.dependsOn. */
      dependsOn: string;
    }
  | {
      on: string;
      /** `type: <link type>` of a metadata.links entry. */
      link: string;
    }
  | {
      /** A new entity the howTo asks for, with the howTo's words for it. */
      create: Doc;
      says: string[];
    }
);

interface Case {
  item: string;
  /** What the case shows, when an item has several. */
  variant?: string;
  /** The catalog before the edits (world() and more): the team fails the item. */
  before: Doc[];
  steps: Step[];
}

/** A team and its member, as the starting point of every case. */
function world(): Doc[] {
  return [
    group('vision'),
    user('sofia.rossi', { memberOf: ['vision'] }),
    group('ml-platform'),
  ];
}

function component(
  name: string,
  type: string,
  owner: string,
  annotations?: Record<string, string>,
): Doc {
  return entity('Component', name, {
    annotations,
    spec: { type, lifecycle: 'production', owner },
  });
}

function resource(
  name: string,
  type: string,
  owner: string,
  annotations?: Record<string, string>,
): Doc {
  return entity('Resource', name, { annotations, spec: { type, owner } });
}

const roleCases: Case[] = [
  ['starter.people.data-scientists', 'data-scientist'],
  ['starter.people.annotators', 'annotator'],
  ['accelerator.people.ml-engineers', 'ml-engineer'],
  ['scaler.people.product-managers', 'product-manager'],
  ['synergizer.people.ml-researchers', 'ml-researcher'],
  ['synergizer.people.ai-advisors', 'ai-advisor'],
  ['transformer.people.thought-leaders', 'ai-thought-leader'],
  ['transformer.people.advanced-researchers', 'advanced-researcher'],
].flatMap(([item, role]) => [
  {
    item,
    before: world(),
    steps: [
      {
        in: '(a User entity)',
        on: 'sofia.rossi',
        annotate: `ml-maturity.io/role: ${role}`,
      },
    ],
  },
  {
    item,
    variant: 'a user not yet in the team, several roles, spec.members',
    before: [group('vision'), user('sofia.rossi'), group('ml-platform')],
    steps: [
      {
        in: '(a User entity)',
        on: 'sofia.rossi',
        annotate: 'ml-maturity.io/role',
        value: `${role}, data-engineer`,
        says: [`"${role}, data-engineer"`],
      },
      {
        in: 'on the Group',
        on: 'vision',
        set: 'spec.members',
        value: ['sofia.rossi'],
      },
    ],
  },
]);

const attestCases: Case[] = DEFAULT_KITS.flatMap(kit => kit.items)
  .filter(item => item.attestable)
  .map(item => ({
    item: item.id,
    before: world(),
    steps: [
      {
        in: "in the team's Group catalog-info.yaml",
        on: 'vision',
        annotate: `ml-maturity.io/attest.${item.id}`,
        value: EVIDENCE,
        says: ['<https URL'],
      },
    ],
  }));

const technologyCases: Case[] = [
  {
    item: 'starter.technology.project-datasets',
    before: [...world(), resource('vision-images', 's3-bucket', 'vision')],
    steps: [
      {
        in: "In the dataset's catalog-info.yaml",
        on: 'vision-images',
        annotate: 'ml-maturity.io/asset: dataset',
      },
    ],
  },
  {
    item: 'starter.technology.project-datasets',
    variant: 'spec.type, owned by a member',
    before: [...world(), resource('vision-images', 's3-bucket', 'ml-platform')],
    steps: [
      {
        in: "In the dataset's catalog-info.yaml",
        on: 'vision-images',
        set: 'spec.owner',
        value: 'user:sofia.rossi',
        says: ['written user:<name>'],
      },
      {
        in: "In the dataset's catalog-info.yaml",
        on: 'vision-images',
        set: 'spec.type: dataset',
      },
    ],
  },
  {
    item: 'starter.technology.experiment-notebooks',
    before: [...world(), component('defect-exploration', 'website', 'vision')],
    steps: [
      {
        in: "In the notebook's catalog-info.yaml",
        on: 'defect-exploration',
        annotate: 'ml-maturity.io/asset: notebook',
      },
    ],
  },
  {
    item: 'starter.technology.use-case-docs',
    before: [
      ...world(),
      component('defect-detector', 'service', 'vision', {
        'ml-maturity.io/asset': 'ml-model',
      }),
    ],
    steps: [
      {
        in: 'In the catalog-info.yaml of an ML model',
        on: 'defect-detector',
        annotate: 'backstage.io/techdocs-ref: dir:.',
      },
    ],
  },
  {
    item: 'starter.technology.use-case-docs',
    variant: 'a docs link',
    before: [
      ...world(),
      component('defect-detector', 'service', 'vision', {
        'ml-maturity.io/asset': 'ml-model',
      }),
    ],
    steps: [
      {
        in: 'In the catalog-info.yaml of an ML model',
        on: 'defect-detector',
        link: 'type: docs',
      },
    ],
  },
  {
    item: 'starter.technology.provisioned-resources',
    before: [
      ...world(),
      resource('gpu-training-cluster', 'kubernetes-cluster', 'vision'),
      resource('ml-training-bucket', 's3-bucket', 'vision'),
    ],
    steps: [
      {
        in: 'in their catalog-info.yaml',
        on: 'gpu-training-cluster',
        annotate: 'ml-maturity.io/asset: compute',
      },
      {
        in: 'in their catalog-info.yaml',
        on: 'ml-training-bucket',
        annotate: 'ml-maturity.io/asset: storage',
      },
    ],
  },
  {
    item: 'starter.technology.provisioned-resources',
    variant: 'used',
    before: [
      ...world(),
      resource('gpu-training-cluster', 'kubernetes-cluster', 'ml-platform'),
      resource('ml-training-bucket', 's3-bucket', 'ml-platform'),
      component('defect-training', 'service', 'vision'),
    ],
    steps: [
      {
        in: 'in their catalog-info.yaml',
        on: 'gpu-training-cluster',
        annotate: 'ml-maturity.io/asset: compute',
      },
      {
        in: 'in their catalog-info.yaml',
        on: 'ml-training-bucket',
        annotate: 'ml-maturity.io/asset: storage',
      },
      {
        in: 'of an entity the team owns',
        on: 'defect-training',
        dependsOn: 'resource:default/gpu-training-cluster',
      },
      {
        in: 'of an entity the team owns',
        on: 'defect-training',
        dependsOn: 'resource:default/ml-training-bucket',
      },
    ],
  },
  {
    item: 'accelerator.technology.curated-datasets',
    before: [...world(), resource('vision-images', 's3-bucket', 'vision')],
    steps: [
      'ml-maturity.io/asset: dataset',
      'ml-maturity.io/curated: "true"',
      'ml-maturity.io/scope: team',
    ].map(annotate => ({
      in: "In the dataset's catalog-info.yaml",
      on: 'vision-images',
      annotate,
    })),
  },
  {
    item: 'accelerator.technology.curated-datasets',
    variant: 'consumed by another team',
    before: [
      ...world(),
      resource('vision-images', 's3-bucket', 'vision'),
      component('quality-dashboard', 'website', 'ml-platform'),
    ],
    steps: [
      {
        in: "In the dataset's catalog-info.yaml",
        on: 'vision-images',
        annotate: 'ml-maturity.io/asset: dataset',
      },
      {
        in: "In the dataset's catalog-info.yaml",
        on: 'vision-images',
        annotate: 'ml-maturity.io/curated: "true"',
      },
      {
        in: 'of an entity that team owns',
        on: 'quality-dashboard',
        dependsOn: 'resource:default/vision-images',
      },
    ],
  },
  {
    item: 'accelerator.technology.feature-pipelines',
    before: [...world(), component('defect-features', 'service', 'vision')],
    steps: [
      {
        in: "In the pipeline's catalog-info.yaml",
        on: 'defect-features',
        annotate: 'ml-maturity.io/asset: feature-pipeline',
      },
    ],
  },
  {
    item: 'accelerator.technology.versioned-ml-pipelines',
    before: [...world(), component('defect-training', 'service', 'vision')],
    steps: [
      'ml-maturity.io/asset: ml-pipeline',
      'github.com/project-slug: org/repo',
    ].map(annotate => ({
      in: "In the pipeline's catalog-info.yaml",
      on: 'defect-training',
      annotate,
    })),
  },
  {
    item: 'accelerator.technology.process-flow-docs',
    before: [
      ...world(),
      component('defect-detector', 'service', 'vision', {
        'ml-maturity.io/asset': 'ml-model',
      }),
    ],
    steps: [
      {
        in: 'In the catalog-info.yaml of an ML asset the team owns',
        on: 'defect-detector',
        link: 'type: process-flow',
      },
    ],
  },
  {
    item: 'accelerator.technology.basic-tutorials',
    before: [...world(), component('course', 'documentation', 'vision')],
    steps: [
      {
        in: "In the tutorial's catalog-info.yaml",
        on: 'course',
        annotate: 'ml-maturity.io/asset: tutorial',
      },
    ],
  },
  {
    item: 'accelerator.technology.cluster-platform',
    variant: 'used',
    before: [
      ...world(),
      resource('gpu-training-cluster', 'kubernetes-cluster', 'ml-platform'),
      component('defect-training', 'service', 'vision'),
    ],
    steps: [
      {
        in: "In the compute cluster's catalog-info.yaml",
        on: 'gpu-training-cluster',
        annotate: 'ml-maturity.io/asset: compute',
      },
      {
        in: "In the compute cluster's catalog-info.yaml",
        on: 'gpu-training-cluster',
        annotate: 'ml-maturity.io/fault-tolerant: "true"',
      },
      {
        in: 'of an entity the team owns',
        on: 'defect-training',
        dependsOn: 'resource:default/gpu-training-cluster',
      },
    ],
  },
  {
    item: 'scaler.technology.data-marketplace',
    before: [...world(), component('data-marketplace', 'service', 'vision')],
    steps: [
      {
        in: "In the data marketplace's catalog-info.yaml",
        on: 'data-marketplace',
        annotate: 'ml-maturity.io/asset: data-marketplace',
      },
    ],
  },
  {
    item: 'scaler.technology.data-marketplace',
    variant: "publishing to the enterprise's one, not yet annotated",
    before: [
      ...world(),
      component('data-marketplace', 'service', 'ml-platform'),
      resource('vision-images', 'dataset', 'vision'),
    ],
    steps: [
      {
        in: "In the data marketplace's catalog-info.yaml",
        on: 'data-marketplace',
        annotate: 'ml-maturity.io/asset: data-marketplace',
      },
      {
        in: 'of a dataset or pipeline the team owns',
        on: 'vision-images',
        dependsOn: 'component:default/data-marketplace',
      },
    ],
  },
  {
    item: 'scaler.technology.feature-store',
    variant: "using the enterprise's one, not yet annotated",
    before: [
      ...world(),
      component('feature-store', 'service', 'ml-platform'),
      component('defect-features', 'feature-pipeline', 'vision'),
    ],
    steps: [
      {
        in: "In the feature store's catalog-info.yaml",
        on: 'feature-store',
        annotate: 'ml-maturity.io/asset: feature-store',
      },
      {
        in: 'of a pipeline the team owns',
        on: 'defect-features',
        dependsOn: 'component:default/feature-store',
      },
    ],
  },
  {
    item: 'scaler.technology.shared-repos',
    variant: 'used',
    before: [
      ...world(),
      component('ml-commons', 'library', 'ml-platform'),
      component('defect-training', 'service', 'vision'),
    ],
    steps: [
      {
        in: "In the shared library's catalog-info.yaml",
        on: 'ml-commons',
        annotate: 'ml-maturity.io/asset: ml-library',
      },
      {
        in: "In the shared library's catalog-info.yaml",
        on: 'ml-commons',
        annotate: 'ml-maturity.io/scope: enterprise',
      },
      {
        in: 'of an entity the team owns',
        on: 'defect-training',
        dependsOn: 'component:default/ml-commons',
      },
    ],
  },
  {
    item: 'scaler.technology.reusable-data-pipelines',
    before: [...world(), component('image-ingest', 'service', 'vision')],
    steps: [
      'ml-maturity.io/asset: data-pipeline',
      'ml-maturity.io/scope: team',
    ].map(annotate => ({
      in: "In the data pipeline's catalog-info.yaml",
      on: 'image-ingest',
      annotate,
    })),
  },
  {
    item: 'scaler.technology.reusable-data-pipelines',
    variant: 'consumed by another team',
    before: [
      ...world(),
      component('image-ingest', 'service', 'vision'),
      component('quality-dashboard', 'website', 'ml-platform'),
    ],
    steps: [
      {
        in: "In the data pipeline's catalog-info.yaml",
        on: 'image-ingest',
        annotate: 'ml-maturity.io/asset: data-pipeline',
      },
      {
        in: 'of an entity that team owns',
        on: 'quality-dashboard',
        dependsOn: 'component:default/image-ingest',
      },
    ],
  },
  {
    item: 'scaler.technology.workflow-notebooks',
    variant: 'the pipeline it drives not yet annotated',
    before: [
      ...world(),
      component('defect-exploration', 'website', 'vision'),
      component('defect-training', 'service', 'vision'),
    ],
    steps: [
      {
        in: "In the notebook's catalog-info.yaml",
        on: 'defect-exploration',
        annotate: 'ml-maturity.io/asset: notebook',
      },
      {
        in: "In the notebook's catalog-info.yaml",
        on: 'defect-exploration',
        dependsOn: 'component:default/defect-training',
      },
      {
        in: "that pipeline's catalog-info.yaml",
        on: 'defect-training',
        annotate: 'ml-maturity.io/asset: ml-pipeline',
      },
    ],
  },
  {
    item: 'scaler.technology.advanced-tutorials',
    before: [...world(), component('course', 'documentation', 'vision')],
    steps: [
      'ml-maturity.io/asset: tutorial',
      'ml-maturity.io/tutorial-level: advanced',
    ].map(annotate => ({
      in: "In the tutorial's catalog-info.yaml",
      on: 'course',
      annotate,
    })),
  },
  {
    item: 'scaler.technology.cloud',
    variant: 'a storage resource with no asset type yet',
    before: [...world(), resource('ml-training-bucket', 's3-bucket', 'vision')],
    steps: [
      {
        in: 'In the catalog-info.yaml of an ML platform, compute or storage resource',
        on: 'ml-training-bucket',
        annotate: 'ml-maturity.io/hosting: cloud',
      },
      {
        in: 'if it has no asset type yet',
        on: 'ml-training-bucket',
        // the howTo offers three asset types: this resource is storage
        annotate: 'ml-maturity.io/asset: ml-platform, compute or storage',
        value: 'storage',
      },
    ],
  },
  {
    item: 'scaler.technology.cloud',
    variant: 'used',
    before: [
      ...world(),
      resource('gpu-training-cluster', 'kubernetes-cluster', 'ml-platform', {
        'ml-maturity.io/asset': 'compute',
      }),
      component('defect-training', 'service', 'vision'),
    ],
    steps: [
      {
        in: 'In the catalog-info.yaml of an ML platform, compute or storage resource',
        on: 'gpu-training-cluster',
        annotate: 'ml-maturity.io/hosting: cloud',
      },
      {
        in: 'of an entity the team owns',
        on: 'defect-training',
        dependsOn: 'resource:default/gpu-training-cluster',
      },
    ],
  },
  {
    item: 'scaler.technology.collaboration-platform',
    variant: "using the enterprise's one, not yet annotated",
    before: [
      ...world(),
      resource('ml-wiki', 'wiki', 'ml-platform'),
      component('defect-training', 'service', 'vision'),
    ],
    steps: [
      {
        in: "In the collaboration platform's catalog-info.yaml",
        on: 'ml-wiki',
        annotate: 'ml-maturity.io/asset: collaboration-platform',
      },
      {
        in: 'of an entity the team owns',
        on: 'defect-training',
        dependsOn: 'resource:default/ml-wiki',
      },
    ],
  },
  {
    item: 'synergizer.technology.cloud-ai-platform',
    variant: 'used',
    before: [
      ...world(),
      resource('ai-platform', 'vertex', 'ml-platform'),
      component('defect-training', 'service', 'vision'),
    ],
    steps: [
      {
        in: "In the AI platform's catalog-info.yaml",
        on: 'ai-platform',
        annotate: 'ml-maturity.io/asset: ml-platform',
      },
      {
        in: "In the AI platform's catalog-info.yaml",
        on: 'ai-platform',
        annotate: 'ml-maturity.io/hosting: cloud',
      },
      {
        in: 'of an entity the team owns',
        on: 'defect-training',
        dependsOn: 'resource:default/ai-platform',
      },
    ],
  },
  {
    item: 'synergizer.technology.orchestration-notebooks',
    before: [...world(), component('defect-exploration', 'website', 'vision')],
    steps: [
      'ml-maturity.io/asset: notebook',
      'ml-maturity.io/orchestrator: kubeflow',
    ].map(annotate => ({
      in: "In the notebook's catalog-info.yaml",
      on: 'defect-exploration',
      annotate,
    })),
  },
  {
    item: 'synergizer.technology.versioned-environments',
    before: [...world(), component('vision-workbench', 'website', 'vision')],
    steps: [
      'ml-maturity.io/asset: ml-environment',
      'github.com/project-slug: org/repo',
    ].map(annotate => ({
      in: "In the environment's catalog-info.yaml",
      on: 'vision-workbench',
      annotate,
    })),
  },
  {
    item: 'synergizer.technology.e2e-architecture-docs',
    before: [
      ...world(),
      component('defect-detector', 'service', 'vision', {
        'ml-maturity.io/asset': 'ml-model',
      }),
    ],
    steps: [
      {
        in: 'Own a System',
        create: entity('System', 'vision-ml', { spec: { owner: 'vision' } }),
        says: ['kind: System', 'spec.owner: the team'],
      },
      {
        in: 'in their catalog-info.yaml',
        on: 'defect-detector',
        set: 'spec.system',
        value: 'vision-ml',
        says: ['spec.system: <the system>'],
      },
      {
        in: "In the System's catalog-info.yaml",
        on: 'vision-ml',
        annotate: 'backstage.io/techdocs-ref: dir:.',
      },
    ],
  },
  {
    item: 'synergizer.technology.e2e-architecture-docs',
    variant: 'an architecture link',
    before: [
      ...world(),
      component('defect-detector', 'service', 'vision', {
        'ml-maturity.io/asset': 'ml-model',
      }),
    ],
    steps: [
      {
        in: 'Own a System',
        create: entity('System', 'vision-ml', { spec: { owner: 'vision' } }),
        says: ['kind: System', 'spec.owner: the team'],
      },
      {
        in: 'in their catalog-info.yaml',
        on: 'defect-detector',
        set: 'spec.system',
        value: 'vision-ml',
        says: ['spec.system: <the system>'],
      },
      {
        in: "In the System's catalog-info.yaml",
        on: 'vision-ml',
        link: 'type: architecture',
      },
    ],
  },
  {
    item: 'synergizer.technology.interactive-training',
    before: [...world(), component('course', 'documentation', 'vision')],
    steps: [
      'ml-maturity.io/asset: tutorial',
      'ml-maturity.io/tutorial-level: interactive',
    ].map(annotate => ({
      in: "In the tutorial's catalog-info.yaml",
      on: 'course',
      annotate,
    })),
  },
  {
    item: 'transformer.technology.external-publication',
    before: [
      ...world(),
      component('defect-exploration', 'website', 'vision', {
        'ml-maturity.io/asset': 'notebook',
      }),
    ],
    steps: [
      {
        in: 'In the catalog-info.yaml of a notebook',
        on: 'defect-exploration',
        annotate: 'ml-maturity.io/scope: external',
      },
    ],
  },
  {
    item: 'transformer.technology.open-source',
    before: [...world(), component('ml-commons', 'library', 'vision')],
    steps: [
      {
        in: 'In the catalog-info.yaml of an entity',
        on: 'ml-commons',
        annotate: 'ml-maturity.io/open-source',
        value: 'https://github.com/example/ml-commons',
        says: ['<https URL'],
      },
    ],
  },
];

const CASES: Case[] = [...roleCases, ...attestCases, ...technologyCases];

const items = new Map(
  DEFAULT_KITS.flatMap(kit => kit.items).map(item => [item.id, item]),
);

/** `key: value` as YAML reads it (a quoted value loses its quotes). */
function fragment(text: string): [string, string | undefined] {
  const at = text.indexOf(': ');
  if (at < 0) return [text, undefined];
  const value = text.slice(at + 2);
  return [text.slice(0, at), /^"(.*)"$/.exec(value)?.[1] ?? value];
}

/** The howTo fragments a step relies on. */
function saysOf(step: Step): string[] {
  const says = [step.in, ...(step.says ?? [])];
  if ('create' in step) return says;
  if ('annotate' in step) return [...says, step.annotate];
  if ('set' in step) return [...says, step.set];
  if ('dependsOn' in step) return [...says, 'spec.dependsOn', step.dependsOn];
  return [...says, 'metadata.links', step.link];
}

function apply(before: Doc[], steps: Step[]): Doc[] {
  const docs: Doc[] = JSON.parse(JSON.stringify(before));
  for (const step of steps) {
    if ('create' in step) {
      docs.push(JSON.parse(JSON.stringify(step.create)));
      continue;
    }
    const doc = docs.find(d => d.metadata.name === step.on);
    if (!doc) throw new Error(`no entity ${step.on}`);
    if ('annotate' in step) {
      const [key, value] = fragment(step.annotate);
      doc.metadata.annotations = {
        ...doc.metadata.annotations,
        [key]: step.value ?? value,
      };
    } else if ('set' in step) {
      const [path, value] = fragment(step.set);
      const field = /^spec\.([a-zA-Z]+)$/.exec(path)?.[1];
      if (!field) throw new Error(`not a spec field: ${path}`);
      doc.spec[field] = step.value ?? value;
    } else if ('dependsOn' in step) {
      doc.spec.dependsOn = [...(doc.spec.dependsOn ?? []), step.dependsOn];
    } else {
      const [, type] = fragment(step.link);
      doc.metadata.links = [
        ...(doc.metadata.links ?? []),
        { url: `https://example.com/${step.on}/${type}`, type },
      ];
    }
  }
  return docs;
}

function assess(docs: Doc[]) {
  const assessment: Assessment = classify({ entities: docs, now: NOW });
  const team = assessment.teams.find(t => t.entityRef === TEAM)!;
  const findings = [...team.findings, ...assessment.findings].map(f =>
    JSON.stringify(f),
  );
  return { team, findings };
}

describe('each default howTo, followed literally', () => {
  it('has a case for every default item', () => {
    expect(
      [...items.keys()].filter(id => !CASES.some(c => c.item === id)),
    ).toEqual([]);
  });

  it.each(
    CASES.map(c => ({
      ...c,
      name: c.variant ? `${c.item} (${c.variant})` : c.item,
    })),
  )('$name', ({ item: id, before, steps }) => {
    const item = items.get(id)!;
    for (const says of steps.flatMap(saysOf)) {
      expect({ id, says, inHowTo: item.howTo.includes(says) }).toEqual({
        id,
        says,
        inHowTo: true,
      });
    }

    const start = assess(before);
    expect(start.team.items.find(i => i.id === id)?.status).toBe('unmet');

    const done = assess(apply(before, steps));
    const result = done.team.items.find(i => i.id === id)!;
    expect({ id, status: result.status }).toEqual({
      id,
      status: item.attestable ? 'attested' : 'met',
    });
    expect(done.findings.filter(f => !start.findings.includes(f))).toEqual([]);
  });
});
