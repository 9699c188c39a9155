// Creates throwaway databases on a PostgreSQL server, so every test file gets an isolated schema.
import crypto from 'node:crypto';
import { Client } from 'pg';

/** A fresh, empty database and a function that drops it. */
export interface ScratchDatabase {
  url: string;
  drop: () => Promise<void>;
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
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
