import { CompiledRule, evaluateRule, ProbeResults, ruleHolds } from './rules';
import { prng } from './__fixtures__/entities';

describe('ruleHolds', () => {
  it('agrees with evaluateRule on random matches, team sets and minimums', () => {
    const random = prng(11);
    const int = (n: number) => Math.floor(random() * n);
    let held = 0;
    let failed = 0;
    for (let round = 0; round < 300; round++) {
      const probes = 1 + int(3);
      const teamCount = 1 + int(5);
      // Matches per probe and team: ascending entity indices, some shared
      // between teams (an entity owned by two teams counts once).
      const results: ProbeResults = Array.from({ length: probes }, () =>
        Array.from({ length: teamCount }, () => {
          if (random() < 0.3) return undefined;
          const list = new Set<number>();
          const count = int(4);
          for (let i = 0; i < count; i++) list.add(int(6));
          return [...list].sort((a, b) => a - b);
        }),
      );
      const rule = (depth: number): CompiledRule => ({
        probe: int(probes),
        min: int(4),
        allOf:
          depth > 0 && random() < 0.4
            ? Array.from({ length: 1 + int(2) }, () => rule(depth - 1))
            : [],
      });
      const r = rule(2);
      const teams = Array.from(
        new Set(
          Array.from({ length: 1 + int(teamCount) }, () => int(teamCount)),
        ),
      );
      const expected = evaluateRule(r, results, teams).holds;
      if (expected) held++;
      else failed++;
      expect(ruleHolds(r, results, teams)).toBe(expected);
    }
    expect(held).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(20);
  });
});
