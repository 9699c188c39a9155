// A small, strict fake of NocoDB's v2 meta API (bases, tables, columns, views, filters) for the bootstrap tests.
// It refuses what real NocoDB refuses that matters here: missing/wrong token, duplicate table or column
// names, a table without a primary key, unknown column types, select columns without their choices.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeColumn {
  id: string;
  title: string;
  column_name: string;
  uidt: string;
  pk: boolean;
  dtxp?: string | null;
  colOptions?: { options: { title: string }[] };
}
export interface FakeView {
  id: string;
  title: string;
  type: number;
  filters: { fk_column_id: string; comparison_op: string; value: string }[];
}
export interface FakeTable {
  id: string;
  title: string;
  table_name: string;
  columns: FakeColumn[];
  views: FakeView[];
  rows: Record<string, unknown>[];
}
export interface FakeBase {
  id: string;
  title: string;
  tables: FakeTable[];
}

const UI_TYPES = new Set([
  'ID',
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
  'Email',
  'PhoneNumber',
  'Attachment',
  'Rating',
  'Currency',
  'Percent',
]);
const COMPARISON_OPS = new Set(['eq', 'neq', 'like', 'nlike', 'gt', 'lt', 'ge', 'le', 'blank', 'notblank']);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const newId = (prefix: string): string => `${prefix}${crypto.randomBytes(7).toString('hex')}`;

export class FakeNocoDb {
  readonly bases: FakeBase[] = [];
  /** Every request as `METHOD path`. */
  readonly requests: string[] = [];
  private server?: http.Server;
  private readonly jwt = `jwt.${crypto.randomBytes(12).toString('hex')}`;

  constructor(
    readonly apiToken: string,
    private readonly admin = { email: 'admin@example.com', password: 'admin-password-1' },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Write requests (anything but GET and the sign-in). */
  get writes(): string[] {
    return this.requests.filter((request) => !request.startsWith('GET ') && !request.includes('/auth/'));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  table(title: string): FakeTable | undefined {
    return this.bases.flatMap((base) => base.tables).find((table) => table.title === title);
  }

  /** Seeds a table the way an older schema (or a person) left it, with rows. */
  seedTable(
    baseTitle: string,
    title: string,
    columns: { name: string; uidt: string }[],
    rows: Record<string, unknown>[],
  ): FakeTable {
    let base = this.bases.find((candidate) => candidate.title === baseTitle);
    if (!base) {
      base = { id: newId('p'), title: baseTitle, tables: [] };
      this.bases.push(base);
    }
    const table: FakeTable = {
      id: newId('m'),
      title,
      table_name: title,
      columns: [
        { id: newId('c'), title: 'Id', column_name: 'id', uidt: 'ID', pk: true },
        ...columns.map((c) => ({
          id: newId('c'),
          title: c.name,
          column_name: c.name,
          uidt: c.uidt,
          pk: false,
        })),
      ],
      views: [{ id: newId('vw'), title, type: 3, filters: [] }],
      rows,
    };
    base.tables.push(table);
    return table;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
    this.requests.push(`${method} ${path}`);
    try {
      const body = await readJson(req);
      const answer = this.route(method, path, body, req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ msg: (error as Error).message }));
    }
  }

  private route(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    headers: http.IncomingHttpHeaders,
  ): unknown {
    if (method === 'POST' && path === '/api/v1/auth/user/signin') {
      if (body?.email !== this.admin.email || body?.password !== this.admin.password) {
        throw new HttpError(400, 'Email or Password is invalid');
      }
      return { token: this.jwt };
    }
    if (headers['xc-token'] !== this.apiToken && headers['xc-auth'] !== this.jwt) {
      throw new HttpError(401, 'Authentication required - invalid token');
    }
    let match: RegExpMatchArray | null;
    if (path === '/api/v2/meta/bases') {
      if (method === 'GET') return paged(this.bases.map(({ id, title }) => ({ id, title })));
      if (method === 'POST') {
        if (typeof body?.title !== 'string' || !body.title) throw new HttpError(400, 'Missing base title');
        const base: FakeBase = { id: newId('p'), title: body.title, tables: [] };
        this.bases.push(base);
        return { id: base.id, title: base.title };
      }
    }
    if ((match = path.match(/^\/api\/v2\/meta\/bases\/([^/]+)\/tables$/))) {
      const base = this.bases.find((candidate) => candidate.id === match![1]);
      if (!base) throw new HttpError(404, `Base '${match[1]}' not found`);
      if (method === 'GET')
        return paged(base.tables.map(({ id, title, table_name }) => ({ id, title, table_name })));
      if (method === 'POST') return this.createTable(base, body);
    }
    if ((match = path.match(/^\/api\/v2\/meta\/tables\/([^/]+)(\/columns|\/views|\/grids)?$/))) {
      const table = this.bases.flatMap((base) => base.tables).find((candidate) => candidate.id === match![1]);
      if (!table) throw new HttpError(404, `Table '${match[1]}' not found`);
      const sub = match[2];
      if (!sub && method === 'GET')
        return { id: table.id, title: table.title, table_name: table.table_name, columns: table.columns };
      if (sub === '/columns' && method === 'POST') return this.addColumn(table, body);
      if (sub === '/views' && method === 'GET')
        return paged(table.views.map(({ id, title, type }) => ({ id, title, type })));
      if (sub === '/grids' && method === 'POST') {
        if (typeof body?.title !== 'string' || !body.title) throw new HttpError(400, 'Missing view title');
        if (table.views.some((view) => view.title === body.title))
          throw new HttpError(400, 'Duplicate view name');
        const view: FakeView = { id: newId('vw'), title: body.title, type: 3, filters: [] };
        table.views.push(view);
        return { id: view.id, title: view.title, type: view.type };
      }
    }
    if ((match = path.match(/^\/api\/v2\/meta\/views\/([^/]+)\/filters$/)) && method === 'POST') {
      const table = this.bases
        .flatMap((base) => base.tables)
        .find((t) => t.views.some((v) => v.id === match![1]));
      const view = table?.views.find((v) => v.id === match![1]);
      if (!table || !view) throw new HttpError(404, `View '${match[1]}' not found`);
      if (!table.columns.some((column) => column.id === body?.fk_column_id))
        throw new HttpError(400, 'Field not found');
      if (typeof body?.comparison_op !== 'string' || !COMPARISON_OPS.has(body.comparison_op)) {
        throw new HttpError(400, 'Invalid comparison operator');
      }
      view.filters.push({
        fk_column_id: String(body.fk_column_id),
        comparison_op: body.comparison_op,
        value: String(body.value),
      });
      return { id: newId('fi'), ...body };
    }
    throw new HttpError(404, `Cannot ${method} ${path}`);
  }

