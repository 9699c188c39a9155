// Fills the NocoDB ids (and the vault's events secret) into the n8n workflow files, which carry placeholders.
import fs from 'node:fs';
import path from 'node:path';

/** The repository's workflows (with placeholders) and where the filled-in copies go. */
export const WORKFLOWS_DIR = path.resolve(__dirname, '..', '..', 'n8n', 'workflows');
export const RENDERED_WORKFLOWS_DIR = path.resolve(__dirname, '..', '..', 'n8n', 'build');

/** Placeholder of the NocoDB base id in a workflow file. */
export const BASE_PLACEHOLDER = '__NOCODB_BASE_ID__';
/** Placeholder of a table id: `__NOCODB_TABLE_<title>__`. */
export const tablePlaceholder = (title: string): string => `__NOCODB_TABLE_${title}__`;
/** Matches any NocoDB placeholder, capturing the table title (undefined for the base). */
export const PLACEHOLDER_PATTERN = /__NOCODB_(?:BASE_ID|TABLE_([a-z][a-z0-9_]*))__/g;

/** Placeholder of VAULT_EVENTS_SECRET, the HMAC key the reconnect-alert workflow checks events with. */
export const EVENTS_SECRET_PLACEHOLDER = '__VAULT_EVENTS_SECRET__';

export interface RenderValues {
  baseId: string;
  /** Table title → NocoDB table id. */
  tableIds: Record<string, string>;
  /** VAULT_EVENTS_SECRET; when absent its placeholder stays (and every event is refused as unsigned). */
  eventsSecret?: string;
}

/**
 * Replaces every placeholder in one workflow's text. The secret is JSON-escaped, since it lands in a string.
 * @throws Error naming a placeholder whose table has no id (the schema and the workflow disagree).
 */
export function fillPlaceholders(text: string, values: RenderValues): string {
  const filled = text.replace(PLACEHOLDER_PATTERN, (placeholder, table: string | undefined) => {
    if (table === undefined) return values.baseId;
    const id = values.tableIds[table];
    if (!id) throw new Error(`${placeholder}: no NocoDB table "${table}" (is it in nocodb/schema.json?)`);
    return id;
  });
  if (!values.eventsSecret) return filled;
  return filled.split(EVENTS_SECRET_PLACEHOLDER).join(JSON.stringify(values.eventsSecret).slice(1, -1));
}

export interface RenderResult {
  written: string[];
  /** Files still holding the events-secret placeholder (VAULT_EVENTS_SECRET was not given). */
  withoutSecret: string[];
}

/**
 * Writes a filled-in copy of every `*.json` of `sourceDir` into `outDir` (created 0755, files 0644: the n8n
 * container imports them as its own user, `node`, from the read-only mount of `./n8n`). The copies hold the
 * events secret, so `n8n/build/` is git-ignored; keep the checkout itself private to its owner.
 */
export function renderWorkflows(
  values: RenderValues,
  sourceDir = WORKFLOWS_DIR,
  outDir = RENDERED_WORKFLOWS_DIR,
): RenderResult {
  fs.mkdirSync(outDir, { recursive: true, mode: 0o755 });
  const result: RenderResult = { written: [], withoutSecret: [] };
  for (const name of fs
    .readdirSync(sourceDir)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const target = path.join(outDir, name);
    const text = fillPlaceholders(fs.readFileSync(path.join(sourceDir, name), 'utf8'), values);
    fs.writeFileSync(target, text);
    // writeFileSync's mode applies only to a new file (and passes through the umask): set it every time.
    fs.chmodSync(target, 0o644);
    result.written.push(target);
    if (text.includes(EVENTS_SECRET_PLACEHOLDER)) result.withoutSecret.push(target);
  }
  return result;
}
