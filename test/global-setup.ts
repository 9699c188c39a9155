// Jest global setup: provides TEST_DATABASE_SERVER_URL — DATABASE_URL when set, else an embedded PostgreSQL.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { startEmbeddedPostgres } from '@socialvault/common/testing';

export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socialvault-test-pg-'));
  const handle = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'cluster') });
  process.env.TEST_DATABASE_SERVER_URL = handle.url;
  (globalThis as Record<string, unknown>).__SV_EMBEDDED_PG__ = { handle, dataDir };
}
