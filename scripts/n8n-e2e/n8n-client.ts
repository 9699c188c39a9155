// The parts of n8n's editor REST API (`/rest`, as its UI uses it) that `pnpm test:n8n` drives: owner, credentials,
// activation, manual runs and executions. Checked against n8n 2.40.7.
import path from 'node:path';

/** One execution as `GET /rest/executions/:id` answers it, with its run data parsed. */
export interface N8nExecution {
  id: string;
  status: string;
  workflowId: string;
  /** Output items of each node that ran, by node name (first run, main output 0). */
  outputs: Record<string, Record<string, unknown>[]>;
  /** The execution's error message, when it failed. */
  error: string | null;
}

/** A signed-in n8n owner session (the `n8n-auth` cookie). */
export class N8nClient {
  private cookie = '';

  constructor(
    readonly baseUrl: string,
    private readonly n8nPackageDir: string,
  ) {}

  /** Creates the owner on a fresh n8n (`POST /rest/owner/setup`), which also signs in. */
  async setupOwner(email: string, password: string): Promise<void> {
    await this.request('POST', '/rest/owner/setup', {
      email,
      firstName: 'Socialvault',
      lastName: 'E2E',
      password,
    });
  }

  /** Creates a credential (`POST /rest/credentials`) and returns its id. */
  async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<string> {
    const created = await this.request<{ id: string }>('POST', '/rest/credentials', { name, type, data });
    return created.id;
  }

  /** `GET /rest/workflows/:id`. */
  workflow(
    id: string,
  ): Promise<{ active: boolean; versionId: string; nodes: { name: string; credentials?: unknown }[] }> {
    return this.request('GET', `/rest/workflows/${id}`);
  }

  /** Activates (publishes) the workflow's current version: its triggers and webhooks go live. */
  async activate(id: string): Promise<void> {
    const { versionId } = await this.workflow(id);
    await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
  }

  /** Runs the saved workflow from `trigger` as the editor's "Execute workflow" does; returns the execution id. */
  async run(id: string, trigger: string): Promise<string> {
    const started = await this.request<{ executionId?: string }>('POST', `/rest/workflows/${id}/run`, {
      triggerToStartFrom: { name: trigger },
    });
    if (!started.executionId)
      throw new Error(`n8n started no execution of ${id}: ${JSON.stringify(started)}`);
    return started.executionId;
  }

  /** Waits until the execution has finished and returns it (throws after `timeoutMs`). */
  async finished(executionId: string, timeoutMs = 180_000): Promise<N8nExecution> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const execution = await this.execution(executionId);
      if (!['new', 'running', 'waiting'].includes(execution.status)) return execution;
      if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${execution.status}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** The executions of one workflow, newest first (`GET /rest/executions`). */
  async executionsOf(workflowId: string): Promise<{ id: string; status: string }[]> {
    const filter = encodeURIComponent(JSON.stringify({ workflowId }));
    const list = await this.request<{ results: { id: string; status: string }[] }>(
      'GET',
      `/rest/executions?filter=${filter}`,
    );
    return list.results;
  }

  /** One execution with its run data (stored by n8n in the `flatted` format). */
  async execution(executionId: string): Promise<N8nExecution> {
    const raw = await this.request<{ id: string; status: string; workflowId: string; data: string }>(
      'GET',
      `/rest/executions/${executionId}`,
    );
    // flatted comes with n8n; reading it from there keeps the repository free of a dependency only this needs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const flatted = require(path.join(this.n8nPackageDir, 'node_modules', 'flatted')) as {
      parse: (text: string) => unknown;
    };
    const data = ((raw.data ? flatted.parse(raw.data) : null) ?? {}) as {
      resultData?: {
        runData?: Record<string, { data?: { main?: ({ json: Record<string, unknown> }[] | null)[] } }[]>;
        error?: { message?: string; description?: string };
      };
    };
    const outputs: N8nExecution['outputs'] = {};
    for (const [node, runs] of Object.entries(data.resultData?.runData ?? {})) {
      outputs[node] = (runs[0]?.data?.main?.[0] ?? []).map((item) => item.json);
    }
    const error = data.resultData?.error;
    return {
      id: raw.id,
      status: raw.status,
      workflowId: raw.workflowId,
      outputs,
      error: error ? [error.message, error.description].filter(Boolean).join(': ') : null,
    };
  }

  private async request<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const send = () =>
      fetch(`${this.baseUrl}${pathname}`, {
        method,
        headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // n8n closes idle keep-alive connections; a GET that met a closing one is sent once more.
    const response = await send().catch((error: unknown) => {
      if (method === 'GET') return send();
      throw error;
    });
    const setCookie = response.headers.get('set-cookie');
    const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
    if (auth) this.cookie = auth[0];
    const text = await response.text();
    if (!response.ok)
      throw new Error(`n8n ${method} ${pathname} → ${response.status}: ${text.slice(0, 500)}`);
    return (JSON.parse(text) as { data: T }).data;
  }
}
