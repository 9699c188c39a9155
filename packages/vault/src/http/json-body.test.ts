import { findForbiddenKey } from './json-body';

describe('findForbiddenKey', () => {
  it('finds __proto__, constructor and prototype keys at any depth, inside arrays too', () => {
    expect(findForbiddenKey(JSON.parse('{"a":1,"__proto__":{}}'))).toBe('__proto__');
    expect(findForbiddenKey({ extra: { list: [{ ok: 1 }, { constructor: 1 }] } })).toBe(
      'extra.list.1.constructor',
    );
    expect(findForbiddenKey({ a: { prototype: null } })).toBe('a.prototype');
  });

  it('accepts ordinary bodies and survives very deep nesting', () => {
    expect(findForbiddenKey({ platform: 'x', extra: { proto: 1, constructors: 2 } })).toBeUndefined();
    const deep = JSON.parse(`${'['.repeat(20000)}${']'.repeat(20000)}`);
    expect(findForbiddenKey(deep)).toBeUndefined();
  });
});
