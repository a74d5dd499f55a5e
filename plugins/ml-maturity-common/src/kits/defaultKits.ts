import { FilterPredicate } from '@backstage/filter-predicates';
import {
  Dimension,
  KitDefinition,
  KitId,
  KitItemDefinition,
  KitRule,
} from '../types';

/*
 * The default checklist of spec §5, as data. Every rule is a
 * `@backstage/filter-predicates` filter over the entity plus its `ml.` facts;
 * nothing here is special-cased in the classifier.
 */

const CLOUD = ['cloud', 'hybrid', 'multi-cloud'];
const SHARED_SCOPES = ['team', 'enterprise', 'external'];

const asset = (type: string): FilterPredicate => ({ 'ml.asset': type });
const assetIn = (types: string[]): FilterPredicate => ({
  'ml.asset': { $in: types },
});
const hasRole = (role: string): KitRule => ({
  via: 'members',
  filter: { 'ml.roles': { $contains: { $any: [role] } } },
});
const sharedOrConsumed: FilterPredicate = {
  $any: [{ 'ml.scope': { $in: SHARED_SCOPES } }, { 'ml.consumed': true }],
};

function roleHowTo(role: string, who: string): string {
  return `In the catalog-info.yaml of each ${who} (a User entity) add annotation ml-maturity.io/role: ${role} (comma-separate several roles, e.g. "${role}, data-engineer") and make the user a member of the team (spec.memberOf on the User, or spec.members on the Group).`;
}

function attestHowTo(id: string): string {
  return `A process is not a catalog object, so a team member vouches for it: in the team's Group catalog-info.yaml add annotation ml-maturity.io/attest.${id}: <https URL of the evidence, e.g. the process page>, or record an attestation with an evidence URL in the ML maturity card of the team (portal attestations expire after mlMaturity.attestations.validForDays).`;
}

/**
 * How a team uses an entity it does not own: a ref in spec.dependsOn, which
 * needs the kind (spec.dependsOn has no default kind).
 */
function dependsOnNote(exampleRef: string): string {
  return `list its ref with the kind (e.g. ${exampleRef}) in spec.dependsOn of an entity the team owns`;
}

function ownerNote(): string {
  return 'with spec.owner set to the team (or one of its members, written user:<name>)';
}

function item(
  id: string,
  dimension: Dimension,
  title: string,
  description: string,
  howTo: string,
  rule?: KitRule,
): KitItemDefinition {
  const kit = id.slice(0, id.indexOf('.')) as KitId;
  const definition: KitItemDefinition = {
    id,
    kit,
    dimension,
    title,
    description,
    howTo,
    required: true,
    attestable: dimension === 'process',
  };
  if (rule) {
    definition.rule = rule;
  }
  return definition;
}

function processItem(id: string, title: string, description: string) {
  return item(id, 'process', title, description, attestHowTo(id));
}

const STARTER: KitItemDefinition[] = [
  item(
    'starter.people.data-scientists',
    'people',
    'Data scientists',
    'Resource talents like annotation professionals and data scientists.',
    roleHowTo('data-scientist', 'data scientist'),
    hasRole('data-scientist'),
  ),
  item(
    'starter.people.annotators',
    'people',
    'Annotation professionals',
    'Resource talents like annotation professionals and data scientists.',
    roleHowTo('annotator', 'annotation professional'),
    hasRole('annotator'),
  ),
  processItem(
    'starter.process.data-management',
    'General data management processes',
    'Define general data management processes.',
  ),
  processItem(
    'starter.process.use-cases',
    'Business use cases fit for ML',
    'Document low effort and high value business use case fit for ML application.',
  ),
  processItem(
    'starter.process.ds-practice',
    'Data science practice',
    'Establish Data Science practices and train key staff members.',
  ),
  item(
    'starter.technology.project-datasets',
    'technology',
    'Project-specific datasets',
    'Create project-specific datasets.',
    `In the dataset's catalog-info.yaml (e.g. kind: Resource) ${ownerNote()}, add annotation ml-maturity.io/asset: dataset (or set spec.type: dataset).`,
    { via: 'owned', filter: asset('dataset') },
  ),
  item(
    'starter.technology.experiment-notebooks',
    'technology',
    'Experimentation notebooks',
    'Create experimentation notebooks.',
    `In the notebook's catalog-info.yaml (e.g. kind: Component) ${ownerNote()}, add annotation ml-maturity.io/asset: notebook (or set spec.type: notebook).`,
    { via: 'owned', filter: asset('notebook') },
  ),
  item(
    'starter.technology.use-case-docs',
    'technology',
    'Use case, business impact and architecture documented',
    'Document usecase, business impact and technical architecture.',
    `In the catalog-info.yaml of an ML model, ML pipeline or notebook the team owns (ml-maturity.io/asset: ml-model, ml-pipeline or notebook) add annotation backstage.io/techdocs-ref: dir:. (TechDocs), or a metadata.links entry with type: docs.`,
    {
      via: 'owned',
      filter: {
        $all: [
          assetIn(['ml-model', 'ml-pipeline', 'notebook']),
          { 'ml.documented': true },
        ],
      },
    },
  ),
  item(
    'starter.technology.provisioned-resources',
    'technology',
    'Compute and storage provisioned for ML',
    'Exclusively provision compute and storage resources for ML projects.',
    `The team must own or use both a compute resource and a storage resource: in their catalog-info.yaml add annotation ml-maturity.io/asset: compute (e.g. a GPU pool) and ml-maturity.io/asset: storage (e.g. a training bucket). To use them, list their refs with the kind (e.g. resource:default/gpu-training-cluster and resource:default/ml-training-bucket) in spec.dependsOn of an entity the team owns.`,
    {
      via: 'owned-or-used',
      filter: asset('compute'),
      allOf: [{ via: 'owned-or-used', filter: asset('storage') }],
    },
  ),
];

