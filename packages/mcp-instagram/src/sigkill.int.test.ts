// A crash between container creation and media_publish: SIGKILL the real server process, restart it, retry
// with the same key → the stored container is published, exactly one post.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFreePort } from '@socialvault/common/testing';
import { IG_USER_ID, startInstagramStack, type InstagramStack } from '../test/fixtures';

// Two tsx child processes start here (1-2 s each, more on a loaded machine).
jest.setTimeout(120_000);

// `node --import tsx`, not the tsx CLI: SIGKILL must hit the server itself, not a wrapper.
const TSX = ['--import', pathToFileURL(require.resolve('tsx')).href];
const MAIN = path.join(__dirname, 'main.ts');

let stack: InstagramStack;
const children: ChildProcess[] = [];
beforeAll(async () => {
  stack = await startInstagramStack('mcpig_kill');
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await stack?.close();
});

/** Starts `main.ts` as its own process on a free port; resolves its /mcp URL once /health answers. */
async function startServerProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; mcpUrl: string }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [...TSX, MAIN], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...stack.serverEnv,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  children.push(child);
  child.stdout!.on('data', (chunk) => stack.record(String(chunk)));
  child.stderr!.on('data', (chunk) => stack.record(String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { child, mcpUrl: `${url}/mcp` };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('mcp-instagram did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function publish(mcpUrl: string, params: Record<string, unknown>) {
  const response = await fetch(mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'publish_post', params }),
  });
  const text = await response.text();
  stack.record(text);
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

async function ledgerRow(key: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${stack.vault.internalUrl}/api/publications?idempotency_key=${key}`, {
    headers: { Authorization: `Bearer ${stack.serviceToken}` },
  });
  const text = await response.text();
  stack.record(text);
  return (JSON.parse(text) as { publications: Array<Record<string, unknown>> }).publications[0];
}

it('publishes exactly once when the server is killed between container creation and media_publish', async () => {
  const key = 'n8n-row-sigkill-0001';
  const params = {
    image_url: `${stack.sim.url}/_sim/media/sample.jpg`,
    caption: 'Survives a crash',
    idempotency_key: key,
  };
  // A slow container: the first status read says IN_PROGRESS and the server then waits a minute before the next.
  const first = await startServerProcess({
    INSTAGRAM_CONTAINER_POLL_INTERVAL_MS: '60000',
    IDEMPOTENCY_LEASE_S: '2',
  });
  const doomed = publish(first.mcpUrl, params).catch((error: Error) => error);

  let containerId: string | undefined;
  for (let i = 0; i < 300 && !containerId; i += 1) {
    const progress = (await ledgerRow(key))?.progress as { container_id?: string } | undefined;
    containerId = progress?.container_id;
    if (!containerId) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(containerId).toMatch(/^\d+$/);
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  first.child.kill('SIGKILL');
  await exited;
  // The caller of the killed server saw its connection drop, not an answer.
  expect(String(await doomed)).toMatch(/fetch failed|socket|ECONNRESET/);
  const beforeRestart = (await stack.requests('instagram')).map(
    (r) => `${r.method} ${r.path.replace('/v25.0', '')}`,
  );
  expect(beforeRestart.filter((line) => line === `POST /${IG_USER_ID}/media`)).toHaveLength(1);
  expect(beforeRestart.some((line) => line.endsWith('/media_publish'))).toBe(false);
  expect(await ledgerRow(key)).toMatchObject({ status: 'pending', attempts: 1 });

  const second = await startServerProcess({});
  const retried = await publish(second.mcpUrl, params);
  expect(retried.status).toBe(200);
  expect(retried.body).toMatchObject({
    container_id: containerId,
    account_id: IG_USER_ID,
    deduplicated: false,
  });
  const again = await publish(second.mcpUrl, params);
  expect(again.body).toEqual({ ...retried.body, deduplicated: true });

  const requests = (await stack.requests('instagram')).map(
    (r) => `${r.method} ${r.path.replace('/v25.0', '')}`,
  );
  expect(requests.filter((line) => line === `POST /${IG_USER_ID}/media`)).toHaveLength(1);
  expect(requests.filter((line) => line.endsWith('/media_publish'))).toHaveLength(1);
  const account = (await (await fetch(`${stack.sim.url}/_sim/instagram/accounts/${IG_USER_ID}`)).json()) as {
    media: Array<{ caption?: string }>;
  };
  expect(account.media.filter((media) => media.caption === params.caption)).toHaveLength(1);
  expect(await ledgerRow(key)).toMatchObject({
    status: 'published',
    attempts: 2,
    platform_post_id: retried.body.media_id,
    progress: { container_id: containerId, published_id: retried.body.media_id },
  });
});
