import { parseRef } from './refs';

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
