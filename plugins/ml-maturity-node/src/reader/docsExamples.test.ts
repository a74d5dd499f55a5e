import fs from 'node:fs';
import path from 'node:path';
import {
  classify,
  classifyWithDetails,
  DEFAULT_KITS,
  isAssetType,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { yamlBlocks } from '../__testUtils__/markdown';
import { parseCatalogYaml } from './parseCatalogYaml';

/**
 * The copy-paste examples of docs/annotations.md, read as the CLI reads
 * catalog files and classified together: each must be an entity, give no
 * finding, and have the asset type its heading names.
 */
const DOC = path.resolve(__dirname, '../../../../docs/annotations.md');

describe('docs/annotations.md examples', () => {
  const blocks = yamlBlocks(fs.readFileSync(DOC, 'utf8'));
  // the blocks under a heading naming an asset type, with their entity's ref
  const typed = blocks.flatMap(block => {
    const type = /^### `([a-z-]+)`$/.exec(block.heading)?.[1];
    if (!type) return [];
    const [doc] = parseCatalogYaml(block.yaml, block.heading)
      .entities as Array<{ kind: string; metadata: { name: string } }>;
    const ref = `${doc.kind.toLowerCase()}:default/${doc.metadata.name}`;
    return [{ ...block, type, ref }];
  });
  const parsed = blocks.map((block, index) =>
    parseCatalogYaml(block.yaml, `annotations.md block ${index + 1}`),
  );
  const entities = parsed.flatMap(p => p.entities);
  const details = classifyWithDetails({
    entities,
    now: '2026-11-27T00:00:00Z',
  });

  it('has one example per asset type of the vocabulary', () => {
    expect(typed.map(b => b.type).every(isAssetType)).toBe(true);
    expect(new Set(typed.map(b => b.type)).size).toBe(15);
  });

  it('reads every example as entities, skipping none', () => {
    expect(parsed.flatMap(p => p.skipped)).toEqual([]);
    expect(parsed.every(p => p.entities.length > 0)).toBe(true);
  });

  it('gives no finding anywhere', () => {
    expect(details.assessment.findings).toEqual([]);
    expect(details.assessment.teams.flatMap(t => t.findings)).toEqual([]);
    expect(details.assets.flatMap(a => a.findings)).toEqual([]);
  });

  it('gives each example the asset type of its heading', () => {
    for (const block of typed) {
      const { ref } = block;
      expect({
        ref,
        assetType: details.assets.find(a => a.entityRef === ref)?.assetType,
      }).toEqual({
        ref,
        assetType: block.type,
      });
    }
  });

  it('counts toward the items its note names', () => {
    // what the note above each example says it serves
    const claims: Record<string, string[]> = {
      dataset: [
        'starter.technology.project-datasets',
        'accelerator.technology.curated-datasets',
      ],
      notebook: [
        'starter.technology.experiment-notebooks',
        'scaler.technology.workflow-notebooks',
        'synergizer.technology.orchestration-notebooks',
      ],
      'ml-model': [
        'starter.technology.use-case-docs',
        'accelerator.technology.process-flow-docs',
      ],
      'ml-pipeline': ['accelerator.technology.versioned-ml-pipelines'],
      'feature-pipeline': ['accelerator.technology.feature-pipelines'],
      'data-pipeline': ['scaler.technology.reusable-data-pipelines'],
      'feature-store': ['scaler.technology.feature-store'],
      'data-marketplace': ['scaler.technology.data-marketplace'],
      'ml-platform': [
        'scaler.technology.cloud',
        'synergizer.technology.cloud-ai-platform',
      ],
      compute: [
        'starter.technology.provisioned-resources',
        'accelerator.technology.cluster-platform',
        'scaler.technology.cloud',
      ],
      storage: [
        'starter.technology.provisioned-resources',
        'scaler.technology.cloud',
      ],
      'ml-environment': ['synergizer.technology.versioned-environments'],
      'ml-library': [
        'scaler.technology.shared-repos',
        'transformer.technology.open-source',
      ],
      tutorial: [
        'accelerator.technology.basic-tutorials',
        'scaler.technology.advanced-tutorials',
        'synergizer.technology.interactive-training',
      ],
      'collaboration-platform': ['scaler.technology.collaboration-platform'],
    };
    expect(Object.keys(claims).sort()).toEqual(typed.map(b => b.type).sort());
    for (const block of typed) {
      const { ref } = block;
      const counted = new Set(
        details.assets
          .find(a => a.entityRef === ref)
          ?.countsToward.map(c => c.itemId),
      );
      expect({
        type: block.type,
        missing: claims[block.type].filter(id => !counted.has(id)),
      }).toEqual({ type: block.type, missing: [] });
    }
  });

  it('names in its note every item it counts toward, as "<Kit>: <item title>"', () => {
    const markdown = fs.readFileSync(DOC, 'utf8');
    // the text between an example's heading and its yaml block
    const noteOf = (heading: string) => {
      const start = markdown.indexOf(`${heading}\n`) + heading.length;
      return markdown
        .slice(start, markdown.indexOf('```yaml', start))
        .replace(/\s+/g, ' ')
        .toLowerCase();
    };
    const items = new Map(
      DEFAULT_KITS.flatMap(kit => kit.items.map(item => [item.id, item])),
    );
    for (const block of typed) {
      const note = noteOf(block.heading);
      const counted = [
        ...new Set(
          details.assets
            .find(a => a.entityRef === block.ref)
            ?.countsToward.map(c => c.itemId),
        ),
      ];
      expect(counted.length).toBeGreaterThan(0);
      expect({
        type: block.type,
        unnamed: counted.filter(id => {
          const item = items.get(id)!;
          return !note.includes(`${item.kit}: ${item.title.toLowerCase()}`);
        }),
      }).toEqual({ type: block.type, unnamed: [] });
    }
  });

  it('together meet every technology item of the Starter kit for the team they name', () => {
    const vision = details.assessment.teams.find(
      t => t.entityRef === 'group:default/vision',
    );
    const starterTechnology = vision?.items.filter(
      i => i.kit === 'starter' && i.dimension === 'technology',
    );
    expect(starterTechnology?.length).toBeGreaterThan(0);
    expect(starterTechnology?.map(i => [i.id, i.status])).toEqual(
      starterTechnology?.map(i => [i.id, 'met']),
    );
  });

  describe('and the refs the howTos give as examples', () => {
    const exampleRefs = (howTo: string) =>
      howTo.match(/\b[a-z]+:default\/[a-z0-9.-]+/g) ?? [];
    const howToRefs = [
      ...new Set(
        DEFAULT_KITS.flatMap(k => k.items).flatMap(i => exampleRefs(i.howTo)),
      ),
    ].sort();
    const exampleEntityRefs = new Set(
      entities.map(e => {
        const { kind, metadata } = e as {
          kind: string;
          metadata: { name: string };
        };
        return `${kind.toLowerCase()}:default/${metadata.name}`;
      }),
    );

    it('name these examples, with their kinds', () => {
      expect(howToRefs.length).toBeGreaterThan(5);
      expect(howToRefs.filter(ref => !exampleEntityRefs.has(ref))).toEqual([]);
    });

    it('meet each owned-or-used item when a team lists them in spec.dependsOn, as its howTo says', () => {
      // a team owning nothing but a dataset that depends on every ref
      // the howTos give
      const probe = [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'probe' },
          spec: { type: 'team', children: [] },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'probe-data',
            annotations: { 'ml-maturity.io/asset': 'dataset' },
          },
          spec: { type: 'dataset', owner: 'probe', dependsOn: howToRefs },
        },
      ];
      const team = classify({
        entities: [...entities, ...probe],
        now: '2026-11-27T00:00:00Z',
      }).teams.find(t => t.entityRef === 'group:default/probe');
      const used = DEFAULT_KITS.flatMap(k => k.items).filter(
        i => i.rule?.via === 'owned-or-used' && exampleRefs(i.howTo).length > 0,
      );
      expect(used.map(i => i.id)).toContain(
        'scaler.technology.data-marketplace',
      );
      const status = (id: string) => team?.items.find(i => i.id === id)?.status;
      expect(used.map(i => [i.id, status(i.id)])).toEqual(
        used.map(i => [i.id, 'met']),
      );
    });
  });
});
