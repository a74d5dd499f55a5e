import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import {
  isValidObjectName,
  parseRef,
  parseRefSlowly,
  parseRefWithDefaults,
} from './refs';
import { prng } from './__fixtures__/entities';
import { isUrlLocation } from './entities';

const group = { defaultKind: 'group', defaultNamespace: 'default' };

describe('parseRef', () => {
  it.each([
    ['team-a', group, 'group:default/team-a'],
    ['Team-A', group, 'group:default/team-a'],
    ['ops/Team-A', group, 'group:ops/team-a'],
    ['User:jane.doe', group, 'user:default/jane.doe'],
    [
      'component:Other/svc_1',
      { defaultNamespace: 'default' },
      'component:other/svc_1',
    ],
    [
      'bucket',
      { defaultKind: 'resource', defaultNamespace: 'ns1' },
      'resource:ns1/bucket',
    ],
  ])('reads %s', (value, context, expected) => {
    expect(parseRef(value, context)).toBe(expected);
  });

  it.each([
    ['jane@example.com', group, /valid entity/],
    ['${{ values.owner }}', group, /not an entity reference|valid entity/],
    ['bucket', { defaultNamespace: 'default' }, /no kind/],
    ['', group, /1 to/],
    ['x'.repeat(2000), group, /1 to/],
    ['a:b:c/d/e', group, /./],
    ['group:Bad_NS/x', group, /namespace/],
  ])('rejects %s', (value, context, message) => {
    const result = parseRef(value, context);
    expect(typeof result).toBe('object');
    expect((result as { error: string }).error).toMatch(message);
  });

  it('rejects non-strings without throwing', () => {
    for (const value of [undefined, null, 7, {}, [], { kind: 'group' }]) {
      expect(parseRef(value, group)).toEqual({ error: expect.any(String) });
    }
  });
});

describe('isValidObjectName', () => {
  it('agrees with the catalog model on every short string over an edge-case alphabet', () => {
    const alphabet = ['a', 'Z', '0', '-', '_', '.', ' ', 'é', '/', ':'];
    const values: unknown[] = ['', 'a'.repeat(63), 'a'.repeat(64), 7, null];
    const grow = (prefix: string, depth: number) => {
      values.push(prefix);
      if (depth === 0) return;
      for (const c of alphabet) grow(prefix + c, depth - 1);
    };
    grow('', 3);
    for (const value of values) {
      expect([value, isValidObjectName(value)]).toEqual([
        value,
        KubernetesValidatorFunctions.isValidObjectName(value),
      ]);
    }
  });
});

describe('isUrlLocation', () => {
  it('equals /^url:/i on the trimmed text', () => {
    const starts = ['', ' ', '\t', '\u00a0', '\ufeff', 'x', 'U', 'u'];
    const rests = ['rl:', 'RL:', 'Rl:x', 'rl', 'r l:', 'rL:https://a', ':'];
    for (const start of starts) {
      for (const rest of rests) {
        for (const text of [start + rest, start + start + rest, start]) {
          expect([text, isUrlLocation(text)]).toEqual([
            text,
            /^url:/i.test(text.trim()),
          ]);
        }
      }
    }
  });
});

describe('parseRefWithDefaults', () => {
  it('gives what the catalog parser gives, on random texts over the characters that matter', () => {
    const random = prng(5);
    const alphabet = ['a', 'Z', '0', '-', '_', '.', ':', '/', 'é', ' '];
    const contexts: Array<[string | undefined, string]> = [
      ['group', 'default'],
      [undefined, 'default'],
      ['Group', 'Other-NS'],
    ];
    let accepted = 0;
    for (let i = 0; i < 20000; i++) {
      const length = 1 + Math.floor(random() * 12);
      let text = '';
      for (let c = 0; c < length; c++) {
        text += alphabet[Math.floor(random() * alphabet.length)];
      }
      const [kind, namespace] = contexts[i % contexts.length];
      const fast = parseRefWithDefaults(text, kind, namespace);
      if (typeof fast === 'string') accepted++;
      expect([text, fast]).toEqual([
        text,
        parseRefSlowly(text, kind, namespace),
      ]);
    }
    expect(accepted).toBeGreaterThan(500);
  });
});
