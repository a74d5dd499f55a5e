import { spreadLabels } from './labelLayout';

const BOUNDS = { gap: 14, min: 10, max: 178 };

describe('spreadLabels', () => {
  it('moves two labels at near-equal values apart by the gap, evenly, keeping their order', () => {
    // e.g. 24 and 23 teams on a 40-team scale: 4.2 px apart
    const [a, b] = spreadLabels([80, 84.2], BOUNDS);
    expect(b - a).toBeCloseTo(14, 10);
    expect(a).toBeLessThan(b);
    // centred where the two wanted to be
    expect((a + b) / 2).toBeCloseTo(82.1, 10);
    // in the input's order
    const [c, d] = spreadLabels([84.2, 80], BOUNDS);
    expect(c - d).toBeCloseTo(14, 10);
  });

  it('leaves labels that are far enough apart where they are', () => {
    expect(spreadLabels([178, 10, 100, 114], BOUNDS)).toEqual([
      178, 10, 100, 114,
    ]);
  });

  it('keeps labels inside the bounds, pushed in from an edge', () => {
    const [top, next] = spreadLabels([10, 12], BOUNDS);
    expect(top).toBe(10);
    expect(next).toBe(24);
    const [low, bottom] = spreadLabels([176, 178], BOUNDS);
    expect(bottom).toBe(178);
    expect(low).toBe(164);
  });

  it('merges blocks that touch once spread, so no two labels overlap', () => {
    const wanted = [100, 102, 104, 116, 120];
    const placed = spreadLabels(wanted, BOUNDS);
    const sorted = [...placed].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i] - sorted[i - 1]).toBeGreaterThanOrEqual(14 - 1e-9);
    }
    // the order of the values is kept
    expect(placed).toEqual(sorted);
    for (const y of placed) {
      expect(y).toBeGreaterThanOrEqual(BOUNDS.min);
      expect(y).toBeLessThanOrEqual(BOUNDS.max);
    }
  });

  it('places a single label at its value', () => {
    expect(spreadLabels([50], BOUNDS)).toEqual([50]);
    expect(spreadLabels([], BOUNDS)).toEqual([]);
  });
});
