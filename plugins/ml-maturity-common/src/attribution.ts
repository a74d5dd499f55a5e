import { Csr, IntPairs, toCsr, toSortedUniqueCsr } from './csr';
import {
  EDGES,
  EntityGraph,
  EntityNode,
  entityIndexOf,
  kindIdOf,
  reportFinding,
} from './entities';
import {
  makeFinding,
  CYCLE_MESSAGE,
  MAX_FINDING_VALUE_LENGTH,
  SAME_NAME_USER_MESSAGE,
  USER_WITHOUT_TEAM_MESSAGES,
} from './findings';
import { Finding } from './types';
import { compareStrings, insertionSort } from './util';

/** A team: a Group entity or an implicit group referenced as an owner. @internal */
export interface TeamNode {
  ref: string;
  /** The team's number: its position in the sorted team refs. */
  index: number;
  implicit: boolean;
  node?: EntityNode;
  /** Direct members (user refs), sorted. */
  members: string[];
  /** Parent teams, sorted; the first is reported as `parent`. */
  parents: string[];
  /** Child teams, sorted. */
  children: string[];
}

/**
 * Who owns and uses what (spec §4). Arrays are indexed by entity index.
 * Teams are numbers: their position in `teamRefs`, so that sorting team
 * numbers sorts their refs too.
 * @internal
 */
export interface Attribution {
  teams: Map<string, TeamNode>;
  /** Team refs, sorted. */
  teamRefs: string[];
  /** Teams each entity counts as owned for, ascending. */
  ownedTeams: number[][];
  /** Teams each entity counts as used for (never also owned), ascending. */
  usedTeams: number[][];
  /** Teams each User entity is a direct member of, ascending (none for other kinds). */
  memberTeams: number[][];
  /** Child teams of each team, ascending. */
  children: number[][];
  /** One-hop dependencies (entity indices, ascending) of each entity. */
  dependencies: Csr;
  /** Entities that are part of each entity (for Systems), ascending. */
  parts: Csr;
  /** Entity indices owned by each team, ascending. */
  owned: Array<number[] | undefined>;
  /** Findings about missing groups, by the group's ref. */
  teamFindings: Finding[];
  /**
   * Per implicit team: the entities naming it as owner (`spec.owner` or an
   * `ownedBy` relation), ascending; undefined for Group entities.
   */
  namedAsOwnerBy: Array<number[] | undefined>;
}

/*
 * Refs are ids of the graph's RefTable; `teamOf[id]` is the team of a ref,
 * or -1.
 */

const NO_TEAMS: never[] = [];
Object.freeze(NO_TEAMS);

const GROUP = 1;
const USER = 2;

/** The kind (GROUP, USER or 0) of every ref id, read once from its text. */
function refKinds(refs: ReadonlyArray<string>): Uint8Array {
  const kinds = new Uint8Array(refs.length);
  for (let id = 0; id < refs.length; id++) {
    const ref = refs[id];
    if (ref.startsWith('group:')) kinds[id] = GROUP;
    else if (ref.startsWith('user:')) kinds[id] = USER;
  }
  return kinds;
}

/**
 * A set of numbers kept as an array while small (most are: an entity's or
 * a user's one to three teams), and as a Set beyond, to stay linear.
 */
type SmallSet = number[] | Set<number>;

const SMALL_SET_MAX = 16;

function addToSmallSet(set: SmallSet | undefined, value: number): SmallSet {
  if (!set) {
    return [value];
  }
  if (!Array.isArray(set)) {
    return set.add(value);
  }
  if (!set.includes(value)) {
    if (set.length < SMALL_SET_MAX) {
      set.push(value);
    } else {
      return new Set(set).add(value);
    }
  }
  return set;
}

const ascending = (a: number, b: number) => a - b;

/**
 * Ref ids sorted by their refs. Entities are numbered in ref order (entity
 * `e` has ref id `e`, see EntityGraph), so their ids sort as numbers; only
 * the few ids of refs that are no entity need string comparisons, and the
 * two sorted runs are merged.
 */
