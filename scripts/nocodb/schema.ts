// The declarative NocoDB schema (nocodb/schema.json): its types, loading and validation.
import fs from 'node:fs';
import path from 'node:path';

/** NocoDB column types (`uidt`) the schema may use; each maps to a real NocoDB UI type. */
export const COLUMN_TYPES = [
  'SingleLineText',
  'LongText',
  'Number',
  'Decimal',
  'Checkbox',
  'Date',
  'DateTime',
  'URL',
  'JSON',
  'SingleSelect',
  'MultiSelect',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** One column; `name` is both NocoDB's column_name and its title (n8n maps fields by title). */
export interface ColumnSpec {
  name: string;
  uidt: ColumnType;
  /** Choices of a SingleSelect / MultiSelect column. */
  options?: string[];
  description?: string;
}

export interface TableSpec {
  title: string;
  description?: string;
  columns: ColumnSpec[];
}

/** A grid view of `table` showing the rows whose `filter.column` equals `filter.eq`. */
export interface ViewSpec {
  table: string;
  title: string;
  filter: { column: string; eq: string };
}

export interface NocoSchema {
  /** Title of the NocoDB base (project) the tables live in. */
  base: string;
  tables: TableSpec[];
  views: ViewSpec[];
}

/** The repository's schema file. */
export const DEFAULT_SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'nocodb', 'schema.json');

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const SELECT_TYPES: readonly string[] = ['SingleSelect', 'MultiSelect'];

function fail(where: string, message: string): never {
  throw new Error(`nocodb schema: ${where} ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkColumn(raw: unknown, where: string): ColumnSpec {
  if (!isRecord(raw)) fail(where, 'must be an object');
  const { name, uidt, options, description } = raw;
  if (typeof name !== 'string' || !NAME.test(name)) fail(where, 'needs a snake_case "name"');
  if (name === 'id') fail(where, '"id" is added by the bootstrap (NocoDB ID column)');
  if (typeof uidt !== 'string' || !(COLUMN_TYPES as readonly string[]).includes(uidt)) {
    fail(`${where} (${name})`, `has uidt ${String(uidt)}; use one of ${COLUMN_TYPES.join(', ')}`);
  }
  if (SELECT_TYPES.includes(uidt)) {
    if (
      !Array.isArray(options) ||
      options.length === 0 ||
      !options.every((o) => typeof o === 'string' && o)
    ) {
      fail(`${where} (${name})`, 'is a select column and needs a non-empty "options" list of strings');
    }
    if (new Set(options).size !== options.length) fail(`${where} (${name})`, 'repeats an option');
    if (options.some((o: string) => /[',]/.test(o))) fail(`${where} (${name})`, "has an option with , or '");
  } else if (options !== undefined) {
    fail(`${where} (${name})`, 'has "options" but is not a select column');
  }
  if (description !== undefined && typeof description !== 'string') fail(where, 'description must be text');
  return {
    name,
    uidt: uidt as ColumnType,
    ...(options ? { options: options as string[] } : {}),
    ...(description ? { description } : {}),
  };
}

/**
 * Validates a parsed schema document.
 * @throws Error naming the first bad table, column or view.
 */
export function parseSchema(document: unknown): NocoSchema {
  if (!isRecord(document)) fail('document', 'must be an object');
  const { base, tables, views = [] } = document;
  if (typeof base !== 'string' || base.trim() === '') fail('"base"', 'must be a title');
  if (!Array.isArray(tables) || tables.length === 0) fail('"tables"', 'must be a non-empty list');
  const parsedTables = tables.map((raw: unknown, index): TableSpec => {
    const where = `tables[${index}]`;
    if (!isRecord(raw)) fail(where, 'must be an object');
    if (typeof raw.title !== 'string' || !NAME.test(raw.title)) fail(where, 'needs a snake_case "title"');
    if (!Array.isArray(raw.columns) || raw.columns.length === 0)
      fail(`${where} (${raw.title})`, 'has no columns');
    const columns = raw.columns.map((column: unknown, i) =>
      checkColumn(column, `${raw.title}.columns[${i}]`),
    );
    const names = columns.map((column) => column.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated) fail(`table ${raw.title}`, `repeats column ${repeated}`);
    return {
      title: raw.title,
      columns,
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    };
  });
  const titles = parsedTables.map((table) => table.title);
  const repeatedTable = titles.find((title, i) => titles.indexOf(title) !== i);
  if (repeatedTable) fail('"tables"', `repeat ${repeatedTable}`);
  if (!Array.isArray(views)) fail('"views"', 'must be a list');
  const parsedViews = views.map((raw: unknown, index): ViewSpec => {
    const where = `views[${index}]`;
    if (!isRecord(raw) || !isRecord(raw.filter)) fail(where, 'needs table, title and filter {column, eq}');
    const { table, title, filter } = raw as {
      table: unknown;
      title: unknown;
      filter: Record<string, unknown>;
    };
    const target = parsedTables.find((t) => t.title === table);
    if (!target) fail(where, `refers to unknown table ${String(table)}`);
    if (typeof title !== 'string' || !NAME.test(title)) fail(where, 'needs a snake_case "title"');
    if (titles.includes(title)) fail(where, `title ${title} is also a table title`);
    const column = target.columns.find((c) => c.name === filter.column);
    if (!column) fail(where, `filters on unknown column ${String(filter.column)}`);
    if (typeof filter.eq !== 'string') fail(where, 'filter.eq must be text');
    if (column.options && !column.options.includes(filter.eq))
      fail(where, `filters on unknown option ${filter.eq}`);
    return { table: target.title, title, filter: { column: column.name, eq: filter.eq } };
  });
  const viewTitles = parsedViews.map((view) => view.title);
  const repeatedView = viewTitles.find((title, i) => viewTitles.indexOf(title) !== i);
  if (repeatedView) fail('"views"', `repeat ${repeatedView}`);
  return { base: base.trim(), tables: parsedTables, views: parsedViews };
}

/** Reads and validates a schema file (default: nocodb/schema.json). */
export function loadSchema(file: string = DEFAULT_SCHEMA_FILE): NocoSchema {
  return parseSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
}
