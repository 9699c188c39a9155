// NocoDB for `pnpm test:n8n`: started the way its Docker image starts it (Noco.init), an API token, table rows.
import fs from 'node:fs';
import path from 'node:path';
import { NocoMetaClient } from '../nocodb/client';

/**
 * Writes the start script (what NocoDB's image runs: an express app with `Noco.init`) into `workDir` and
 * returns its path; run it with Node 22 and `NOCODB_DIR`, `PORT`, `NC_DB` in the environment.
 */
export function writeNocoStartScript(workDir: string): string {
  const file = path.join(workDir, 'nocodb-start.js');
  fs.writeFileSync(
    file,
    `// Written by pnpm test:n8n: NocoDB as its Docker image starts it.
const dir = process.env.NOCODB_DIR + '/node_modules/';
const app = require(dir + 'express')();
const { Noco } = require(dir + 'nocodb');
(async () => {
  const httpServer = app.listen(Number(process.env.PORT), '127.0.0.1');
  app.use(await Noco.init({}, httpServer, app));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
  );
  return file;
}

/** A signed-in NocoDB super admin: an API token for n8n, table ids, rows. */
export class NocoData {
  private constructor(
    readonly baseUrl: string,
    private readonly authToken: string,
    readonly meta: NocoMetaClient,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<NocoData> {
    const response = await fetch(`${baseUrl}/api/v1/auth/user/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!token) throw new Error(`NocoDB sign-in failed (${response.status})`);
    return new NocoData(baseUrl, token, new NocoMetaClient(baseUrl, { authToken: token }));
  }

  /** A new API token (`POST /api/v1/tokens`), what n8n's NocoDB credential holds. */
  async createApiToken(description: string): Promise<string> {
    const created = await this.request<{ token: string }>('POST', '/api/v1/tokens', { description });
    return created.token;
  }

  /** Table title → id in the base `baseTitle`. */
  async tableIds(baseTitle: string): Promise<Record<string, string>> {
    const base = (await this.meta.listBases()).find((candidate) => candidate.title === baseTitle);
    if (!base) throw new Error(`NocoDB has no base "${baseTitle}"`);
    const tables = await this.meta.listTables(base.id);
    return Object.fromEntries(tables.map((table) => [table.title, table.id]));
  }

  /** Every row of a table (up to 1,000). */
  async rows(tableId: string): Promise<Record<string, unknown>[]> {
    const page = await this.request<{ list: Record<string, unknown>[] }>(
      'GET',
      `/api/v2/tables/${tableId}/records?limit=1000`,
    );
    return page.list;
  }

  async insert(tableId: string, row: Record<string, unknown>): Promise<void> {
    await this.request('POST', `/api/v2/tables/${tableId}/records`, row);
  }

  private async request<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', 'xc-auth': this.authToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`NocoDB ${method} ${pathname} → ${response.status}: ${text.slice(0, 400)}`);
    return JSON.parse(text) as T;
  }
}