function sortByRef(
  ids: ReadonlyArray<number>,
  refs: ReadonlyArray<string>,
  entityCount: number,
): number[] {
  const entities: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    (ids[i] < entityCount ? entities : others).push(ids[i]);
  }
  entities.sort(ascending);
  if (others.length === 0) {
    return entities;
  }
  others.sort((a, b) => compareStrings(refs[a], refs[b]));
  const out: number[] = new Array(ids.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < entities.length && j < others.length) {
    out[k++] =
      compareStrings(refs[entities[i]], refs[others[j]]) <= 0
        ? entities[i++]
        : others[j++];
  }
  while (i < entities.length) out[k++] = entities[i++];
  while (j < others.length) out[k++] = others[j++];
  return out;
}

/** Sorts numbers in place, ascending (lists of teams are short). */
function sortNumbers(list: number[]): number[] {
  return list.length > 32 ? list.sort(ascending) : insertionSort(list);
}

/** The values, ascending and without duplicates (a small set has none). */
function sortedValues(set: SmallSet): number[] {
  return sortNumbers(Array.isArray(set) ? set : Array.from(set));
}

/**
 * Owner ref ids of each entity: its own (spec.owner, ownedBy), then those
 * folded in from `ownerOf` of other entities (in entity order), with the
 * duplicates dropped while a list is short (up to 17 owners; beyond, the
 * rest is kept as it comes). Owner counts in findings depend on this.
 */
function ownerLists(graph: EntityGraph): Csr {
  const { entityOf, edges } = graph;
  const entityCount = graph.nodes.length;
  // The loops return their pairs and the CSR is made here: code after a
  // loop, not yet run when the engine optimises the loop, is where it
  // threw the optimised code away on every run.
  const reverse = toCsr(
    entityCount,
    foldOwnerOf(edges[EDGES.ownerOf], entityOf, entityCount),
  );
  return toCsr(
    entityCount,
    mergeOwners(edges[EDGES.owners], reverse, entityCount),
  );
}

/** `ownerOf` edges turned around: per owned entity, its owners' ref ids. */
function foldOwnerOf(
  ownerOf: Csr,
  entityOf: Int32Array,
  entityCount: number,
): IntPairs {
  const folded = new IntPairs();
  for (let e = 0; e < entityCount; e++) {
    for (let k = ownerOf.offsets[e]; k < ownerOf.offsets[e + 1]; k++) {
      const owned = entityOf[ownerOf.targets[k]];
      // entity e has ref id e
      if (owned >= 0) folded.push(owned, e);
    }
  }
  return folded;
}

/** One owner into `row` (its first `count` are the owners so far); the new count. */
function addOwner(row: Int32Array, count: number, id: number): number {
  if (count <= 16) {
    for (let i = 0; i < count; i++) {
      if (row[i] === id) return count;
    }
  }
  row[count] = id;
  return count + 1;
}

function mergeOwners(own: Csr, reverse: Csr, entityCount: number): IntPairs {
  const out = new IntPairs();
  // Reused for every entity, grown when an entity has more owners.
  let row = new Int32Array(64);
  for (let e = 0; e < entityCount; e++) {
    const ownStart = own.offsets[e];
    const ownEnd = own.offsets[e + 1];
    const reverseStart = reverse.offsets[e];
    const reverseEnd = reverse.offsets[e + 1];
    const most = ownEnd - ownStart + (reverseEnd - reverseStart);
    if (most > row.length) row = new Int32Array(most * 2);
    let count = 0;
    for (let k = ownStart; k < ownEnd; k++) {
      count = addOwner(row, count, own.targets[k]);
    }
    for (let k = reverseStart; k < reverseEnd; k++) {
      count = addOwner(row, count, reverse.targets[k]);
    }
    for (let i = 0; i < count; i++) out.push(e, row[i]);
  }
  return out;
}

const IMPLICIT_TEAM_MESSAGE =
  'Group entity is missing: entities name it as owner, so it is assessed as an implicit team. Add a Group entity with this name (kind: Group, spec.type: team, spec.children: []) or fix the owners';

