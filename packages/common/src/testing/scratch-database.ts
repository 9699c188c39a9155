// Creates throwaway databases on a PostgreSQL server, so every test file gets an isolated schema.
import crypto from 'node:crypto';
import { Client } from 'pg';

/** A fresh, empty database and a function that drops it. */
export interface ScratchDatabase {
  url: string;
  /** Drops the database once its connections have closed (terminating any left after 3 s). */
  drop: () => Promise<void>;
}

/** How long `drop` waits for the database's last connections to close before it terminates them. */
const DROP_GRACE_MS = 3_000;
const DROP_RETRY_MS = 50;
/** SQLSTATE 55006, object_in_use: "database … is being accessed by other users". */
const OBJECT_IN_USE = '55006';

/**
 * Drops `name`, first politely: `pg.Pool#end()` resolves before its sockets have closed, and
 * `DROP DATABASE … WITH (FORCE)` would terminate those backends, so the ending client gets a FATAL
 * 57P01 its pool re-emits as an unhandled 'error'. Connections still open after DROP_GRACE_MS are
 * terminated (a leak in the caller, not a race).
 */
async function dropDatabase(client: Client, name: string): Promise<void> {
  const deadline = Date.now() + DROP_GRACE_MS;
  while (Date.now() < deadline) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE) throw error;
      await new Promise((resolve) => setTimeout(resolve, DROP_RETRY_MS));
    }
  }
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/**
 * Creates a database named `sv_<prefix>_<random>` on the server behind `serverUrl`
 * (any database URL on that server) and returns its URL. Requires CREATEDB rights.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'test'): Promise<ScratchDatabase> {
  const name = `sv_${prefix.replace(/[^a-z0-9]/gi, '').toLowerCase()}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await dropDatabase(client, name);
      } finally {
        await client.end();
      }
    },
  };
}
