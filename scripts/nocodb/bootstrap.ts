// Applies the declarative schema to a NocoDB instance: creates what is missing, never drops or alters anything.
import type { NocoColumn, NocoColumnRequest, NocoMetaClient, NocoTable } from './client';
import type { ColumnSpec, NocoSchema, TableSpec } from './schema';

/** What one run found and did; with `dryRun` the changes are what it would do. */
export interface BootstrapReport {
  baseId: string | null;
  /** Table title → NocoDB table id (null in a dry run for tables not created yet). */
  tableIds: Record<string, string | null>;
  /** One line per change, e.g. `create table insights (20 columns)`, `add column posts.views`. */
  changes: string[];
  /** Differences left alone on purpose, e.g. a column whose type differs from the schema. */
  warnings: string[];
}

export interface BootstrapOptions {
  dryRun?: boolean;
  /** Progress lines (each change as it is made). */
  log?: (line: string) => void;
}

/** The request body of one schema column (select choices both as dtxp and colOptions, as NocoDB's UI sends). */
export function toColumnRequest(column: ColumnSpec): NocoColumnRequest {
  const request: NocoColumnRequest = { column_name: column.name, title: column.name, uidt: column.uidt };
  if (column.description) request.description = column.description;
  if (column.options) {
    request.dtxp = column.options.map((option) => `'${option}'`).join(',');
    request.colOptions = { options: column.options.map((title) => ({ title })) };
  }
  return request;
}

/** NocoDB's auto-increment primary key, added to every table the bootstrap creates. */
export const ID_COLUMN: NocoColumnRequest = {
  column_name: 'id',
  title: 'Id',
  uidt: 'ID',
  pk: true,
  ai: true,
};

const findColumn = (columns: NocoColumn[], name: string): NocoColumn | undefined =>
  columns.find((column) => column.column_name === name || column.title === name);

function selectOptions(column: NocoColumn): string[] {
  const fromColOptions = column.colOptions?.options?.map((option) => option.title);
  if (fromColOptions?.length) return fromColOptions;
  return (column.dtxp ?? '')
    .split(',')
    .map((option) => option.trim().replace(/^'|'$/g, ''))
    .filter(Boolean);
}

/** Compares one existing table with its spec: the columns to add, and warnings for differing ones. */
export function diffColumns(
  spec: TableSpec,
  existing: NocoColumn[],
): { missing: ColumnSpec[]; warnings: string[] } {
  const missing: ColumnSpec[] = [];
  const warnings: string[] = [];
  for (const column of spec.columns) {
    const found = findColumn(existing, column.name);
    if (!found) {
      missing.push(column);
      continue;
    }
    if (found.uidt !== column.uidt) {
      warnings.push(
        `${spec.title}.${column.name} is ${found.uidt} in NocoDB, ${column.uidt} in the schema: left as it is`,
      );
    } else if (column.options) {
      const absent = column.options.filter((option) => !selectOptions(found).includes(option));
      if (absent.length) {
        warnings.push(
          `${spec.title}.${column.name} lacks the options ${absent.join(', ')}: add them in NocoDB`,
        );
      }
    }
  }
  return { missing, warnings };
}

/**
 * Brings NocoDB up to `schema`: the base, each table, each missing column, each missing view (with its
 * filter). Idempotent: a second run finds everything and makes no write request. Existing data, extra
 * columns and differing column types are never touched (differences become warnings).
 * @throws NocoApiError when NocoDB refuses a request (e.g. 401 for a bad token).
 */
export async function bootstrapNocoDb(
  client: NocoMetaClient,
  schema: NocoSchema,
  options: BootstrapOptions = {},
): Promise<BootstrapReport> {
  const { dryRun = false, log = () => undefined } = options;
  const report: BootstrapReport = { baseId: null, tableIds: {}, changes: [], warnings: [] };
  const change = (line: string): void => {
    report.changes.push(line);
    log(`${dryRun ? 'would ' : ''}${line}`);
  };

  let base = (await client.listBases()).find((candidate) => candidate.title === schema.base);
  if (!base) {
    change(`create base ${schema.base}`);
    if (dryRun) {
      for (const table of schema.tables)
        change(`create table ${table.title} (${table.columns.length + 1} columns)`);
      for (const view of schema.views) change(`create view ${view.table}/${view.title}`);
      for (const table of schema.tables) report.tableIds[table.title] = null;
      return report;
    }
    base = await client.createBase(schema.base);
  }
  report.baseId = base.id;

  const existingTables = await client.listTables(base.id);
  const tables = new Map<string, NocoTable>();
  for (const spec of schema.tables) {
    const found = existingTables.find((table) => table.title === spec.title);
    if (!found) {
      change(`create table ${spec.title} (${spec.columns.length + 1} columns)`);
      report.tableIds[spec.title] = null;
      if (dryRun) continue;
      const created = await client.createTable(base.id, {
        table_name: spec.title,
        title: spec.title,
        columns: [ID_COLUMN, ...spec.columns.map(toColumnRequest)],
      });
      report.tableIds[spec.title] = created.id;
      tables.set(spec.title, await client.getTable(created.id));
      continue;
    }
    report.tableIds[spec.title] = found.id;
    const current = await client.getTable(found.id);
    const { missing, warnings } = diffColumns(spec, current.columns ?? []);
    report.warnings.push(...warnings);
    for (const column of missing) {
      change(`add column ${spec.title}.${column.name} (${column.uidt})`);
      if (!dryRun) await client.addColumn(found.id, toColumnRequest(column));
    }
    tables.set(spec.title, missing.length && !dryRun ? await client.getTable(found.id) : current);
  }

  for (const view of schema.views) {
    const table = tables.get(view.table);
    if (!table) {
      change(`create view ${view.table}/${view.title}`);
      continue;
    }
    const views = await client.listViews(table.id);
    if (views.some((candidate) => candidate.title === view.title)) continue;
    change(`create view ${view.table}/${view.title} (${view.filter.column} = ${view.filter.eq})`);
    if (dryRun) continue;
    const column = findColumn(table.columns ?? [], view.filter.column);
    if (!column) {
      report.warnings.push(
        `view ${view.title}: column ${view.filter.column} not found, view left unfiltered`,
      );
    }
    const created = await client.createGridView(table.id, view.title);
    if (column) {
      await client.addViewFilter(created.id, {
        fk_column_id: column.id,
        comparison_op: 'eq',
        value: view.filter.eq,
      });
    }
  }
  for (const warning of report.warnings) log(`warning: ${warning}`);
  return report;
}