/**
 * The User with the same name as an implicit team, if any: `spec.owner:
 * jane` means `group:jane` (an owner's default kind), which surprises
 * whoever meant `user:jane`.
 */
function sameNameUser(graph: EntityGraph, groupRef: string) {
  const user = `user:${groupRef.slice('group:'.length)}`;
  return entityIndexOf(graph, user) >= 0 ? user : undefined;
}

/** Teams: Group entities, and groups named as owners (implicit teams). */
function findTeams(graph: EntityGraph, owners: Csr, kinds: Uint8Array) {
  const { nodes, refs, kindIds } = graph;
  const groupKind = kindIdOf(graph, 'group');
  const isTeam = new Uint8Array(kinds.length);
  const teamIds: number[] = [];
  // Indexed loops over entities in the passes that run once per
  // classification: they may run before the engine optimises them, and
  // `for...of` then allocates an iterator result per step. Entity e has
  // ref id e, and its kind is read from the graph's kind ids, not its node.
  for (let e = 0; e < nodes.length; e++) {
    if (kindIds[e] === groupKind) {
      isTeam[e] = 1;
      teamIds.push(e);
    }
  }
  // Implicit teams, in the order first named.
  const implicitIds: number[] = [];
  const named = new Uint8Array(kinds.length);
  for (let k = 0; k < owners.targets.length; k++) {
    const id = owners.targets[k];
    if (kinds[id] === GROUP && !isTeam[id] && named[id] === 0) {
      named[id] = 1;
      implicitIds.push(id);
    }
  }
  const teamFindings: Finding[] = [];
  for (const id of implicitIds) {
    const ref = refs.refs[id];
    teamIds.push(id);
    // No count of the entities naming it: a backend shows this finding to
    // callers who may not read all of them.
    teamFindings.push(
      makeFinding(ref, 'spec.owner', ref, IMPLICIT_TEAM_MESSAGE),
    );
    const user = sameNameUser(graph, ref);
    if (user) {
      teamFindings.push(
        makeFinding(ref, 'spec.owner', user, SAME_NAME_USER_MESSAGE),
      );
    }
  }
  const sortedTeamIds = sortByRef(teamIds, refs.refs, graph.nodes.length);
  const teamOf = new Int32Array(kinds.length).fill(-1);
  sortedTeamIds.forEach((id, t) => {
    teamOf[id] = t;
  });
  return {
    teamIds: sortedTeamIds,
    teamOf,
    groupEntity: isTeam,
    teamFindings,
  };
}

/** Teams of each user (by ref id) and members of each team (user ref ids, sorted by ref). */
function linkMembers(
  graph: EntityGraph,
  kinds: Uint8Array,
  teamOf: Int32Array,
) {
  const { nodes, refs, edges } = graph;
  const sets: Array<SmallSet | undefined> = new Array(kinds.length);
  const users: number[] = [];
  const add = (user: number, team: number) => {
    const t = teamOf[team];
    if (kinds[user] !== USER || t < 0) {
      return;
    }
    const set = sets[user];
    if (!set) users.push(user);
    sets[user] = addToSmallSet(set, t);
  };
  const memberOf = edges[EDGES.memberOf];
  const members = edges[EDGES.members];
  const userKind = kindIdOf(graph, 'user');
  const groupKind = kindIdOf(graph, 'group');
  for (let e = 0; e < nodes.length; e++) {
    const kind = graph.kindIds[e];
    if (kind === userKind) {
      for (let k = memberOf.offsets[e]; k < memberOf.offsets[e + 1]; k++) {
        add(e, memberOf.targets[k]);
      }
    } else if (kind === groupKind) {
      for (let k = members.offsets[e]; k < members.offsets[e + 1]; k++) {
        add(members.targets[k], e);
      }
    }
  }
  const sortedUsers = sortByRef(users, refs.refs, nodes.length);
  const userTeams: Array<number[] | undefined> = new Array(kinds.length);
  const teamMembers: number[][] = new Array(teamOf.length);
  for (let u = 0; u < sortedUsers.length; u++) {
    const user = sortedUsers[u];
    const list = sortedValues(sets[user]!);
    userTeams[user] = list;
    for (let i = 0; i < list.length; i++) {
      (teamMembers[list[i]] ??= []).push(user);
    }
  }
  return { users: sortedUsers, userTeams, teamMembers };
}

