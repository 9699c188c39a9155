// Leak probe (run by heap.ts as `node --expose-gc --import tsx heap-worker.ts`): starts a vault and each MCP server
// in this process, drives rounds of calls at each in turn, and reads the V8 heap after a full GC between rounds.
// RSS only says how much memory V8 and the allocator keep; live heap after GC is what a leak makes grow.
// Job in BENCH_HEAP_JOB (JSON, see HeapJob); result written as JSON to job.resultFile.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { instagramServerSpec } from '@socialvault/mcp-instagram';
import { loadMcpConfig, startMcpHttpServer, type McpServerSpec } from '@socialvault/mcp-kit';
import { linkedinServerSpec } from '@socialvault/mcp-linkedin';
import { mastodonServerSpec } from '@socialvault/mcp-mastodon';
import { threadsServerSpec } from '@socialvault/mcp-threads';
import { xServerSpec } from '@socialvault/mcp-x';
import { ephemeralVaultEnv, loadVaultConfig, startVault } from '@socialvault/vault';
import type { Platform } from '@socialvault/vault-api';

/** What the worker measures, against the bench stack's database, vault and simulator. */
export interface HeapJob {
  databaseUrl: string;
  encryptionKeys: string;
  /** The bench vault's internal URL, which the in-process MCP servers fetch their tokens from. */
  vaultInternalUrl: string;
  /** Service secret per identity of the bench vault (`instagram-mcp`, …). */
  serviceTokens: Record<string, string>;
  /** META_GRAPH_URL, THREADS_API_URL, … at the simulator. */
  simBaseUrls: Record<string, string>;
  /** The simulator's origin (its Mastodon instances live there: MASTODON_PRIVATE_INSTANCE_ALLOWLIST). */
  simUrl: string;
  /** The connected account per platform. */
  accounts: Record<Platform, string>;
  rounds: number;
  callsPerRound: number;
  connections: number;
  resultFile: string;
}

/** Live heap after a full GC: before the first round (after a warm-up) and after each round, in MiB. */
export interface HeapRow {
  process: string;
  calls: string;
  callsPerRound: number;
  heapMiB: number[];
  failed: number;
}

const MiB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;

/** heapUsed after two full collections (the second collects what finalizers of the first released). */
async function liveHeapMiB(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc!();
  gc!();
  return Math.round((process.memoryUsage().heapUsed / MiB) * 10) / 10;
}

interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** `calls` requests over `connections` keep-alive connections; returns how many did not answer 2xx. */
async function drive(target: Target, calls: number, connections: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let started = 0;
  let failed = 0;
  const once = () =>
    new Promise<void>((resolve) => {
      const req = http.request(
        target.url,
        { method: target.method, headers: target.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            if ((res.statusCode ?? 0) >= 300) failed += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(target.body);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (started < calls) {
        started += 1;
        await once();
      }
    }),
  );
  agent.destroy();
  return failed;
}

async function probe(name: string, calls: string, target: Target, job: HeapJob): Promise<HeapRow> {
  let failed = await drive(target, Math.min(1_000, job.callsPerRound), job.connections); // warm-up: JIT, pools
  const heapMiB = [await liveHeapMiB()];
  for (let round = 0; round < job.rounds; round += 1) {
    failed += await drive(target, job.callsPerRound, job.connections);
    heapMiB.push(await liveHeapMiB());
  }
  return { process: name, calls, callsPerRound: job.callsPerRound, heapMiB, failed };
}

/** One MCP server in this process, its tokens from the bench vault and its platform at the simulator. */
async function probeServer<P extends object>(
  spec: McpServerSpec<P>,
  platform: Platform,
  job: HeapJob,
): Promise<HeapRow> {
  const config = loadMcpConfig(spec, {
    ...job.simBaseUrls,
    VAULT_URL: job.vaultInternalUrl,
    VAULT_TOKEN: job.serviceTokens[`${platform}-mcp`] ?? '',
    ALLOW_INSECURE_URLS: 'true',
    MEDIA_ALLOW_PRIVATE_URLS: 'true',
    MASTODON_PRIVATE_INSTANCE_ALLOWLIST: job.simUrl,
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const server = await startMcpHttpServer(spec, { config });
  try {
    return await probe(
      `mcp-${platform}`,
      'get_account (plain form)',
      {
        url: server.mcpUrl,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'get_account', params: { account_id: job.accounts[platform] } }),
      },
      job,
    );
  } finally {
    await server.close({ graceMs: 0 });
  }
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc');
  const job = JSON.parse(process.env.BENCH_HEAP_JOB ?? '') as HeapJob;
  const rows: HeapRow[] = [];

  const probeSecret = crypto.randomBytes(24).toString('base64url');
  const vault = await startVault(
    loadVaultConfig(
      ephemeralVaultEnv(job.databaseUrl, {
        BROKER_API_KEY: crypto.randomBytes(24).toString('base64url'),
        VAULT_ENCRYPTION_KEYS: job.encryptionKeys,
        VAULT_SERVICE_TOKENS: `heap-probe:instagram:${probeSecret}`,
        VAULT_REFRESH_CRON: '0 0 1 1 *',
      }),
    ),
  );
  try {
    rows.push(
      await probe(
        'vault',
        'GET /api/credentials/token',
        {
          url: `${vault.internalUrl}/api/credentials/token?platform=instagram&account_id=${job.accounts.instagram}`,
          method: 'GET',
          headers: { authorization: `Bearer ${probeSecret}` },
        },
        job,
      ),
    );
  } finally {
    await vault.close();
  }

  rows.push(await probeServer(instagramServerSpec, 'instagram', job));
  rows.push(await probeServer(threadsServerSpec, 'threads', job));
  rows.push(await probeServer(xServerSpec, 'x', job));
  rows.push(await probeServer(linkedinServerSpec, 'linkedin', job));
  rows.push(await probeServer(mastodonServerSpec, 'mastodon', job));
  fs.writeFileSync(job.resultFile, JSON.stringify(rows));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`heap probe failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