const ACCELERATOR: KitItemDefinition[] = [
  item(
    'accelerator.people.ml-engineers',
    'people',
    'ML engineers',
    'Add ML engineers to the resources in the Starter kit.',
    roleHowTo('ml-engineer', 'ML engineer'),
    hasRole('ml-engineer'),
  ),
  processItem(
    'accelerator.process.data-procurement',
    'Function-specific data procurement',
    'Establish functional-specific processes for data procurement and management.',
  ),
  processItem(
    'accelerator.process.cross-function-synergies',
    'Synergies across functions',
    'Identify similar ML opportunities by setting up synergies across functions.',
  ),
  item(
    'accelerator.technology.curated-datasets',
    'technology',
    'Reusable, curated datasets',
    'Publish reusable and curated datasets.',
    `In the dataset's catalog-info.yaml ${ownerNote()} add annotations ml-maturity.io/asset: dataset, ml-maturity.io/curated: "true" and ml-maturity.io/scope: team (or enterprise / external; or have another team list its ref, e.g. resource:default/vision-images, in spec.dependsOn of an entity that team owns).`,
    {
      via: 'owned',
      filter: {
        $all: [asset('dataset'), { 'ml.curated': true }, sharedOrConsumed],
      },
    },
  ),
  item(
    'accelerator.technology.feature-pipelines',
    'technology',
    'Feature engineering pipelines',
    'Implement feature engineering pipelines.',
    `In the pipeline's catalog-info.yaml ${ownerNote()} add annotation ml-maturity.io/asset: feature-pipeline.`,
    { via: 'owned', filter: asset('feature-pipeline') },
  ),
  item(
    'accelerator.technology.versioned-ml-pipelines',
    'technology',
    'ML pipelines under version control',
    'Develop ML pipelines with version control.',
    `In the pipeline's catalog-info.yaml ${ownerNote()} add annotation ml-maturity.io/asset: ml-pipeline and a repository annotation such as github.com/project-slug: org/repo (or backstage.io/source-location; entities registered from a repository URL have it already).`,
    {
      via: 'owned',
      filter: {
        $all: [asset('ml-pipeline'), { 'ml.versionControlled': true }],
      },
    },
  ),
  item(
    'accelerator.technology.process-flow-docs',
    'technology',
    'Process flow diagrams',
    'Document process flow diagrams.',
    `In the catalog-info.yaml of an ML asset the team owns (one with ml-maturity.io/asset) add a metadata.links entry with type: process-flow and the URL of the diagram.`,
    {
      via: 'owned',
      filter: {
        $all: [
          { 'ml.isAsset': true },
          { 'ml.linkTypes': { $contains: { $any: ['process-flow'] } } },
        ],
      },
    },
  ),
  item(
    'accelerator.technology.basic-tutorials',
    'technology',
    'Basic tutorials',
    'Create basic tutorials.',
    `In the tutorial's catalog-info.yaml ${ownerNote()} add annotation ml-maturity.io/asset: tutorial (level basic is the default).`,
    { via: 'owned', filter: asset('tutorial') },
  ),
  item(
    'accelerator.technology.cluster-platform',
    'technology',
    'Fault-tolerant cluster computing',
    'Provision cluster computing platform with fault tolerance.',
    `In the compute cluster's catalog-info.yaml add annotations ml-maturity.io/asset: compute and ml-maturity.io/fault-tolerant: "true"; the team must own it, or ${dependsOnNote(
      'resource:default/gpu-training-cluster',
    )}.`,
    {
      via: 'owned-or-used',
      filter: { $all: [asset('compute'), { 'ml.faultTolerant': true }] },
    },
  ),
];