/** Parents and children of each team, sorted; cycles of one are cut. */
function linkParents(
  graph: EntityGraph,
  teamOf: Int32Array,
  teamCount: number,
) {
  const { nodes, edges } = graph;
  const sets: Array<Set<number> | undefined> = new Array(teamCount);
  const add = (child: number, parent: number) => {
    if (child < 0 || parent < 0 || child === parent) {
      return;
    }
    (sets[child] ??= new Set()).add(parent);
  };
  const parentEdges = edges[EDGES.parents];
  const childEdges = edges[EDGES.children];
  const groupKind = kindIdOf(graph, 'group');
  for (let e = 0; e < nodes.length; e++) {
    if (graph.kindIds[e] !== groupKind) {
      continue;
    }
    const team = teamOf[e];
    for (let k = parentEdges.offsets[e]; k < parentEdges.offsets[e + 1]; k++) {
      add(team, teamOf[parentEdges.targets[k]]);
    }
    for (let k = childEdges.offsets[e]; k < childEdges.offsets[e + 1]; k++) {
      add(teamOf[childEdges.targets[k]], team);
    }
  }
  const parents: number[][] = new Array(teamCount);
  const children: number[][] = new Array(teamCount);
  for (let t = 0; t < teamCount; t++) {
    const set = sets[t];
    parents[t] = set ? sortNumbers(Array.from(set)) : NO_TEAMS;
    for (const parent of parents[t]) {
      (children[parent] ??= []).push(t);
    }
  }
  // Children were pushed by ascending child number: already sorted.
  return { parents, children };
}

/**
 * Reports the cycles of parent links among teams (spec §4: rollups cut
 * them): every Group of a strongly connected set of two or more teams gets
 * one finding naming the set (its refs in order, cut to the finding
 * length). Contradictory `spec.parent` and `spec.children` otherwise make
 * rollups look arbitrary. Tarjan's algorithm, iterative: linear in teams
 * and parent links, whatever the input.
 */
function reportHierarchyCycles(
  graph: EntityGraph,
  teamIds: ReadonlyArray<number>,
  parents: ReadonlyArray<ReadonlyArray<number>>,
) {
  const teamCount = teamIds.length;
  const index = new Int32Array(teamCount).fill(-1);
  const low = new Int32Array(teamCount);
  const onStack = new Uint8Array(teamCount);
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < teamCount; root++) {
    if (index[root] >= 0) continue;
    const path: number[] = [root];
    const next: number[] = [0];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (path.length > 0) {
      const t = path[path.length - 1];
      const k = next[next.length - 1]++;
      if (k < parents[t].length) {
        const p = parents[t][k];
        if (index[p] < 0) {
          index[p] = low[p] = counter++;
          stack.push(p);
          onStack[p] = 1;
          path.push(p);
          next.push(0);
        } else if (onStack[p]) {
          low[t] = Math.min(low[t], index[p]);
        }
        continue;
      }
      path.pop();
      next.pop();
      if (path.length > 0) {
        const up = path[path.length - 1];
        low[up] = Math.min(low[up], low[t]);
      }
      if (low[t] !== index[t]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== t);
      if (component.length > 1) reportCycle(graph, teamIds, component);
    }
  }
}