  private createTable(base: FakeBase, body: Record<string, unknown> | undefined): unknown {
    if (typeof body?.table_name !== 'string' || !body.table_name)
      throw new HttpError(400, 'Missing table name `table_name` property in request body');
    const title = typeof body.title === 'string' && body.title ? body.title : body.table_name;
    if (base.tables.some((table) => table.table_name === body.table_name))
      throw new HttpError(400, 'Duplicate table name');
    if (base.tables.some((table) => table.title === title)) throw new HttpError(400, 'Duplicate table alias');
    if (!Array.isArray(body.columns)) throw new HttpError(400, 'columns must be an array');
    const columns = body.columns.map((raw: unknown) => checkColumn(raw, 'dtxp'));
    if (columns.filter((column) => column.pk).length !== 1)
      throw new HttpError(400, 'A table needs exactly one primary key column');
    const names = columns.map((column) => column.column_name);
    if (new Set(names).size !== names.length) throw new HttpError(400, 'Duplicate column name');
    const table: FakeTable = {
      id: newId('m'),
      title,
      table_name: body.table_name,
      columns,
      views: [],
      rows: [],
    };
    table.views.push({ id: newId('vw'), title, type: 3, filters: [] });
    base.tables.push(table);
    return { id: table.id, title: table.title, table_name: table.table_name, columns };
  }

  private addColumn(table: FakeTable, body: Record<string, unknown> | undefined): unknown {
    const column = checkColumn(body, 'colOptions');
    if (column.pk) throw new HttpError(400, 'A table already has a primary key');
    if (
      table.columns.some(
        (existing) => existing.column_name === column.column_name || existing.title === column.title,
      )
    ) {
      throw new HttpError(400, 'Duplicate column name');
    }
    table.columns.push(column);
    return { id: table.id, columns: table.columns };
  }
}

/** Validates a column payload; select columns need their choices (`dtxp` on create-table, `colOptions` on add-column). */
function checkColumn(raw: unknown, selectChoicesIn: 'dtxp' | 'colOptions'): FakeColumn {
  if (typeof raw !== 'object' || raw === null) throw new HttpError(400, 'column must be an object');
  const column = raw as Record<string, unknown>;
  if (typeof column.column_name !== 'string' || !/^[a-z_][a-z0-9_]*$/i.test(column.column_name)) {
    throw new HttpError(400, 'Invalid column name');
  }
  if (typeof column.uidt !== 'string' || !UI_TYPES.has(column.uidt))
    throw new HttpError(400, `Invalid uidt ${String(column.uidt)}`);
  const select = column.uidt === 'SingleSelect' || column.uidt === 'MultiSelect';
  const colOptions = column.colOptions as { options?: { title?: unknown }[] } | undefined;
  if (select && selectChoicesIn === 'dtxp' && (typeof column.dtxp !== 'string' || !column.dtxp)) {
    throw new HttpError(400, 'Select column without options (dtxp)');
  }
  if (
    select &&
    selectChoicesIn === 'colOptions' &&
    !colOptions?.options?.every((o) => typeof o.title === 'string')
  ) {
    throw new HttpError(400, 'Select column without options (colOptions)');
  }
  return {
    id: newId('c'),
    title: typeof column.title === 'string' && column.title ? column.title : column.column_name,
    column_name: column.column_name,
    uidt: column.uidt,
    pk: column.uidt === 'ID' || column.pk === true,
    ...(select ? { dtxp: typeof column.dtxp === 'string' ? column.dtxp : null } : {}),
    ...(select && colOptions?.options
      ? { colOptions: { options: colOptions.options.map((o) => ({ title: String(o.title) })) } }
      : {}),
  };
}

function paged<T>(list: T[]): {
  list: T[];
  pageInfo: { totalRows: number; isFirstPage: boolean; isLastPage: boolean };
} {
  return { list, pageInfo: { totalRows: list.length, isFirstPage: true, isLastPage: true } };
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpError(415, 'Content-Type must be application/json');
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'Malformed JSON');
  }
}
