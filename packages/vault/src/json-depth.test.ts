import { findTooDeep, MAX_JSON_DEPTH, TOO_DEEP_MARKER, withoutDeepParts } from './json-depth';

/** `{"a":{"a":…1…}}` with `levels` objects. */
const nested = (levels: number): unknown => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);

describe('findTooDeep', () => {
  it('accepts 32 levels and names the path of the 33rd, in objects and arrays alike', () => {
    expect(findTooDeep({ extra: nested(MAX_JSON_DEPTH - 1) })).toBeUndefined();
    expect(findTooDeep({ extra: nested(MAX_JSON_DEPTH) })).toBe(`extra${'.a'.repeat(MAX_JSON_DEPTH - 1)}`);
    expect(findTooDeep({ list: [1, { x: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) }] })).toBe(
      `list.1.x${'.0'.repeat(MAX_JSON_DEPTH - 3)}`,
    );
    expect(findTooDeep('text')).toBeUndefined();
  });

  it('stops early on a body nested 30,000 deep (no recursion)', () => {
    const deep = JSON.parse(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
    expect(findTooDeep(deep, 3)).toBe('0.0.0');
  });
});

describe('withoutDeepParts', () => {
  it('replaces what lies deeper than the limit by a marker and keeps everything above it', () => {
    const value = { keep: { n: 1, list: [1, 2] }, deep: nested(5) };
    expect(withoutDeepParts(value, 3)).toEqual({
      keep: { n: 1, list: [1, 2] },
      deep: { a: { a: TOO_DEEP_MARKER } },
    });
    expect(withoutDeepParts(value, 10)).toBe(value);
    expect(JSON.stringify(withoutDeepParts(nested(5_000)))).toContain(TOO_DEEP_MARKER);
  });
});