function reportCycle(
  graph: EntityGraph,
  teamIds: ReadonlyArray<number>,
  component: number[],
) {
  // team numbers are in ref order: sorted numbers give sorted refs
  const sorted = component.sort((a, b) => a - b);
  // Whole refs only, and how many more: a reader that hides entities must
  // see every ref to know it may show the finding (see
  // findingNamesAllItsRefs).
  const refs = sorted.map(t => graph.refs.refs[teamIds[t]]);
  let text = '';
  let listed = 0;
  for (const ref of refs) {
    const longer = text ? `${text}, ${ref}` : ref;
    if (longer.length > MAX_FINDING_VALUE_LENGTH - 20) break;
    text = longer;
    listed++;
  }
  if (listed === 0) text = `${refs.length} groups`;
  else if (listed < refs.length) text += ` and ${refs.length - listed} more`;
  for (const t of sorted) {
    const e = graph.entityOf[teamIds[t]];
    if (e >= 0)
      reportFinding(graph.nodes[e], 'spec.parent', text, CYCLE_MESSAGE);
  }
}

interface OwnerContext {
  graph: EntityGraph;
  owners: Csr;
  kinds: Uint8Array;
  teamOf: Int32Array;
  userTeams: ReadonlyArray<number[] | undefined>;
  singletons: number[][];
}

/**
 * Why an owning User (entity `user`, or -1 when it is not in the input)
 * gives its entity no team: missing, in no group, or only in groups that
 * are no team (no Group entity, and owning nothing). The message names no
 * group: a backend shows it to callers who may not read those refs.
 */
function userWithoutTeamMessage(graph: EntityGraph, user: number): string {
  if (user < 0) {
    return USER_WITHOUT_TEAM_MESSAGES.missing;
  }
  const memberOf = graph.edges[EDGES.memberOf];
  if (memberOf.offsets[user] === memberOf.offsets[user + 1]) {
    return USER_WITHOUT_TEAM_MESSAGES.noGroup;
  }
  return USER_WITHOUT_TEAM_MESSAGES.noGroupEntity;
}

function ownerTeams(ctx: OwnerContext, e: number): number[] {
  const { graph, owners, kinds, teamOf, userTeams } = ctx;
  const start = owners.offsets[e];
  const end = owners.offsets[e + 1];
  if (start === end) {
    return NO_TEAMS;
  }
  // The common case, one owning group: one shared array per team rather
  // than one per entity (they are never modified).
  if (end - start === 1 && kinds[owners.targets[start]] === GROUP) {
    const team = teamOf[owners.targets[start]];
    if (team < 0) {
      return NO_TEAMS;
    }
    return (ctx.singletons[team] ??= [team]);
  }
  const node = graph.nodes[e];
  const refs = graph.refs.refs;
  const ids = Array.from(new Set(owners.targets.subarray(start, end))).sort(
    (a, b) => compareStrings(refs[a], refs[b]),
  );
  const result: number[] = [];
  for (const owner of ids) {
    if (kinds[owner] === GROUP) {
      if (teamOf[owner] >= 0) {
        result.push(teamOf[owner]);
      }
    } else if (kinds[owner] === USER) {
      const list = userTeams[owner];
      if (list) {
        // not `push(...list)`: a spread of a user's thousands of teams
        // passes each as an argument, and overflowed the stack
        for (let i = 0; i < list.length; i++) result.push(list[i]);
      } else {
        reportFinding(
          node,
          'spec.owner',
          refs[owner],
          userWithoutTeamMessage(graph, graph.entityOf[owner]),
        );
      }
    } else {
      reportFinding(
        node,
        'spec.owner',
        refs[owner],
        'The owner must be a Group or a User; this entity counts for no team through it',
      );
    }
  }
  return result.length > 1 ? sortNumbers(Array.from(new Set(result))) : result;
}

/** One-hop dependencies and parts of each entity, as entity indices. */
function linkEntities(graph: EntityGraph): { dependencies: Csr; parts: Csr } {
  const { nodes, entityOf, edges } = graph;
  const deps = new IntPairs();
  const parts = new IntPairs();
  // Each edge kind and its direction: [kind, pairs, whether the entity
  // carrying the edge is the row (else the target is)].
  const kinds: Array<[Csr, IntPairs, boolean]> = [
    [edges[EDGES.dependsOn], deps, true],
    [edges[EDGES.dependencyOf], deps, false],
    [edges[EDGES.partOf], parts, false],
    [edges[EDGES.hasPart], parts, true],
  ];
  for (const [csr, pairs, forward] of kinds) {
    for (let e = 0; e < nodes.length; e++) {
      for (let k = csr.offsets[e]; k < csr.offsets[e + 1]; k++) {
        const other = entityOf[csr.targets[k]];
        if (other < 0 || other === e) continue;
        if (forward) pairs.push(e, other);
        else pairs.push(other, e);
      }
    }
  }
  return {
    dependencies: toSortedUniqueCsr(nodes.length, deps),
    parts: toSortedUniqueCsr(nodes.length, parts),
  };
}

