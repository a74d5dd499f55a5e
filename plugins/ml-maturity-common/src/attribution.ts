import { addFinding, EntityNode, pushEdge } from './entities';
import { makeFinding } from './findings';
import { Finding } from './types';
import { compareStrings } from './util';

/** A team: a Group entity or an implicit group referenced as an owner. @internal */
export interface TeamNode {
  ref: string;
  implicit: boolean;
  node?: EntityNode;
  /** Direct members (user refs), sorted. */
  members: string[];
  /** Parent teams, sorted; the first is reported as `parent`. */
  parents: string[];
  /** Child teams, sorted. */
  children: string[];
}

/** Who owns and uses what (spec §4). Arrays are indexed by entity index. @internal */
export interface Attribution {
  teams: Map<string, TeamNode>;
  /** Team refs, sorted. */
  teamRefs: string[];
  byRef: Map<string, EntityNode>;
  /** Teams each entity counts as owned for, sorted. */
  ownedTeams: string[][];
  /** Teams each entity counts as used for (never also owned), sorted. */
  usedTeams: string[][];
  /** Teams each user is a direct member of, sorted. */
  userTeams: Map<string, string[]>;
  /** One-hop dependencies (entity indices) of each entity. */
  dependencies: number[][];
  /** Entities that are part of each entity (for Systems). */
  parts: number[][];
  /** Entity indices owned / used by each team, in ref order. */
  owned: Map<string, number[]>;
  used: Map<string, number[]>;
  /** Findings about missing groups, by the group's ref. */
  teamFindings: Finding[];
}

function uniqueSorted(values: Iterable<string>): string[] {
  return Array.from(new Set(values)).sort(compareStrings);
}

const NONE: number[] = [];

/** Whether a normalised ref has the kind of `prefix` (`kind:`), without slicing. */
function isKindRef(ref: string, prefix: 'group:' | 'user:'): boolean {
  return ref.startsWith(prefix);
}
const NO_TEAMS: string[] = [];

function uniqueNumbers(values: number[]): number[] {
  if (values.length < 2) {
    return values;
  }
  if (values.length === 2) {
    return values[0] === values[1] ? [values[0]] : values.sort((a, b) => a - b);
  }
  let ascending = true;
  for (let i = 1; ascending && i < values.length; i++) {
    ascending = values[i - 1] < values[i];
  }
  return ascending ? values : Array.from(new Set(values)).sort((a, b) => a - b);
}

/**
 * A set of strings kept as an array while small (most are: an entity's or
 * a user's one to three teams), and as a Set beyond, to stay linear.
 */
type SmallSet = string[] | Set<string>;

const SMALL_SET_MAX = 16;

