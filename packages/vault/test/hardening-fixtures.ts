// Helpers of the vault's hardening tests: raw HTTP from a chosen loopback source address, a checksum of the
// stored rows, the checks every answer must pass (no stack trace, no internal path), and a stoppable PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { Client, type Pool } from 'pg';
import type { ScratchDatabase } from '@socialvault/common/testing';
import { CANARY, createTestDatabase } from './fixtures';
import { TSX } from './vault-process';

/** An answer as it crossed the wire. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: Record<string, unknown> | undefined;
}

export interface RawRequest {
  method?: string;
  /** Path and query, sent exactly as given (no encoding). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Source address of the connection, e.g. `127.0.0.2` (any 127/8 address works on Linux). */
  localAddress?: string;
  /** Reuse connections (default: a new connection per request). */
  agent?: http.Agent;
}

/** Sends one request with node's http client: no encoding or header normalisation on the way. */
export function rawRequest(baseUrl: string, options: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * POSTs `payload` as JSON to the ingress's `POST /api/credentials` with `rawRequest`, as the broker does: with
 * `X-API-Key` (default the configured key). `options` picks the source address or an agent.
 */
export function rawBrokerPost(
  ingressUrl: string,
  payload: unknown,
  options: Pick<RawRequest, 'localAddress' | 'agent'> & { apiKey?: string } = {},
): Promise<RawAnswer> {
  const { apiKey = CANARY.brokerApiKey, ...connection } = options;
  return rawRequest(ingressUrl, {
    method: 'POST',
    path: '/api/credentials',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(payload),
    ...connection,
  });
}

/**
 * A scratch database whose commits do not wait for the disk (`synchronous_commit = off`): thousands of
 * audited requests in a fuzz run are then bound by the vault, not by fsync. Durability is not under test.
 */
export async function createFastTestDatabase(prefix: string): Promise<ScratchDatabase> {
  const db = await createTestDatabase(prefix);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const name = new URL(db.url).pathname.slice(1);
    await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await client.end();
  }
  return db;
}

/** md5 over every credentials row (all columns, in id order): equal before and after = nothing changed. */
export async function rowsChecksum(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ checksum: string | null }>(
    `SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.id), '')) AS checksum FROM credentials c`,
  );
  return rows[0]?.checksum ?? '';
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Why an answer leaks internals, or undefined when it does not: a stack frame, a source path of this
 * checkout, `node_modules`, or a raw driver/runtime error name.
 */
export function internalsIn(text: string): string | undefined {
  if (text.includes(REPO_ROOT)) return `the checkout path ${REPO_ROOT}`;
  if (/node_modules/.test(text)) return 'a node_modules path';
  if (/\bat [\w$.<>]+ \(.*:\d+:\d+\)/.test(text) || /\n\s+at /.test(text)) return 'a stack frame';
  if (/\.(ts|js):\d+/.test(text)) return 'a source file position';
  if (/TypeError|ReferenceError|SyntaxError|RangeError|ECONNREFUSED|SQLSTATE|duplicate key/.test(text)) {
    return 'a raw runtime or driver error';
  }
  return undefined;
}

/** A vault process (`node --import tsx src/main.ts`), as docker and `pnpm start` run it. */
/** A PostgreSQL server of its own that a test can stop and start again (same data, same port). */
export interface StoppableDatabase {
  url: string;
  port: number;
  /** Fast shutdown: open sessions are terminated, new connections refused. */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data directory. */
  start: () => Promise<void>;
}

/** Starts an embedded PostgreSQL in a child process with its cluster under `dataDir`. */
export async function startStoppableDatabase(dataDir: string): Promise<StoppableDatabase> {
  const script = path.join(__dirname, 'embedded-pg-process.ts');
  let child: ChildProcess | undefined;
  let port: number | undefined;
  let url = '';
  const start = async () => {
    const started = spawn(process.execPath, [...TSX, script, dataDir, ...(port ? [String(port)] : [])], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = started;
    let out = '';
    started.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      started.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const first = /^\{.*\}$/m.exec(out)?.[0];
        if (first) resolve(first);
      });
      started.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited ${code}: ${out}`)));
    });
    ({ url, port } = JSON.parse(line) as { url: string; port: number });
  };
  await start();
  return {
    get url() {
      return url;
    },
    get port() {
      return port!;
    },
    stop: async () => {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
    start,
  };
}
