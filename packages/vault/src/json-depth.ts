// How deep JSON may nest: found without recursion in request bodies, cut off in stored values before they are served.

/** Levels of objects and arrays a JSON body (or a stored JSON value) may nest: `{"extra":{"a":1}}` has 2. */
export const MAX_JSON_DEPTH = 32;
/** What a stored value holds instead of the part nested deeper than MAX_JSON_DEPTH. */
export const TOO_DEEP_MARKER = `[nested deeper than ${MAX_JSON_DEPTH} levels]`;

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * Path (`extra.a.0.b`, dot-joined keys and indexes) of the first object or array in `value` nested more than
 * `maxDepth` levels deep, counting `value` itself as level 1; undefined when none is. Iterative, and stops at
 * the first one found, so a body nested 30,000 deep costs no more than one `maxDepth` deep.
 */
export function findTooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: { node: unknown; path: string[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string[] };
    if (!isContainer(node)) continue;
    if (path.length >= maxDepth) return path.join('.');
    for (const [key, inner] of Object.entries(node)) {
      if (isContainer(inner)) stack.push({ node: inner, path: [...path, key] });
    }
  }
  return undefined;
}

/**
 * A copy of `value` in which every object or array more than `maxDepth` levels deep is replaced by
 * TOO_DEEP_MARKER (a row written around the API, say by hand in SQL, still serves). Recursion is bounded by
 * `maxDepth`. Returns `value` itself when nothing is that deep.
 */
export function withoutDeepParts(value: unknown, maxDepth = MAX_JSON_DEPTH): unknown {
  if (findTooDeep(value, maxDepth) === undefined) return value;
  const copy = (node: unknown, level: number): unknown => {
    if (!isContainer(node)) return node;
    if (level > maxDepth) return TOO_DEEP_MARKER;
    if (Array.isArray(node)) return node.map((inner) => copy(inner, level + 1));
    return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, copy(inner, level + 1)]));
  };
  return copy(value, 1);
}
