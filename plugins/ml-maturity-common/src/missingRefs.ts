import {
  EDGES,
  EntityGraph,
  EntityNode,
  kindIdOf,
  MAX_LIST_LENGTH,
  RefParser,
  reportFinding,
} from './entities';
import { MISSING_REF_MESSAGE_START } from './findings';
import { getOwn } from './util';

const NOT_READ = `${MISSING_REF_MESSAGE_START} (it is not in the catalog, or not among the files assessed)`;

/** The edge kinds whose missing targets are reported, with the field and what is lost. */
const CHECKED: ReadonlyArray<{
  edge: number;
  /** Only on entities of this kind (the classifier reads the edge only there). */
  kind?: string;
  field: string;
  consequence: string;
}> = [
  {
    edge: EDGES.memberOf,
    kind: 'user',
    field: 'spec.memberOf',
    consequence: 'this membership counts for no team',
  },
  {
    edge: EDGES.members,
    kind: 'group',
    field: 'spec.members',
    consequence: 'this member counts for no team',
  },
  {
    edge: EDGES.parents,
    kind: 'group',
    field: 'spec.parent',
    consequence: 'the group hierarchy ignores this parent',
  },
  {
    edge: EDGES.children,
    kind: 'group',
    field: 'spec.children',
    consequence: 'the group hierarchy ignores this child',
  },
  {
    edge: EDGES.dependsOn,
    field: 'spec.dependsOn',
    consequence: 'this dependency is ignored',
  },
  {
    edge: EDGES.dependencyOf,
    field: 'spec.dependencyOf',
    consequence: 'this dependency is ignored',
  },
];

/**
 * Reports, on the entity that names it, every reference of a membership,
 * group hierarchy or dependency that resolves to no entity of the input
 * (spec §3: such a ref is ignored, with a finding). Owners are not here:
 * a missing group owner is an implicit team, a missing user owner is
 * reported with the entity's teams (see attribution). Parts (`spec.system`)
 * are not either: a catalog also derives them from fields raw YAML is not
 * read for (`spec.domain`, `spec.subcomponentOf`), so reporting them would
 * make the portal and the CLI disagree.
 * @internal
 */
export function reportMissingRefs(graph: EntityGraph, parser: RefParser) {
  const { nodes, entityOf } = graph;
  for (const check of CHECKED) {
    const rows = graph.edges[check.edge];
    const kindId = check.kind === undefined ? -1 : kindIdOf(graph, check.kind);
    if (check.kind !== undefined && kindId < 0) continue;
    const { offsets, targets } = rows;
    for (let e = 0; e < nodes.length; e++) {
      if (offsets[e] === offsets[e + 1]) continue;
      if (kindId >= 0 && graph.kindIds[e] !== kindId) continue;
      let consumed: Set<string> | undefined;
      for (let k = offsets[e]; k < offsets[e + 1]; k++) {
        const id = targets[k];
        if (entityOf[id] >= 0) continue;
        const ref = graph.refs.refs[id];
        if (check.edge === EDGES.dependsOn) {
          consumed ??= consumedApis(nodes[e], parser);
        }
        const field = consumed?.has(ref) ? 'spec.consumesApis' : check.field;
        reportFinding(
          nodes[e],
          field,
          ref,
          `${NOT_READ}, so ${check.consequence}`,
        );
      }
    }
  }
}

/** The refs the entity's `spec.consumesApis` names (they share the dependsOn edges). */
function consumedApis(node: EntityNode, parser: RefParser): Set<string> {
  const value = getOwn(getOwn(node.raw, 'spec'), 'consumesApis');
  const list = Array.isArray(value) ? value : [value];
  const refs = new Set<string>();
  for (let i = 0; i < Math.min(list.length, MAX_LIST_LENGTH); i++) {
    const ref = parser.parse(list[i], 'api', node.namespace);
    if (typeof ref === 'string') refs.add(ref);
  }
  return refs;
}
