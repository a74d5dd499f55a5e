import {
  ascendingUnique,
  CompiledRule,
  evaluateRule,
  ProbeResults,
  RuleCompiler,
} from './rules';
import {
  Challenges,
  KitRule,
  MaturityLevel,
  ShortenedReasonRefs,
} from './types';

/** One challenge level: what must hold, in words and as rules. @internal */
export interface ChallengeLevelDefinition {
  level: 2 | 3 | 4 | 5;
  needs: string;
  rules: KitRule[];
}

/** One of the framework's ML challenges (spec §1). @internal */
export interface ChallengeDefinition {
  id: keyof Challenges;
  /** The framework's words for each level, index = level - 1. */
  framework: string[];
  levels: ChallengeLevelDefinition[];
}

const CLOUD = ['cloud', 'hybrid', 'multi-cloud'];
const role = (name: string): KitRule => ({
  via: 'members',
  filter: { 'ml.roles': { $contains: { $any: [name] } } },
});
const used = (filter: KitRule['filter']): KitRule => ({
  via: 'owned-or-used',
  filter,
});

/**
 * The challenge diagnostics as data, evaluated by the same rule engine as
 * the kits. They never change a team's level.
 * @internal
 */
export const CHALLENGES: ChallengeDefinition[] = [
  {
    id: 'professionalSkills',
    framework: [
      'data engineers only',
      'data scientists',
      'ML engineers',
      'product managers and DevOps',
      'ML researchers and external AI advisors',
    ],
    levels: [
      {
        level: 2,
        needs: 'a member with role data-scientist',
        rules: [role('data-scientist')],
      },
      {
        level: 3,
        needs: 'a member with role ml-engineer',
        rules: [role('ml-engineer')],
      },
      {
        level: 4,
        needs: 'members with roles product-manager and devops',
        rules: [role('product-manager'), role('devops')],
      },
      {
        level: 5,
        needs: 'members with roles ml-researcher and ai-advisor',
        rules: [role('ml-researcher'), role('ai-advisor')],
      },
    ],
  },
  {
    id: 'infrastructure',
    framework: [
      'lack of storage and compute',
      'non-optimised storage and compute',
      'optimised storage',
      'optimised storage and compute',
      'big-data frameworks and ML hardware',
    ],
    levels: [
      {
        level: 2,
        needs: 'an owned or used compute and storage',
        rules: [
          used({ 'ml.asset': 'compute' }),
          used({ 'ml.asset': 'storage' }),
        ],
      },
      {
        level: 3,
        needs: 'a storage hosted cloud, hybrid or multi-cloud',
        rules: [
          used({
            $all: [{ 'ml.asset': 'storage' }, { 'ml.hosting': { $in: CLOUD } }],
          }),
        ],
      },
      {
        level: 4,
        needs: 'a compute hosted cloud, hybrid or multi-cloud',
        rules: [
          used({
            $all: [{ 'ml.asset': 'compute' }, { 'ml.hosting': { $in: CLOUD } }],
          }),
        ],
      },
      {
        level: 5,
        needs: 'a compute with an ml-maturity.io/accelerator annotation',
        rules: [
          used({
            $all: [
              { 'ml.asset': 'compute' },
              { 'ml.accelerator': { $exists: true } },
            ],
          }),
        ],
      },
    ],
  },
  {
    id: 'data',
    framework: [
      'Bronze: silos, no single source of truth',
      'Silver: project-specific schemas',
      'Gold: data lake, well-defined schemas',
      'Platinum: hybrid cloud, readily available',
      'Diamond: unified multi cloud, self service',
    ],
    levels: [
      {
        level: 2,
        needs: 'a documented dataset',
        rules: [
          used({
            $all: [{ 'ml.asset': 'dataset' }, { 'ml.documented': true }],
          }),
        ],
      },
      {
        level: 3,
        needs: 'a curated dataset with scope team, enterprise or external',
        rules: [
          used({
            $all: [
              { 'ml.asset': 'dataset' },
              { 'ml.curated': true },
              { 'ml.scope': { $in: ['team', 'enterprise', 'external'] } },
            ],
          }),
        ],
      },
      {
        level: 4,
        needs: 'a dataset hosted hybrid, cloud or multi-cloud',
        rules: [
          used({
            $all: [{ 'ml.asset': 'dataset' }, { 'ml.hosting': { $in: CLOUD } }],
          }),
        ],
      },
      {
        level: 5,
        needs: 'a data-marketplace and a dataset hosted multi-cloud',
        rules: [
          used({ 'ml.asset': 'data-marketplace' }),
          used({
            $all: [{ 'ml.asset': 'dataset' }, { 'ml.hosting': 'multi-cloud' }],
          }),
        ],
      },
    ],
  },
];

/** Challenge definitions with compiled rules. @internal */
export type CompiledChallenges = Array<{
  definition: ChallengeDefinition;
  levels: Array<{
    definition: ChallengeLevelDefinition;
    rules: CompiledRule[];
  }>;
}>;

/** @internal */
export function compileChallenges(compiler: RuleCompiler): CompiledChallenges {
  return CHALLENGES.map(definition => ({
    definition,
    levels: definition.levels.map(level => ({
      definition: level,
      rules: level.rules.map(rule => compiler.compile(rule)),
    })),
  }));
}

const MAX_EVIDENCE_IN_REASON = 3;

/**
 * How a challenge reason lists its evidence inside the parentheses: the
 * first refs, then how many more (`a, b, c and 2 more`). A backend that
 * hides refs writes the list again with this, over the refs it may show.
 *
 * @public
 */
export function reasonRefList(refs: ReadonlyArray<string>): string {
  const shown = refs.slice(0, MAX_EVIDENCE_IN_REASON).join(', ');
  return refs.length > MAX_EVIDENCE_IN_REASON
    ? `${shown} and ${refs.length - MAX_EVIDENCE_IN_REASON} more`
    : shown;
}

/**
 * Each challenge's level: the highest level whose condition holds together
 * with all lower ones (minimum 1), with a reason naming the evidence.
 * @internal
 */
export function assessChallenges(
  compiled: CompiledChallenges,
  results: ProbeResults,
  teams: ReadonlyArray<number>,
  refOf: (index: number) => string,
  /**
   * When given, receives for each challenge the full ref lists its reason
   * cuts short (`... and N more`), in the order they appear in the reason.
   */
  shortened?: ShortenedReasonRefs,
): Challenges {
  const out = {} as Challenges;
  for (const { definition, levels } of compiled) {
    let level = 1;
    const reached: string[] = [];
    let missing: string | undefined;
    for (const { definition: levelDef, rules } of levels) {
      const evaluated = rules.map(rule => evaluateRule(rule, results, teams));
      if (!evaluated.every(r => r.holds)) {
        missing = levelDef.needs;
        break;
      }
      level = levelDef.level;
      const refs = (
        evaluated.length === 1
          ? evaluated[0].evidence
          : ascendingUnique(evaluated.flatMap(r => r.evidence))
      ).map(refOf);
      if (shortened && refs.length > MAX_EVIDENCE_IN_REASON) {
        (shortened[definition.id] ??= []).push(refs);
      }
      reached.push(`${levelDef.needs} (${reasonRefList(refs)})`);
    }
    const framework = definition.framework[level - 1];
    let reason: string;
    if (reached.length === 0) {
      reason = `${framework}; level 2 needs ${missing}`;
    } else {
      reason = `${framework}: ${reached.join('; ')}`;
      if (missing) {
        reason += `; level ${level + 1} needs ${missing}`;
      }
    }
    out[definition.id] = { level: level as MaturityLevel, reason };
  }
  return out;
}
