// Checks that every stored row's key id is in the key ring (startup and /health): nothing may be silently unreadable.
import type { KeyRing } from '@socialvault/common';
import { countCredentialsByKeyId, type Queryable } from '../db/credential-repository';

/** Key ids stored in rows but absent from the ring, and how many rows they lock. */
export interface KeyCoverage {
  missingKeyIds: string[];
  unreadableRows: number;
  /** Rows per key id (all keys), for the CLI's status output. */
  rowsByKeyId: Record<string, number>;
}

export async function checkKeyCoverage(db: Queryable, keyRing: KeyRing): Promise<KeyCoverage> {
  const counts = await countCredentialsByKeyId(db);
  const missing = [...counts].filter(([id]) => !keyRing.has(id));
  return {
    missingKeyIds: missing.map(([id]) => id).sort(),
    unreadableRows: missing.reduce((sum, [, count]) => sum + count, 0),
    rowsByKeyId: Object.fromEntries(counts),
  };
}
