import { RefBytes, RefTable } from './refTable';
import { compareStrings } from './util';
import { prng } from './__fixtures__/entities';

/** Sorts the refs' numbers through RefBytes; returns the refs in that order. */
function sortThroughBytes(refs: string[]): string[] {
  const bytes = new RefBytes();
  for (const ref of refs) bytes.push(ref);
  const order = Int32Array.from(refs.keys());
  bytes.sort(order, i => refs[i]);
  return Array.from(order, i => refs[i]);
}

function randomRefs(
  random: () => number,
  count: number,
  alphabet: string,
): string[] {
  const refs = new Set<string>();
  while (refs.size < count) {
    const prefix = ['component:default/', 'group:default/', 'a:b/', ''][
      Math.floor(random() * 4)
    ];
    let name = '';
    const length = Math.floor(random() * 12);
    for (let i = 0; i < length; i++) {
      name += alphabet[Math.floor(random() * alphabet.length)];
    }
    refs.add(prefix + name);
  }
  return Array.from(refs);
}

describe('RefBytes.sort', () => {
  it('sorts as the default string sort does, prefixes first', () => {
    const refs = [
      'group:default/team-b',
      'group:default/team',
      'component:default/x',
      'group:default/team-a',
      'group:default/team.a',
      'group:default/team_a',
      'group:default/team-a1',
      'group:default/TEAM',
      'a1:default/x',
      'a:default/x',
      '',
    ];
    expect(sortThroughBytes(refs)).toEqual([...refs].sort());
  });

  it.each([
    ['small alphabet, long shared prefixes', 'ab', 3000],
    ['the characters of refs', 'abcxyz0189-_.:/AZ', 3000],
    ['Latin-1', 'aé\u00ff\u0080b', 500],
  ])('agrees with the default sort on random refs (%s)', (_, alphabet, n) => {
    const random = prng(alphabet.length);
    for (let round = 0; round < 5; round++) {
      const refs = randomRefs(random, n, alphabet);
      expect(sortThroughBytes(refs)).toEqual([...refs].sort());
    }
  });

  it('sorts refs of up to U+00FF by their bytes, without the strings', () => {
    const refs = randomRefs(prng(9), 2000, 'abc-.:/0\u00e9\u00ff');
    const bytes = new RefBytes();
    for (const ref of refs) bytes.push(ref);
    const order = Int32Array.from(refs.keys());
    bytes.sort(order, () => {
      throw new Error('the strings were compared');
    });
    expect(Array.from(order, i => refs[i])).toEqual([...refs].sort());
  });

  it('sorts refs with characters above U+00FF by comparing strings', () => {
    const refs = ['b', 'a\u4e00', 'a', 'a\u00e9', 'a\u4e00b'];
    expect(sortThroughBytes(refs)).toEqual([...refs].sort(compareStrings));
  });

  it('sorts a subset of the refs it holds', () => {
    const refs = ['d', 'c', 'b', 'a'];
    const bytes = new RefBytes();
    for (const ref of refs) bytes.push(ref);
    const order = Int32Array.from([0, 2, 3]);
    bytes.sort(order, i => refs[i]);
    expect(Array.from(order)).toEqual([3, 2, 0]);
  });
});

describe('RefTable', () => {
  it('gives each ref one id, in the order refs are first seen', () => {
    const table = new RefTable();
    expect(table.intern('group:default/b')).toBe(0);
    expect(table.intern('group:default/a')).toBe(1);
    expect(table.intern('group:default/b')).toBe(0);
    expect(table.refs).toEqual(['group:default/b', 'group:default/a']);
  });
});
