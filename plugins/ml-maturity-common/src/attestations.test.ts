import {
  AttestationState,
  evidenceUrlProblem,
  resolveItem,
  resolveStatus,
} from './attestations';
import { DEFAULT_KITS } from './kits/defaultKits';
import { prng } from './__fixtures__/entities';

describe('resolveItem', () => {
  it('names the same expired attestation whatever the order of those expiring together', () => {
    const item = DEFAULT_KITS.flatMap(k => k.items).find(i => i.attestable)!;
    const expired = (id: string, by: string, at: string) => ({
      id,
      teamRef: 'group:default/a',
      itemId: item.id,
      url: 'https://e.example',
      by,
      at,
      expiresAt: '2026-02-01T00:00:00Z',
    });
    const a = expired('b-id', 'user:default/ana', '2025-02-01T00:00:00Z');
    const b = expired('a-id', 'user:default/bo', '2025-02-01T00:00:00Z');
    const c = expired('c-id', 'user:default/cy', '2025-01-15T00:00:00Z');
    const reason = (list: ReturnType<typeof expired>[]) =>
      resolveItem({
        item,
        ruleHolds: false,
        evidence: [],
        states: [{ active: [], expired: list, ignored: [] }],
      }).reason;
    const orders = [
      [a, b, c],
      [b, a, c],
      [c, b, a],
      [c, a, b],
    ];
    const reasons = new Set(orders.map(reason));
    expect([...reasons]).toEqual([
      'The portal attestation by user:default/bo recorded 2025-02-01T00:00:00Z expired on 2026-02-01T00:00:00Z; attest again with current evidence',
    ]);
  });
});

describe('resolveStatus', () => {
  it('gives the status resolveItem gives, for every combination of states', () => {
    const random = prng(3);
    const items = DEFAULT_KITS.flatMap(kit =>
      kit.items.map(item => ({ ...item, kit: kit.id })),
    );
    const attestable = items.filter(i => i.attestable);
    const notAttestable = items.filter(i => !i.attestable);
    expect(attestable.length).toBeGreaterThan(0);
    expect(notAttestable.length).toBeGreaterThan(0);
    const state = (): AttestationState => ({
      active:
        random() < 0.4
          ? [{ source: 'annotation', url: 'https://evidence.example/a' }]
          : [],
      expired:
        random() < 0.3
          ? [
              {
                id: 'x',
                teamRef: 'group:default/a',
                itemId: 'i',
                url: 'https://e.example',
                by: 'user:default/u',
                at: '2026-01-01T00:00:00Z',
                expiresAt: '2026-02-01T00:00:00Z',
              },
            ]
          : [],
      ignored: random() < 0.3 ? ['a reason'] : [],
    });
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const item = (random() < 0.5 ? attestable : notAttestable)[
        Math.floor(random() * 5)
      ];
      const ruleHolds = random() < 0.3;
      const states = Array.from({ length: Math.floor(random() * 3) }, state);
      const expected = resolveItem({
        item,
        ruleHolds,
        evidence: ruleHolds ? ['resource:default/x'] : [],
        states,
      }).status;
      seen.add(expected);
      expect(resolveStatus(item, ruleHolds, states)).toBe(expected);
    }
    expect([...seen].sort()).toEqual(['attested', 'met', 'unmet']);
  });
});

describe('evidenceUrlProblem', () => {
  it('accepts an http(s) URL, unicode path and host included', () => {
    expect(evidenceUrlProblem('https://wiki.example.com/ml/use-cases')).toBe(
      undefined,
    );
    expect(evidenceUrlProblem('https://wiki.example.com/Müller/ü')).toBe(
      undefined,
    );
    expect(evidenceUrlProblem('https://bücher.example/ml')).toBe(undefined);
  });

  it.each([
    [
      'a right-to-left override',
      'https://evil.example/\u202Egpj.exe',
      'U+202E',
    ],
    ['a zero-width space', 'https://wiki.exa\u200Bmple.com/ml', 'U+200B'],
    ['a left-to-right mark', 'https://wiki.example.com/\u200Eml', 'U+200E'],
    ['an isolate', 'https://wiki.example.com/\u2067ml\u2069', 'U+2067'],
    ['a soft hyphen', 'https://wiki.exam\u00ADple.com/ml', 'U+00AD'],
    ['a word joiner', 'https://wiki.example.com/m\u2060l', 'U+2060'],
    // invisible too, though neither zero-width nor bidi: each is shown as
    // nothing, so the URL reads as one without it
    [
      'tag characters (named by code point, not surrogate)',
      'https://evil.example/\u{E0041}\u{E0042}ml',
      'U+E0041',
    ],
    ['a Hangul filler', 'https://wiki.example.com/m\u3164l', 'U+3164'],
    [
      'a combining grapheme joiner',
      'https://wiki.example.com/m\u034Fl',
      'U+034F',
    ],
    ['a variation selector', 'https://wiki.example.com/m\uFE0Fl', 'U+FE0F'],
    [
      'a Mongolian free variation selector',
      'https://wiki.example.com/m\u180Bl',
      'U+180B',
    ],
  ])('refuses %s, naming the character', (_, url, code) => {
    expect(evidenceUrlProblem(url)).toBe(
      `must not contain invisible or text-direction characters (it has ${code}): they make a URL read as another to everyone who sees the evidence`,
    );
  });
});
