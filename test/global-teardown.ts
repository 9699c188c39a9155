// Jest global teardown: stops the embedded PostgreSQL started by global-setup, if any.
import fs from 'node:fs';
import type { EmbeddedPostgresHandle } from '@socialvault/common/testing';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as Record<string, unknown>).__SV_EMBEDDED_PG__ as
    { handle: EmbeddedPostgresHandle; dataDir: string } | undefined;
  if (!started) return;
  await started.handle.stop();
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}
