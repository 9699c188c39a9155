// Child process of `pnpm start`: runs the embedded PostgreSQL of `<dataDir>/pg`, prints `{"url"}` on one
// line once it accepts connections, and stops it on SIGTERM/SIGINT or when the parent goes away.
import { sendConsoleLogsToStderr } from '@socialvault/common';
import { startDevDatabase } from '@socialvault/vault';

async function main(): Promise<void> {
  // stdout carries only the `{"url"}` line the parent waits for.
  sendConsoleLogsToStderr();
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: dev-database-main.ts <data dir>');
  const handle = await startDevDatabase(dataDir, { callerHandlesSignals: true });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= handle.stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[stack] embedded PostgreSQL failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
