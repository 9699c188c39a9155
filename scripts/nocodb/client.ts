// A small client for the NocoDB v2 meta API (bases, tables, columns, views, filters) used by the bootstrap.
// Endpoints: https://nocodb.com/apis/v2/meta — authenticated with `xc-token` (an API token) or `xc-auth`
// (the JWT of a sign-in).

/** How the client authenticates: an API token (Account settings → Tokens) or a sign-in JWT. */
export type NocoAuth = { apiToken: string } | { authToken: string };

export interface NocoBase {
  id: string;
  title: string;
}

export interface NocoColumn {
  id: string;
  title: string;
  column_name: string;
  uidt: string;
  pk?: boolean;
  system?: boolean;
  dtxp?: string | null;
  colOptions?: { options?: { title: string }[] };
}

export interface NocoTable {
  id: string;
  title: string;
  table_name: string;
  columns?: NocoColumn[];
}

export interface NocoView {
  id: string;
  title: string;
  type?: number;
}

/** The column payload NocoDB's create-table and add-column endpoints take. */
export interface NocoColumnRequest {
  column_name: string;
  title: string;
  uidt: string;
  pk?: boolean;
  ai?: boolean;
  description?: string;
  dtxp?: string;
  colOptions?: { options: { title: string }[] };
}

/** A NocoDB answer other than 2xx; the message carries NocoDB's own `msg`/`message`, never a credential. */
export class NocoApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    detail: string,
  ) {
    super(`NocoDB ${method} ${path} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'NocoApiError';
  }
}

/** Every request the client made, for dry runs and tests. */
export interface RecordedRequest {
  method: string;
  path: string;
}

export class NocoMetaClient {
  readonly requests: RecordedRequest[] = [];
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly auth: NocoAuth,
    private readonly timeoutMs = 15_000,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Signs in with e-mail and password (`POST /api/v1/auth/user/signin`) and returns an `xc-auth` client. */
  static async signIn(
    baseUrl: string,
    email: string,
    password: string,
    timeoutMs = 15_000,
  ): Promise<NocoMetaClient> {
    const anonymous = new NocoMetaClient(baseUrl, { authToken: '' }, timeoutMs);
    const answer = await anonymous.request<{ token?: string }>('POST', '/api/v1/auth/user/signin', {
      email,
      password,
    });
    if (!answer.token) throw new Error('NocoDB sign-in answered without a token');
    return new NocoMetaClient(baseUrl, { authToken: answer.token }, timeoutMs);
  }

  listBases(): Promise<NocoBase[]> {
    return this.list<NocoBase>('/api/v2/meta/bases');
  }

  createBase(title: string): Promise<NocoBase> {
    return this.request('POST', '/api/v2/meta/bases', { title });
  }

  listTables(baseId: string): Promise<NocoTable[]> {
    return this.list<NocoTable>(`/api/v2/meta/bases/${encodeURIComponent(baseId)}/tables`);
  }

  createTable(
    baseId: string,
    table: { table_name: string; title: string; columns: NocoColumnRequest[] },
  ): Promise<NocoTable> {
    return this.request('POST', `/api/v2/meta/bases/${encodeURIComponent(baseId)}/tables`, table);
  }

  /** The table with its columns. */
  getTable(tableId: string): Promise<NocoTable> {
    return this.request('GET', `/api/v2/meta/tables/${encodeURIComponent(tableId)}`);
  }

  async addColumn(tableId: string, column: NocoColumnRequest): Promise<void> {
    await this.request('POST', `/api/v2/meta/tables/${encodeURIComponent(tableId)}/columns`, column);
  }

  listViews(tableId: string): Promise<NocoView[]> {
    return this.list<NocoView>(`/api/v2/meta/tables/${encodeURIComponent(tableId)}/views`);
  }

  createGridView(tableId: string, title: string): Promise<NocoView> {
    return this.request('POST', `/api/v2/meta/tables/${encodeURIComponent(tableId)}/grids`, { title });
  }

  async addViewFilter(
    viewId: string,
    filter: { fk_column_id: string; comparison_op: string; value: string },
  ): Promise<void> {
    await this.request('POST', `/api/v2/meta/views/${encodeURIComponent(viewId)}/filters`, filter);
  }

  private async list<T>(path: string): Promise<T[]> {
    const answer = await this.request<{ list?: T[] }>('GET', path);
    if (!Array.isArray(answer.list)) throw new NocoApiError('GET', path, 200, 'the answer has no "list"');
    return answer.list;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    this.requests.push({ method, path });
    const headers: Record<string, string> = { accept: 'application/json' };
    if ('apiToken' in this.auth) headers['xc-token'] = this.auth.apiToken;
    else if (this.auth.authToken) headers['xc-auth'] = this.auth.authToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(
        `NocoDB ${method} ${path} failed: ${(error as Error).message} (is NocoDB up at ${this.baseUrl}?)`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const detail =
        parsed && typeof parsed === 'object'
          ? String(
              (parsed as { msg?: unknown; message?: unknown }).msg ??
                (parsed as { message?: unknown }).message ??
                '',
            )
          : text.slice(0, 200);
      throw new NocoApiError(method, path, response.status, detail);
    }
    if (parsed === undefined) throw new NocoApiError(method, path, response.status, 'the answer is not JSON');
    return parsed as T;
  }
}
