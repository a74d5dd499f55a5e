import { IntPairs, toSortedUniqueCsr } from './csr';
import { compareStrings, sortedUnique } from './util';
import { prng } from './__fixtures__/entities';

describe('toSortedUniqueCsr', () => {
  it('sorts each row and drops repeats, for short and long rows', () => {
    const random = prng(7);
    const rows = 50;
    const expected: number[][] = Array.from({ length: rows }, () => []);
    const pairs = new IntPairs();
    for (let r = 0; r < rows; r++) {
      // rows of 0 to 40 values: both the insertion sort and the typed sort
      const count = Math.floor(random() * 41);
      for (let i = 0; i < count; i++) {
        const value = Math.floor(random() * 30);
        pairs.push(r, value);
        expected[r].push(value);
      }
    }
    const csr = toSortedUniqueCsr(rows, pairs);
    for (let r = 0; r < rows; r++) {
      const row = Array.from(
        csr.targets.subarray(csr.offsets[r], csr.offsets[r + 1]),
      );
      expect(row).toEqual(
        Array.from(new Set(expected[r])).sort((a, b) => a - b),
      );
    }
  });
});

describe('sortedUnique', () => {
  it('gives the same as a Set and a sort, for short and long lists', () => {
    const random = prng(8);
    const words = ['b', 'a', 'B', 'ä', 'aa', '', 'z', '10', '9'];
    for (let round = 0; round < 300; round++) {
      const list = Array.from(
        { length: Math.floor(random() * 25) },
        () => words[Math.floor(random() * words.length)],
      );
      const copy = list.slice();
      expect(sortedUnique(list)).toEqual(
        Array.from(new Set(list)).sort(compareStrings),
      );
      expect(list).toEqual(copy);
    }
  });
});
