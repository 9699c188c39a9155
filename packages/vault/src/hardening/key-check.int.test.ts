// Wrong key material under the right key id: the vault refuses to start, naming the key id, instead of
// reporting healthy and writing new rows under the wrong key.
import { ConfigError } from '@socialvault/common';
import { type ScratchDatabase } from '@socialvault/common/testing';
import { brokerPost, createTestDatabase, genericPayload, startTestVault } from '../../test/fixtures';

const KEY_A = Buffer.alloc(32, 'A').toString('base64');
const KEY_B = Buffer.alloc(32, 'B').toString('base64');
const KEY_C = Buffer.alloc(32, 'C').toString('base64');

let db: ScratchDatabase;
beforeAll(async () => {
  db = await createTestDatabase('key_check');
});
afterAll(async () => {
  await db.drop();
});

async function startError(ring: string): Promise<unknown> {
  try {
    const vault = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: ring } });
    await vault.stop();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('key check values', () => {
  it('records k1 at the first start, then refuses k1 with other material, naming k1', async () => {
    const first = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: `k1:${KEY_A}` } });
    expect((await brokerPost(first.vault.ingressUrl, genericPayload({ account_id: 'kc1' }))).status).toBe(
      201,
    );
    const { rows } = await first.pool.query('SELECT key_id, check_value FROM key_check_values');
    expect(rows).toEqual([{ key_id: 'k1', check_value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
    expect(JSON.stringify(rows)).not.toContain(KEY_A);
    await first.stop();

    const error = await startError(`k1:${KEY_B}`);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'VAULT_ENCRYPTION_KEYS: key k1 is not the key k1 this database was written with (its key check value ' +
        'differs); put the original key material back under k1, or give a new key a new id',
    );
    expect((error as Error).message).not.toContain(KEY_B);

    // Even with no rows under it any more, and as an old (decrypt-only) key of the ring.
    expect(await startError(`k2:${KEY_C},k1:${KEY_B}`)).toBeInstanceOf(ConfigError);
  });

  it('records a new key id beside the known one and starts with the right material', async () => {
    const vault = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: `k2:${KEY_C},k1:${KEY_A}` } });
    const { rows } = await vault.pool.query('SELECT key_id FROM key_check_values ORDER BY key_id');
    expect(rows.map((row) => row.key_id)).toEqual(['k1', 'k2']);
    await vault.stop();
  });

  it('on a database from before check values, refuses a key that decrypts none of its rows', async () => {
    const vault = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: `k2:${KEY_C},k1:${KEY_A}` } });
    await vault.pool.query('DELETE FROM key_check_values');
    await vault.stop();
    const error = await startError(`k1:${KEY_B}`);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^VAULT_ENCRYPTION_KEYS: key k1 is not the key k1 this database was written with \(it decrypts none of the sampled rows stored under k1\)/,
    );
    const right = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: `k1:${KEY_A}` } });
    expect((await right.pool.query('SELECT key_id FROM key_check_values')).rows).toEqual([{ key_id: 'k1' }]);
    await right.stop();
  });
});
