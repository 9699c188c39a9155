// Is each configured key the one its key id was first used with? Key check values (recorded at start) and sample decryption.
import { ConfigError, createLogger, isAppError, type KeyRing } from '@socialvault/common';
import { decryptCredentialSecret } from '../crypto/credential-aad';
import {
  countCredentialsByKeyId,
  sampleCredentialsByKeyId,
  type Queryable,
} from '../db/credential-repository';
import { readKeyCheckValues, recordKeyCheckValue } from '../db/key-check-values';

const log = createLogger('vault', 'key-check');
/** Rows tried per key id: one that decrypts proves the key (another may have been altered on its own). */
const SAMPLE_ROWS = 3;

/** What the database says about one key of the ring. */
export interface KeyStatus {
  keyId: string;
  active: boolean;
  /** `match`/`mismatch` against the recorded check value; `unrecorded` when this id was never seen. */
  check: 'match' | 'mismatch' | 'unrecorded';
  /** Rows stored under this key id. */
  rows: number;
  /** Whether one of up to 3 rows stored under this id decrypts with the configured key. */
  sample: 'decrypts' | 'fails' | 'no_rows';
}

async function sampleDecryption(
  db: Queryable,
  keyRing: KeyRing,
  keyId: string,
): Promise<KeyStatus['sample']> {
  const rows = await sampleCredentialsByKeyId(db, keyId, SAMPLE_ROWS);
  if (rows.length === 0) return 'no_rows';
  for (const row of rows) {
    try {
      decryptCredentialSecret(keyRing, row, 'access_token', row.accessTokenCiphertext as string);
      return 'decrypts';
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return 'fails';
}

/** Each ring key's check value against the recorded one, its row count and a sample decryption. Writes nothing. */
export async function inspectKeys(db: Queryable, keyRing: KeyRing): Promise<KeyStatus[]> {
  const recorded = await readKeyCheckValues(db, keyRing.keyIds);
  const counts = await countCredentialsByKeyId(db);
  const statuses: KeyStatus[] = [];
  for (const keyId of keyRing.keyIds) {
    const known = recorded.get(keyId);
    statuses.push({
      keyId,
      active: keyId === keyRing.activeKeyId,
      check: known === undefined ? 'unrecorded' : known === keyRing.checkValue(keyId) ? 'match' : 'mismatch',
      rows: counts.get(keyId) ?? 0,
      sample: await sampleDecryption(db, keyRing, keyId),
    });
  }
  return statuses;
}

function wrongKey(keyId: string, why: string): ConfigError {
  return new ConfigError(
    `VAULT_ENCRYPTION_KEYS: key ${keyId} is not the key ${keyId} this database was written with (${why}); ` +
      `put the original key material back under ${keyId}, or give a new key a new id`,
  );
}

/**
 * At start: every ring key must match the check value recorded for its id. A key id never seen before is
 * recorded, after checking that it decrypts one of the rows already stored under that id (if any).
 * Returns the key ids recorded now.
 * @throws ConfigError (one line naming the key id) when a configured key is not the recorded one.
 */
export async function enforceKeyChecks(db: Queryable, keyRing: KeyRing): Promise<string[]> {
  const newlyRecorded: string[] = [];
  for (const status of await inspectKeys(db, keyRing)) {
    if (status.check === 'mismatch') throw wrongKey(status.keyId, 'its key check value differs');
    if (status.check === 'match') continue;
    if (status.sample === 'fails') {
      throw wrongKey(status.keyId, `it decrypts none of the sampled rows stored under ${status.keyId}`);
    }
    await recordKeyCheckValue(db, status.keyId, keyRing.checkValue(status.keyId));
    newlyRecorded.push(status.keyId);
  }
  // Another vault may have recorded a key at the same moment: what counts is what the table holds now.
  const recorded = await readKeyCheckValues(db, newlyRecorded);
  for (const keyId of newlyRecorded) {
    if (recorded.get(keyId) !== keyRing.checkValue(keyId))
      throw wrongKey(keyId, 'its key check value differs');
    log.info(
      `Recorded the key check value of key ${keyId}: a different key under that id is refused from now on`,
    );
  }
  return newlyRecorded;
}
