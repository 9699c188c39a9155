// Reading Graph request parameters: query and form/JSON body merged, `fields` lists checked per node type.
import type { Request } from 'express';
import { nonexistingField } from './errors';

/** Query and body parameters as strings (Graph accepts POST parameters in either place). */
export function graphParams(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (source: unknown) => {
    if (!source || typeof source !== 'object') return;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      out[key] =
        typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : JSON.stringify(value);
    }
  };
  add(req.query);
  add(req.body);
  return out;
}

/**
 * Root field names of a `fields` list: `id,caption,children{media_url}` → `[id, caption, children]`
 * (nested selections and `.limit(n)` modifiers are accepted and ignored).
 */
export function parseFields(raw: string | undefined): string[] {
  if (!raw) return [];
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of raw) {
    if (char === '{' || char === '(') depth += 1;
    else if (char === '}' || char === ')') depth -= 1;
    else if (char === ',' && depth === 0) {
      names.push(current);
      current = '';
      continue;
    }
    if (depth === 0 && char !== '}' && char !== ')') current += char;
  }
  names.push(current);
  return names.map((name) => name.split('.')[0]!.trim()).filter(Boolean);
}

/**
 * Picks `fields` (default `defaults`) from `node`, throwing Graph's nonexisting-field error for the
 * first name not in `allowed`. Fields whose value is undefined are left out, as Graph does.
 */
export function selectFields(
  node: Record<string, unknown>,
  raw: string | undefined,
  allowed: readonly string[],
  nodeType: string,
  defaults: readonly string[] = ['id'],
): Record<string, unknown> {
  const fields = parseFields(raw);
  const wanted = fields.length > 0 ? fields : defaults;
  for (const field of wanted) if (!allowed.includes(field)) throw nonexistingField(field, nodeType);
  const out: Record<string, unknown> = {};
  // Graph always echoes the id of the node it read.
  for (const field of new Set(['id', ...wanted])) if (node[field] !== undefined) out[field] = node[field];
  return out;
}
