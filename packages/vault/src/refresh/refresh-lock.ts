// Per-credential PostgreSQL advisory locks, held on one session while a refresh calls out and writes back.
import type { Pool, PoolClient } from 'pg';

/** Advisory-lock namespaces (first key of the two-key form): one for credentials, one for the sweep. */
const CREDENTIAL_LOCK_NAMESPACE = 0x5356; // "SV"
const SWEEP_LOCK_NAMESPACE = 0x5357;

/** A held session lock: the connection holding it (use it for the write) and how to let go. */
export interface HeldLock {
  client: PoolClient;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Session-level advisory locks (`pg_try_advisory_lock(namespace, hashtext(key))`). Waiting polls
 * with a fresh connection each time, so a waiter never holds a connection; the holder keeps its
 * session for the provider call and the write. If the process dies, PostgreSQL ends the session
 * and the lock is free again — no lease to expire, nothing to clean up.
 */
export class AdvisoryLocks {
  constructor(private readonly pool: Pool) {}

  /** The lock for credential `id`, waiting up to `waitMs`; undefined when still taken then. */
  acquireCredential(id: string, waitMs: number): Promise<HeldLock | undefined> {
    return this.acquire(CREDENTIAL_LOCK_NAMESPACE, id, waitMs);
  }

  /** The sweep lock (one sweep at a time across vault processes), without waiting. */
  tryAcquireSweep(): Promise<HeldLock | undefined> {
    return this.acquire(SWEEP_LOCK_NAMESPACE, 'sweep', 0);
  }

  private async acquire(namespace: number, key: string, waitMs: number): Promise<HeldLock | undefined> {
    const deadline = Date.now() + waitMs;
    let delayMs = 10;
    for (;;) {
      const client = await this.pool.connect();
      let locked = false;
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
          [namespace, key],
        );
        locked = rows[0]?.locked === true;
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      if (locked) return { client, release: () => unlock(client, namespace, key) };
      client.release();
      if (Date.now() >= deadline) return undefined;
      await sleep(delayMs + Math.floor(Math.random() * delayMs));
      delayMs = Math.min(delayMs * 2, 200);
    }
  }
}

/** Unlocks and returns the connection; if that fails the connection is destroyed, which ends the session and its locks. */
async function unlock(client: PoolClient, namespace: number, key: string): Promise<void> {
  try {
    await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [namespace, key]);
    client.release();
  } catch (error) {
    client.release(error as Error);
  }
}
