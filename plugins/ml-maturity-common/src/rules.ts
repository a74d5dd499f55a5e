import { Attribution } from './attribution';
import { EntityNode } from './entities';
import { compileFilter, FilterFunction } from './filters';
import { KitRule, RuleVia } from './types';
import { safeJson } from './util';

/** A (filter, via) pair evaluated once per classification. @internal */
export interface Probe {
  via: RuleVia;
  filter: number;
}

/** A rule with its filters replaced by probe numbers. @internal */
export interface CompiledRule {
  probe: number;
  min: number;
  allOf: CompiledRule[];
}

/**
 * Compiles rules, sharing identical filters and (filter, via) pairs so that
 * each filter runs at most once per entity.
 * @internal
 */
export class RuleCompiler {
  readonly filters: FilterFunction[] = [];
  readonly probes: Probe[] = [];
  private readonly filterKeys = new Map<string, number>();
  private readonly probeKeys = new Map<string, number>();

  compile(rule: KitRule): CompiledRule {
    const filterKey = safeJson(rule.filter);
    let filter = this.filterKeys.get(filterKey);
    if (filter === undefined) {
      filter = this.filters.length;
      this.filters.push(compileFilter(rule.filter));
      this.filterKeys.set(filterKey, filter);
    }
    const probeKey = `${rule.via}|${filter}`;
    let probe = this.probeKeys.get(probeKey);
    if (probe === undefined) {
      probe = this.probes.length;
      this.probes.push({ via: rule.via, filter });
      this.probeKeys.set(probeKey, probe);
    }
    const min =
      typeof rule.min === 'number' && Number.isFinite(rule.min)
        ? Math.max(0, Math.ceil(rule.min))
        : 1;
    return {
      probe,
      min,
      allOf: (rule.allOf ?? []).map(r => this.compile(r)),
    };
  }
}

/** Per probe: team ref → matching entity indices (ascending). @internal */
export type ProbeResults = Array<Map<string, number[]>>;

function add(map: Map<string, number[]>, team: string, e: number) {
  const list = map.get(team);
  if (list) {
    list.push(e);
  } else {
    map.set(team, [e]);
  }
}

/**
 * Runs every filter once on every entity that counts for some team, and
 * files each match under the teams it counts for.
 * @internal
 */
export function runProbes(options: {
  compiler: RuleCompiler;
  nodes: EntityNode[];
  attribution: Attribution;
  factObjects: Array<unknown>;
}): ProbeResults {
  const { compiler, nodes, attribution, factObjects } = options;
  const { ownedTeams, usedTeams, userTeams } = attribution;
  const memberTeams = nodes.map(node =>
    node.kind === 'user' ? userTeams.get(node.ref) ?? [] : [],
  );
  const candidates: number[] = [];
  for (let e = 0; e < nodes.length; e++) {
    if (
      ownedTeams[e].length > 0 ||
      usedTeams[e].length > 0 ||
      memberTeams[e].length > 0
    ) {
      candidates.push(e);
    }
  }
  const probesByFilter: number[][] = compiler.filters.map(() => []);
  compiler.probes.forEach((probe, i) => probesByFilter[probe.filter].push(i));
  const results: ProbeResults = compiler.probes.map(() => new Map());

  compiler.filters.forEach((filter, f) => {
    const probes = probesByFilter[f];
    for (const e of candidates) {
      let matches: boolean;
      try {
        matches = filter(factObjects[e]);
      } catch {
        matches = false;
      }
      if (!matches) {
        continue;
      }
      for (const p of probes) {
        const result = results[p];
        switch (compiler.probes[p].via) {
          case 'members':
            for (const team of memberTeams[e]) add(result, team, e);
            break;
          case 'owned-or-used':
            for (const team of ownedTeams[e]) add(result, team, e);
            for (const team of usedTeams[e]) add(result, team, e);
            break;
          default:
            for (const team of ownedTeams[e]) add(result, team, e);
        }
      }
    }
  });
  return results;
}

/** Matches of one probe for a set of teams (a team, or a rollup). @internal */
export function probeMatches(
  results: ProbeResults,
  probe: number,
  teams: ReadonlyArray<string>,
): number[] {
  const byTeam = results[probe];
  if (teams.length === 1) {
    return byTeam.get(teams[0]) ?? [];
  }
  const union = new Set<number>();
  for (const team of teams) {
    for (const e of byTeam.get(team) ?? []) {
      union.add(e);
    }
  }
  return Array.from(union).sort((a, b) => a - b);
}

/**
 * Whether a rule holds for a set of teams, and its evidence (every match of
 * the rule and of its `allOf` rules) as entity indices.
 * @internal
 */
export function evaluateRule(
  rule: CompiledRule,
  results: ProbeResults,
  teams: ReadonlyArray<string>,
): { holds: boolean; evidence: Set<number> } {
  const evidence = new Set<number>();
  const visit = (r: CompiledRule): boolean => {
    const matches = probeMatches(results, r.probe, teams);
    for (const e of matches) {
      evidence.add(e);
    }
    let holds = matches.length >= r.min;
    for (const sub of r.allOf) {
      holds = visit(sub) && holds;
    }
    return holds;
  };
  const holds = visit(rule);
  return { holds, evidence };
}
