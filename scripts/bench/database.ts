// The bench's PostgreSQL server: DATABASE_URL's when set, else an embedded one in a temporary directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '@socialvault/common/testing';

/** A PostgreSQL server the bench creates its scratch databases on. */
export interface BenchDatabaseServer {
  /** Any database URL on the server (scratch databases are created next to it). */
  url: string;
  source: 'DATABASE_URL' | 'embedded';
  stop(): Promise<void>;
}

/** Uses `DATABASE_URL`'s server when set; otherwise starts an embedded PostgreSQL and removes it on stop. */
export async function startBenchDatabaseServer(): Promise<BenchDatabaseServer> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socialvault-bench-pg-'));
  const handle = await startEmbeddedPostgres({ dataDir: path.join(dir, 'cluster') });
  return {
    url: handle.url,
    source: 'embedded',
    stop: async () => {
      await handle.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