const SCALER: KitItemDefinition[] = [
  item(
    'scaler.people.product-managers',
    'people',
    'Product managers',
    'Add PMs to the resources in the Accelerator kit.',
    roleHowTo('product-manager', 'product manager'),
    hasRole('product-manager'),
  ),
  processItem(
    'scaler.process.enterprise-data-consolidation',
    'Enterprise data consolidation',
    'Establish enterprise wide data consolidation and management processes.',
  ),
  processItem(
    'scaler.process.enterprise-use-cases',
    'Enterprise process-improvement use cases',
    'Document enterprise wide process improvement use cases having high business impact.',
  ),
  item(
    'scaler.technology.data-marketplace',
    'technology',
    'Data marketplace',
    'Create a data marketplace.',
    `In the data marketplace's catalog-info.yaml add annotation ml-maturity.io/asset: data-marketplace (the enterprise's one needs it too: if it lacks it, ask its owners to add it); the team must own the marketplace, or publish to it: list its ref, with the marketplace's own kind (e.g. dependsOn: [component:default/data-marketplace]), in spec.dependsOn of a dataset or pipeline the team owns.`,
    { via: 'owned-or-used', filter: asset('data-marketplace') },
  ),
  item(
    'scaler.technology.feature-store',
    'technology',
    'Feature store',
    'Establish feature store.',
    `In the feature store's catalog-info.yaml add annotation ml-maturity.io/asset: feature-store (the enterprise's one needs it too: if it lacks it, ask its owners to add it); the team must own the feature store, or use it: list its ref, with its kind (e.g. dependsOn: [component:default/feature-store]), in spec.dependsOn of a pipeline the team owns.`,
    { via: 'owned-or-used', filter: asset('feature-store') },
  ),
  item(
    'scaler.technology.shared-repos',
    'technology',
    'Centralized repos for shared strategies',
    'Establish centralized repos for shared strategies and implementations.',
    `In the shared library's catalog-info.yaml add annotations ml-maturity.io/asset: ml-library and ml-maturity.io/scope: enterprise (or external); the team must own it, or ${dependsOnNote(
      'component:default/ml-commons',
    )}.`,
    {
      via: 'owned-or-used',
      filter: {
        $all: [
          asset('ml-library'),
          { 'ml.scope': { $in: ['enterprise', 'external'] } },
        ],
      },
    },
  ),
  item(
    'scaler.technology.reusable-data-pipelines',
    'technology',
    'Reusable data pipelines',
    'Implement reusable data pipelines.',
    `In the data pipeline's catalog-info.yaml ${ownerNote()} add annotations ml-maturity.io/asset: data-pipeline and ml-maturity.io/scope: team (or enterprise / external; or have another team list its ref, with the kind, e.g. component:default/image-ingest, in spec.dependsOn of an entity that team owns).`,
    {
      via: 'owned',
      filter: { $all: [asset('data-pipeline'), sharedOrConsumed] },
    },
  ),
  item(
    'scaler.technology.workflow-notebooks',
    'technology',
    'ML workflow notebooks',
    'Create ML workflows notebooks.',
    `In the notebook's catalog-info.yaml ${ownerNote()} add annotation ml-maturity.io/asset: notebook and list the ML pipeline or feature pipeline it drives in spec.dependsOn, by ref with the kind (e.g. dependsOn: [component:default/defect-training]); that pipeline's catalog-info.yaml needs annotation ml-maturity.io/asset: ml-pipeline (or feature-pipeline).`,
    {
      via: 'owned',
      filter: {
        $all: [
          asset('notebook'),
          {
            'ml.dependsOnAssetTypes': {
              $contains: { $any: ['ml-pipeline', 'feature-pipeline'] },
            },
          },
        ],
      },
    },
  ),
  item(
    'scaler.technology.advanced-tutorials',
    'technology',
    'Advanced tutorials',
    'Create advanced tutorials.',
    `In the tutorial's catalog-info.yaml ${ownerNote()} add annotations ml-maturity.io/asset: tutorial and ml-maturity.io/tutorial-level: advanced (or interactive).`,
    {
      via: 'owned',
      filter: {
        $all: [
          asset('tutorial'),
          { 'ml.tutorialLevel': { $in: ['advanced', 'interactive'] } },
        ],
      },
    },
  ),
  item(
    'scaler.technology.cloud',
    'technology',
    'Move to cloud',
    'Move to cloud.',
    `In the catalog-info.yaml of an ML platform, compute or storage resource add annotation ml-maturity.io/hosting: cloud (or hybrid / multi-cloud) and, if it has no asset type yet, ml-maturity.io/asset: ml-platform, compute or storage; the team must own it, or ${dependsOnNote(
      'resource:default/gpu-training-cluster',
    )}.`,
    {
      via: 'owned-or-used',
      filter: {
        $all: [
          assetIn(['ml-platform', 'compute', 'storage']),
          { 'ml.hosting': { $in: CLOUD } },
        ],
      },
    },
  ),
  item(
    'scaler.technology.collaboration-platform',
    'technology',
    'ML collaboration platform',
    'Invest in ML project collaboration platforms.',
    `In the collaboration platform's catalog-info.yaml (e.g. the ML wiki) add annotation ml-maturity.io/asset: collaboration-platform; the team must own it, or ${dependsOnNote(
      'resource:default/ml-wiki',
    )}.`,
    { via: 'owned-or-used', filter: asset('collaboration-platform') },
  ),
];

