import { readEntities, RefParser } from './entities';
import { ANNOTATION_FACT_DEFAULTS, readOwnFacts } from './facts';
import { entity } from './__fixtures__/entities';

describe('ANNOTATION_FACT_DEFAULTS', () => {
  it('are the annotation facts of an entity without them, with and without other ML annotations', () => {
    const { nodes } = readEntities(
      [
        entity('Component', 'plain', {
          annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
        }),
        entity('Component', 'other-ml', {
          annotations: { 'ml-maturity.io/asset': 'notebook' },
        }),
      ],
      new RefParser(),
    );
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      const facts = readOwnFacts(node, undefined) as unknown as Record<
        string,
        unknown
      >;
      for (const name of ANNOTATION_FACT_DEFAULTS.names) {
        expect([node.ref, name, facts[name]]).toEqual([
          node.ref,
          name,
          ANNOTATION_FACT_DEFAULTS.facts[name],
        ]);
      }
    }
  });
});