function ownedTeamsOf(ctx: OwnerContext, entityCount: number): number[][] {
  const ownedTeams: number[][] = new Array(entityCount);
  for (let e = 0; e < entityCount; e++) {
    ownedTeams[e] = ownerTeams(ctx, e);
  }
  return ownedTeams;
}

/** Teams each entity counts as used for: they own a dependent of it, not it. */
function usedTeamsOf(ownedTeams: number[][], dependencies: Csr): number[][] {
  const usedBy = teamsOwningDependents(ownedTeams, dependencies);
  const usedTeams: number[][] = new Array(ownedTeams.length);
  for (let e = 0; e < ownedTeams.length; e++) {
    const used = usedBy[e];
    if (!used) {
      usedTeams[e] = NO_TEAMS;
      continue;
    }
    const teamsOfE = ownedTeams[e];
    const list = sortedValues(used);
    usedTeams[e] =
      teamsOfE.length === 0 ? list : withoutAscending(list, teamsOfE);
  }
  return usedTeams;
}

/**
 * The values of `list` not in `remove`, both ascending: one merge, as both
 * can be thousands of teams long (an asset of a user in many groups, used
 * by many teams).
 */
function withoutAscending(
  list: ReadonlyArray<number>,
  remove: ReadonlyArray<number>,
): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    while (j < remove.length && remove[j] < value) j++;
    if (j >= remove.length || remove[j] !== value) out.push(value);
  }
  return out;
}

/** Teams that own a dependent of each entity. */
function teamsOwningDependents(
  ownedTeams: number[][],
  dependencies: Csr,
): Array<SmallSet | undefined> {
  const usedBy: Array<SmallSet | undefined> = new Array(ownedTeams.length);
  for (let d = 0; d < ownedTeams.length; d++) {
    const teamsOfD = ownedTeams[d];
    if (teamsOfD.length === 0) {
      continue;
    }
    for (
      let k = dependencies.offsets[d];
      k < dependencies.offsets[d + 1];
      k++
    ) {
      const e = dependencies.targets[k];
      let used = usedBy[e];
      // Indexed loops in these per-entity passes: `for...of` left an
      // iterator result object per step (measured: ~10 MB per 100k).
      for (let i = 0; i < teamsOfD.length; i++) {
        used = addToSmallSet(used, teamsOfD[i]);
      }
      usedBy[e] = used;
    }
  }
  return usedBy;
}

/**
 * The entities naming each implicit team as owner, ascending. An implicit
 * team has no entity, so no `ownerOf` of its own: every owner edge to it is
 * an entity's `spec.owner` or `ownedBy`.
 */
function namedAsOwner(
  owners: Csr,
  teamOf: Int32Array,
  groupEntity: Uint8Array,
  teamCount: number,
): Array<number[] | undefined> {
  const namedBy: Array<number[] | undefined> = new Array(teamCount);
  const entityCount = owners.offsets.length - 1;
  for (let e = 0; e < entityCount; e++) {
    for (let k = owners.offsets[e]; k < owners.offsets[e + 1]; k++) {
      const id = owners.targets[k];
      const team = teamOf[id];
      if (team < 0 || groupEntity[id]) continue;
      const list = (namedBy[team] ??= []);
      // an entity's owners hold no repeats while short; skip any beyond
      if (list[list.length - 1] !== e) list.push(e);
    }
  }
  return namedBy;
}

