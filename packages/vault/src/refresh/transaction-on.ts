// BEGIN/COMMIT on a connection the caller already holds (the one holding the refresh lock).
import type { PoolClient } from 'pg';

/** Runs `work` in a transaction on `client`; ROLLBACK and rethrow when it throws. The client is not released. */
export async function transactionOn<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