const SYNERGIZER: KitItemDefinition[] = [
  item(
    'synergizer.people.ml-researchers',
    'people',
    'ML researchers',
    'Add ML researchers and external AI advisors to the Scaler kit.',
    roleHowTo('ml-researcher', 'ML researcher'),
    hasRole('ml-researcher'),
  ),
  item(
    'synergizer.people.ai-advisors',
    'people',
    'External AI advisors',
    'Add ML researchers and external AI advisors to the Scaler kit.',
    roleHowTo('ai-advisor', 'external AI advisor'),
    hasRole('ai-advisor'),
  ),
  processItem(
    'synergizer.process.reusable-data-management',
    'Reusable, scalable data management',
    'Deploy enterprise-wide reusable and scalable data management practices.',
  ),
  processItem(
    'synergizer.process.research-budget',
    'Budget for AI research',
    'Budgetary provisions for AI research.',
  ),
  processItem(
    'synergizer.process.ai-leadership',
    'AI leadership capability',
    'Establish AI leadership capability across the enterprise.',
  ),
  item(
    'synergizer.technology.cloud-ai-platform',
    'technology',
    'Cloud AI platform',
    'Use cloud AI platforms.',
    `In the AI platform's catalog-info.yaml add annotations ml-maturity.io/asset: ml-platform and ml-maturity.io/hosting: cloud (or hybrid / multi-cloud); the team must own it, or ${dependsOnNote(
      'resource:default/ai-platform',
    )}.`,
    {
      via: 'owned-or-used',
      filter: {
        $all: [asset('ml-platform'), { 'ml.hosting': { $in: CLOUD } }],
      },
    },
  ),
  item(
    'synergizer.technology.orchestration-notebooks',
    'technology',
    'Orchestration notebooks',
    'Create advanced notebooks for ML orchestration (eg. Kubeflow notebooks).',
    `In the notebook's catalog-info.yaml ${ownerNote()} add annotations ml-maturity.io/asset: notebook and ml-maturity.io/orchestrator: kubeflow (or airflow, ...).`,
    {
      via: 'owned',
      filter: {
        $all: [asset('notebook'), { 'ml.orchestrator': { $exists: true } }],
      },
    },
  ),
  item(
    'synergizer.technology.versioned-environments',
    'technology',
    'Version-controlled ML environments',
    'Manage version controlled ML environments.',
    `In the environment's catalog-info.yaml ${ownerNote()} add annotation ml-maturity.io/asset: ml-environment and a repository annotation such as github.com/project-slug: org/repo (or backstage.io/source-location).`,
    {
      via: 'owned',
      filter: {
        $all: [asset('ml-environment'), { 'ml.versionControlled': true }],
      },
    },
  ),
  item(
    'synergizer.technology.e2e-architecture-docs',
    'technology',
    'End-to-end process flows and architecture',
    'Document E2E process flows and integration architecture.',
    `Own a System (kind: System, spec.owner: the team) that ML assets (entities with an asset type, e.g. ml-maturity.io/asset: ml-model) are part of: set spec.system: <the system> in their catalog-info.yaml. In the System's catalog-info.yaml add annotation backstage.io/techdocs-ref: dir:. or a metadata.links entry with type: architecture (or process-flow).`,
    {
      via: 'owned',
      filter: {
        $all: [
          { kind: 'System' },
          { 'ml.containsAssets': true },
          {
            $any: [
              { 'ml.documented': true },
              {
                'ml.linkTypes': {
                  $contains: { $any: ['architecture', 'process-flow'] },
                },
              },
            ],
          },
        ],
      },
    },
  ),
  item(
    'synergizer.technology.interactive-training',
    'technology',
    'Interactive training materials',
    'Create highly interactive training materials and tutorials.',
    `In the tutorial's catalog-info.yaml ${ownerNote()} add annotations ml-maturity.io/asset: tutorial and ml-maturity.io/tutorial-level: interactive.`,
    {
      via: 'owned',
      filter: {
        $all: [asset('tutorial'), { 'ml.tutorialLevel': 'interactive' }],
      },
    },
  ),
];