/** Entity indices owned by each team, ascending. */
function ownedByTeam(
  ownedTeams: number[][],
  teamCount: number,
): Array<number[] | undefined> {
  const owned: number[][] = new Array(teamCount);
  for (let e = 0; e < ownedTeams.length; e++) {
    const teamsOfE = ownedTeams[e];
    for (let i = 0; i < teamsOfE.length; i++) {
      (owned[teamsOfE[i]] ??= []).push(e);
    }
  }
  return owned;
}

/** Teams each User entity is a direct member of. */
function memberTeamsOf(
  graph: EntityGraph,
  userTeams: ReadonlyArray<number[] | undefined>,
): number[][] {
  const memberTeams: number[][] = new Array(graph.nodes.length);
  const userKind = kindIdOf(graph, 'user');
  for (let e = 0; e < memberTeams.length; e++) {
    memberTeams[e] =
      graph.kindIds[e] === userKind ? userTeams[e] ?? NO_TEAMS : NO_TEAMS;
  }
  return memberTeams;
}

/**
 * Works out teams, members, parents, ownership and one-hop use (spec §4).
 * Findings about the entities go on their nodes.
 * @internal
 */
export function attribute(graph: EntityGraph): Attribution {
  const { nodes, refs, entityOf } = graph;
  const kinds = refKinds(refs.refs);
  const owners = ownerLists(graph);
  const { teamIds, teamOf, groupEntity, teamFindings } = findTeams(
    graph,
    owners,
    kinds,
  );
  const teamCount = teamIds.length;
  const members = linkMembers(graph, kinds, teamOf);
  const { parents, children } = linkParents(graph, teamOf, teamCount);
  reportHierarchyCycles(graph, teamIds, parents);

  const ownerContext: OwnerContext = {
    graph,
    owners,
    kinds,
    teamOf,
    userTeams: members.userTeams,
    singletons: new Array(teamCount),
  };
  // One loop per function below (see readEntities: long functions with
  // several loops were optimised and thrown away again on each run).
  const ownedTeams = ownedTeamsOf(ownerContext, nodes.length);
  const { dependencies, parts } = linkEntities(graph);
  const usedTeams = usedTeamsOf(ownedTeams, dependencies);
  const owned = ownedByTeam(ownedTeams, teamCount);
  const memberTeams = memberTeamsOf(graph, members.userTeams);
  const namedAsOwnerBy = namedAsOwner(owners, teamOf, groupEntity, teamCount);

  const teamRefs = teamIds.map(id => refs.refs[id]);
  const teams = new Map<string, TeamNode>();
  teamIds.forEach((id, t) => {
    const team: TeamNode = {
      ref: teamRefs[t],
      index: t,
      implicit: !groupEntity[id],
      members: (members.teamMembers[t] ?? []).map(u => refs.refs[u]),
      parents: parents[t].map(p => teamRefs[p]),
      children: (children[t] ?? []).map(c => teamRefs[c]),
    };
    if (!team.implicit) team.node = nodes[entityOf[id]];
    teams.set(team.ref, team);
  });
  for (let t = 0; t < teamCount; t++) {
    children[t] ??= NO_TEAMS;
  }
  return {
    teams,
    teamRefs,
    ownedTeams,
    usedTeams,
    memberTeams,
    children,
    dependencies,
    parts,
    owned,
    teamFindings,
    namedAsOwnerBy,
  };
}

/**
 * A team and its descendants (cycles cut), the team first, the rest
 * ascending.
 * @internal
 */
export function subtree(
  children: ReadonlyArray<ReadonlyArray<number>>,
  root: number,
): number[] {
  const seen = new Set<number>([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children[queue[i]]) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  seen.delete(root);
  return [root, ...Array.from(seen).sort(ascending)];
}

/**
 * Whether an entity counts for at least one team: owned, used, or (a User)
 * a member. Only such entities can match a rule.
 * @internal
 */
export function countsForSomeTeam(
  attribution: Attribution,
  e: number,
): boolean {
  return (
    attribution.ownedTeams[e].length > 0 ||
    attribution.usedTeams[e].length > 0 ||
    attribution.memberTeams[e].length > 0
  );
}
