import { formatJsonPath, MAX_JSON_DEPTH, TOO_DEEP_MARKER, tooDeepPath, withoutDeepParts } from './json-depth';

/** `{"a":{"a":…1…}}` with `levels` objects. */
const nested = (levels: number): unknown => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);

describe('tooDeepPath', () => {
  it('accepts 32 levels and names the path of the 33rd, in objects and arrays alike', () => {
    expect(tooDeepPath({ extra: nested(MAX_JSON_DEPTH - 1) }, MAX_JSON_DEPTH)).toBeUndefined();
    expect(tooDeepPath({ extra: nested(MAX_JSON_DEPTH) }, MAX_JSON_DEPTH)).toEqual([
      'extra',
      ...Array(MAX_JSON_DEPTH - 1).fill('a'),
    ]);
    expect(
      tooDeepPath({ list: [1, { x: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) }] }, MAX_JSON_DEPTH),
    ).toEqual(['list', 1, 'x', ...Array(MAX_JSON_DEPTH - 3).fill(0)]);
    expect(tooDeepPath('text', MAX_JSON_DEPTH)).toBeUndefined();
  });

  it('stops early on a body nested 30,000 deep (no recursion)', () => {
    const deep = JSON.parse(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
    expect(tooDeepPath(deep, 3)).toEqual([0, 0, 0]);
  });
});

describe('formatJsonPath', () => {
  it('writes keys with dots and indexes in brackets, cut after the shown parts', () => {
    expect(formatJsonPath(['extra', 'pages', 1, 'id'])).toBe('extra.pages[1].id');
    expect(formatJsonPath(['a', 'a', 'a', 'a', 'a', 'a', 'a'])).toBe('a.a.a.a.a.a…');
    expect(formatJsonPath([])).toBe('(body)');
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
