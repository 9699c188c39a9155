// Runs a function inside one PostgreSQL transaction on a pooled client.
import type { Pool, PoolClient } from 'pg';

/** BEGIN, run `work`, COMMIT; ROLLBACK and rethrow when it throws. */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