function addToSmallSet(set: SmallSet | undefined, value: string): SmallSet {
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

function smallSetValues(set: SmallSet): string[] {
  return Array.isArray(set) ? set : Array.from(set);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

function findTeams(nodes: EntityNode[]) {
  const teams = new Map<string, TeamNode>();
  const teamFindings: Finding[] = [];
  for (const node of nodes) {
    if (node.kind === 'group') {
      teams.set(node.ref, {
        ref: node.ref,
        implicit: false,
        node,
        members: [],
        parents: [],
        children: [],
      });
    }
  }
  // A group ref is an entity exactly when it is one of the teams found so
  // far, and the small teams map is cheaper to probe than byRef.
  const referencedBy = new Map<string, number>();
  for (const node of nodes) {
    for (const owner of node.owners) {
      if (isKindRef(owner, 'group:') && !teams.has(owner)) {
        referencedBy.set(owner, (referencedBy.get(owner) ?? 0) + 1);
      }
    }
  }
  for (const [ref, count] of referencedBy) {
    teams.set(ref, {
      ref,
      implicit: true,
      members: [],
      parents: [],
      children: [],
    });
    teamFindings.push(
      makeFinding(
        ref,
        'spec.owner',
        ref,
        `Group entity is missing: ${count} ${
          count === 1 ? 'entity names' : 'entities name'
        } it as owner, so it is assessed as an implicit team. Add a Group entity with this name (kind: Group, spec.type: team, spec.children: []) or fix the owners`,
      ),
    );
  }
  return { teams, teamFindings };
}

function linkMembers(
  nodes: EntityNode[],
  teams: Map<string, TeamNode>,
): Map<string, string[]> {
  const pairs = new Map<string, SmallSet>();
  const add = (user: string, team: string) => {
    if (!isKindRef(user, 'user:') || !teams.has(team)) {
      return;
    }
    pairs.set(user, addToSmallSet(pairs.get(user), team));
  };
  for (const node of nodes) {
    if (node.kind === 'user') {
      for (const group of node.memberOf) {
        add(node.ref, group);
      }
    } else if (node.kind === 'group') {
      for (const user of node.members) {
        add(user, node.ref);
      }
    }
  }
  const userTeams = new Map<string, string[]>();
  const teamMembers = new Map<string, string[]>();
  for (const user of Array.from(pairs.keys()).sort(compareStrings)) {
    const teamsOfUser = smallSetValues(pairs.get(user)!);
    const list =
      teamsOfUser.length > 1 ? teamsOfUser.sort(compareStrings) : teamsOfUser;
    userTeams.set(user, list);
    for (const team of list) {
      pushTo(teamMembers, team, user);
    }
  }
  for (const [team, members] of teamMembers) {
    teams.get(team)!.members = members;
  }
  return userTeams;
}

function linkParents(nodes: EntityNode[], teams: Map<string, TeamNode>) {
  const parents = new Map<string, Set<string>>();
  const add = (child: string, parent: string) => {
    if (child === parent || !teams.has(child) || !teams.has(parent)) {
      return;
    }
    let set = parents.get(child);
    if (!set) {
      set = new Set();
      parents.set(child, set);
    }
    set.add(parent);
  };
  for (const node of nodes) {
    if (node.kind !== 'group') {
      continue;
    }
    for (const parent of node.parents) {
      add(node.ref, parent);
    }
    for (const child of node.children) {
      add(child, node.ref);
    }
  }
  const children = new Map<string, string[]>();
  for (const [child, set] of parents) {
    const list = uniqueSorted(set);
    teams.get(child)!.parents = list;
    for (const parent of list) {
      pushTo(children, parent, child);
    }
  }
  for (const [parent, list] of children) {
    teams.get(parent)!.children = uniqueSorted(list);
  }
}

function ownerTeams(
  node: EntityNode,
  teams: Map<string, TeamNode>,
  userTeams: Map<string, string[]>,
  byRef: Map<string, EntityNode>,
  singletons: Map<string, string[]>,
): string[] {
  if (node.owners.length === 0) {
    return NO_TEAMS;
  }
  // The common case, one owning group: one shared array per team rather
  // than one per entity (they are never modified).
  if (node.owners.length === 1 && isKindRef(node.owners[0], 'group:')) {
    const owner = node.owners[0];
    if (!teams.has(owner)) {
      return NO_TEAMS;
    }
    let list = singletons.get(owner);
    if (!list) {
      list = [owner];
      singletons.set(owner, list);
    }
    return list;
  }
  const result: string[] = [];
  const owners =
    node.owners.length === 1 ? node.owners : uniqueSorted(node.owners);
  for (const owner of owners) {
    if (isKindRef(owner, 'group:')) {
      if (teams.has(owner)) {
        result.push(owner);
      }
    } else if (isKindRef(owner, 'user:')) {
      const list = userTeams.get(owner);
      if (list) {
        result.push(...list);
      } else {
        addFinding(
          node,
          makeFinding(
            node.ref,
            'spec.owner',
            owner,
            byRef.has(owner)
              ? 'The owning User is a member of no group, so this entity counts for no team: add spec.memberOf to the User'
              : 'User entity is missing and no group lists it as a member, so this entity counts for no team: add the User with spec.memberOf, or make a Group the owner',
          ),
        );
      }
    } else {
      addFinding(
        node,
        makeFinding(
          node.ref,
          'spec.owner',
          owner,
          'The owner must be a Group or a User; this entity counts for no team through it',
        ),
      );
    }
  }
  return result.length > 1 ? uniqueSorted(result) : result;
}

/**
 * Works out teams, members, parents, ownership and one-hop use (spec §4).
 * Findings about the entities go on their nodes.
 * @internal
 */
export function attribute(nodes: EntityNode[]): Attribution {
  const byRef = new Map<string, EntityNode>();
  for (const node of nodes) {
    byRef.set(node.ref, node);
  }
  // ownerOf is the reverse of ownedBy: fold it in so both read the same.
  for (const node of nodes) {
    for (const target of node.ownerOf) {
      const owned = byRef.get(target);
      if (owned) pushEdge(owned, 'owners', node.ref);
    }
  }
  const { teams, teamFindings } = findTeams(nodes);
  const userTeams = linkMembers(nodes, teams);
  linkParents(nodes, teams);

  const singletons = new Map<string, string[]>();
  const ownedTeams = nodes.map(node =>
    ownerTeams(node, teams, userTeams, byRef, singletons),
  );

  const rawDeps: number[][] = new Array(nodes.length).fill(NONE);
  const rawParts: number[][] = new Array(nodes.length).fill(NONE);
  const link = (lists: number[][], from: number, to: number) => {
    if (lists[from] === NONE) lists[from] = [to];
    else lists[from].push(to);
  };
  for (const node of nodes) {
    for (const target of node.dependsOn) {
      const dep = byRef.get(target);
      if (dep && dep !== node) {
        link(rawDeps, node.index, dep.index);
      }
    }
    for (const source of node.dependencyOf) {
      const dependent = byRef.get(source);
      if (dependent && dependent !== node) {
        link(rawDeps, dependent.index, node.index);
      }
    }
    for (const target of node.partOf) {
      const whole = byRef.get(target);
      if (whole && whole !== node) {
        link(rawParts, whole.index, node.index);
      }
    }
    for (const target of node.hasPart) {
      const part = byRef.get(target);
      if (part && part !== node) {
        link(rawParts, node.index, part.index);
      }
    }
  }
  const dependencies = rawDeps.map(uniqueNumbers);
  const parts = rawParts.map(uniqueNumbers);

  // Teams that own a dependent of each entity.
  const usedBy: Array<SmallSet | undefined> = new Array(nodes.length);
  for (let d = 0; d < nodes.length; d++) {
    const owners = ownedTeams[d];
    if (owners.length === 0) {
      continue;
    }
    for (const e of dependencies[d]) {
      let used = usedBy[e];
      for (const team of owners) {
        used = addToSmallSet(used, team);
      }
      usedBy[e] = used;
    }
  }
  const usedTeams: string[][] = new Array(nodes.length);
  for (let e = 0; e < nodes.length; e++) {
    const used = usedBy[e];
    if (!used) {
      usedTeams[e] = NO_TEAMS;
      continue;
    }
    const list = smallSetValues(used);
    const owners = ownedTeams[e];
    const rest =
      owners.length === 0 ? list : list.filter(team => !owners.includes(team));
    usedTeams[e] = rest.length > 1 ? rest.sort(compareStrings) : rest;
  }

  const owned = new Map<string, number[]>();
  const used = new Map<string, number[]>();
  for (let e = 0; e < nodes.length; e++) {
    for (const team of ownedTeams[e]) {
      pushTo(owned, team, e);
    }
    for (const team of usedTeams[e]) {
      pushTo(used, team, e);
    }
  }

  return {
    teams,
    teamRefs: Array.from(teams.keys()).sort(compareStrings),
    byRef,
    ownedTeams,
    usedTeams,
    userTeams,
    dependencies,
    parts,
    owned,
    used,
    teamFindings,
  };
}

/**
 * A team and its descendants (cycles cut), the team first, the rest sorted.
 * @internal
 */
export function subtree(teams: Map<string, TeamNode>, root: string): string[] {
  const seen = new Set<string>([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const ref = queue[i];
    for (const child of teams.get(ref)?.children ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  seen.delete(root);
  return [root, ...Array.from(seen).sort(compareStrings)];
}

/**
 * Whether an entity counts for at least one team: owned, used, or (a User)
 * a member. Only such entities can match a rule.
 * @internal
 */
export function countsForSomeTeam(
  attribution: Attribution,
  node: EntityNode,
  e: number,
): boolean {
  return (
    attribution.ownedTeams[e].length > 0 ||
    attribution.usedTeams[e].length > 0 ||
    (node.kind === 'user' && attribution.userTeams.has(node.ref))
  );
}
