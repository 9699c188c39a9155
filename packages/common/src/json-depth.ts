// Nesting depth of parsed JSON, measured without recursion: deep input must not reach code that recurses.

/** Most levels of nested objects/arrays a request body may have (the body itself is level 1). */
export const MAX_JSON_DEPTH = 32;

/**
 * The path to the first value nested deeper than `maxDepth` levels (the body itself is level 1), e.g.
 * `['params', 'arguments', 'text', 0, 0, …]` cut at `maxDepth + 1` entries, or undefined when the value is
 * within the limit. Iterative: a body nested 500,000 deep is measured without a stack overflow.
 * @example
 * const path = tooDeepPath(req.body, MAX_JSON_DEPTH);
 * if (path) throw new AppError('invalid_input', `${formatJsonPath(path)} is nested too deeply`, …);
 */
export function tooDeepPath(value: unknown, maxDepth: number): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= maxDepth) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current);
    for (const [key, item] of entries) {
      if (typeof item === 'object' && item !== null) stack.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}

/**
 * A JSON path for an error message: `params.arguments.text[0][0]`, with each key cut to 40 characters
 * and only the first `shownParts` parts written out (`…` after them).
 */
export function formatJsonPath(path: ReadonlyArray<string | number>, shownParts = 6): string {
  const parts = path.slice(0, shownParts).map((part, index) => {
    if (typeof part === 'number') return `[${part}]`;
    const key = part.length > 40 ? `${part.slice(0, 40)}…` : part;
    return index === 0 ? key : `.${key}`;
  });
  return (parts.join('') || '(body)') + (path.length > shownParts ? '…' : '');
}