const TRANSFORMER: KitItemDefinition[] = [
  item(
    'transformer.people.thought-leaders',
    'people',
    'AI thought leaders',
    'Add AI Thought Leaders and advanced researchers to Synergizer kit.',
    roleHowTo('ai-thought-leader', 'AI thought leader'),
    hasRole('ai-thought-leader'),
  ),
  item(
    'transformer.people.advanced-researchers',
    'people',
    'Advanced researchers',
    'Add AI Thought Leaders and advanced researchers to Synergizer kit.',
    roleHowTo('advanced-researcher', 'advanced researcher'),
    hasRole('advanced-researcher'),
  ),
  processItem(
    'transformer.process.industry-best-practices',
    'Industry best practices',
    'Continuously define and refine data management, enhancement and enrichment processes to shape industry best practices, making organizations efficient and compliant.',
  ),
  item(
    'transformer.technology.external-publication',
    'technology',
    'Published for external use',
    'Publish notebooks/pipelines/workflows for external use.',
    `In the catalog-info.yaml of a notebook, ML pipeline, feature pipeline or data pipeline ${ownerNote()} add annotation ml-maturity.io/scope: external next to its ml-maturity.io/asset.`,
    {
      via: 'owned',
      filter: {
        $all: [
          assetIn([
            'notebook',
            'ml-pipeline',
            'feature-pipeline',
            'data-pipeline',
          ]),
          { 'ml.scope': 'external' },
        ],
      },
    },
  ),
  item(
    'transformer.technology.open-source',
    'technology',
    'Open-source contributions',
    'Contribute towards open source community.',
    `In the catalog-info.yaml of an entity ${ownerNote()} add annotation ml-maturity.io/open-source: <https URL of the open-source project or contribution>.`,
    { via: 'owned', filter: { 'ml.openSource': { $exists: true } } },
  ),
];

/**
 * The five default kits with their 44 items (spec §5), in kit order.
 * @public
 */
export const DEFAULT_KITS: KitDefinition[] = [
  {
    id: 'starter',
    title: 'AIML Starter Kit',
    level: 1,
    levelName: 'Basic',
    items: STARTER,
  },
  {
    id: 'accelerator',
    title: 'AIML Accelerator Kit',
    level: 2,
    levelName: 'Opportunistic',
    items: ACCELERATOR,
  },
  {
    id: 'scaler',
    title: 'AIML Scaler Kit',
    level: 3,
    levelName: 'Systematic',
    items: SCALER,
  },
  {
    id: 'synergizer',
    title: 'AIML Synergizer Kit',
    level: 4,
    levelName: 'Differentiating',
    items: SYNERGIZER,
  },
  {
    id: 'transformer',
    title: 'AIML Transformer Kit',
    level: 5,
    levelName: 'Transformational',
    items: TRANSFORMER,
  },
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

deepFreeze(DEFAULT_KITS);
