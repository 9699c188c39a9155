import request from 'supertest';
import { parseKeyRing } from '@socialvault/common';
import { captureLogs, type ScratchDatabase } from '@socialvault/common/testing';
import {
  brokerPost,
  CANARY,
  createTestDatabase,
  credentialRows,
  genericPayload,
  SERVICE_SECRETS,
  startTestVault,
  testKey,
} from '../../test/fixtures';
import { rotateKeys } from './rotate-keys';

const RING_K1 = `k1:${testKey('k1')}`;
const RING_K2_K1 = `k2:${testKey('k2')},k1:${testKey('k1')}`;
const RING_K2 = `k2:${testKey('k2')}`;

let db: ScratchDatabase;
beforeAll(async () => {
  db = await createTestDatabase('rotate');
});
afterAll(async () => {
  await db.drop();
});

async function storeX(
  ingressUrl: string,
  accountId: string,
  accessToken: string = CANARY.accessToken,
): Promise<void> {
  const res = await brokerPost(
    ingressUrl,
    genericPayload({ account_id: accountId, access_token: accessToken }),
  );
  expect(res.status).toBe(201);
}

const tokenOf = (internalUrl: string, accountId: string) =>
  request(internalUrl)
    .get(`/api/credentials/token?platform=x&account_id=${accountId}`)
    .set('Authorization', `Bearer ${SERVICE_SECRETS.x}`);

describe('key rotation', () => {
  it('keeps old-key rows readable after a key is added, then moves every row to the new key', async () => {
    const before = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: RING_K1 } });
    for (const id of ['r1', 'r2', 'r3', 'r4', 'r5'])
      await storeX(before.vault.ingressUrl, id, `token-${id}-0123456789`);
    await before.stop();

    const during = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: RING_K2_K1 } });
    const old = await tokenOf(during.vault.internalUrl, 'r1');
    expect(old.status).toBe(200);
    expect(old.body.access_token).toBe('token-r1-0123456789');
    await storeX(during.vault.ingressUrl, 'r6', 'token-r6-0123456789');
    const keyIds = async () => (await credentialRows(during.pool)).map((row) => row.key_id);
    expect(await keyIds()).toEqual(['k1', 'k1', 'k1', 'k1', 'k1', 'k2']);

    const progress: string[] = [];
    const result = await rotateKeys(during.pool, parseKeyRing(RING_K2_K1), {
      batchSize: 2,
      onProgress: (p) => progress.push(`${p.batch}:${p.reencrypted}:${p.done}/${p.total}`),
    });
    expect(result).toEqual({ activeKeyId: 'k2', reencrypted: 5, failed: [], missingKeys: {} });
    expect(progress).toEqual(['1:2:2/5', '2:2:4/5', '3:1:5/5']);
    expect(await keyIds()).toEqual(['k2', 'k2', 'k2', 'k2', 'k2', 'k2']);
    for (const row of await credentialRows(during.pool)) {
      expect(row.access_token_ciphertext).toMatch(/^v2:k2:/);
      expect(row.refresh_token_ciphertext).toMatch(/^v2:k2:/);
    }

    const again = await rotateKeys(during.pool, parseKeyRing(RING_K2_K1));
    expect(again.reencrypted).toBe(0);
    const rowsAfterSecondRun = await credentialRows(during.pool);
    await during.stop();

    // With the old key gone from the ring every row still decrypts.
    const after = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: RING_K2 } });
    expect(await credentialRows(after.pool)).toEqual(rowsAfterSecondRun);
    for (const id of ['r1', 'r5', 'r6']) {
      const res = await tokenOf(after.vault.internalUrl, id);
      expect(res.body.access_token).toBe(`token-${id}-0123456789`);
    }
    const health = await request(after.vault.internalUrl).get('/health');
    expect(health.body).toMatchObject({ status: 'ok', key_ring: { missing_key_ids: [] } });
    await after.stop();
  });

  it('starts without the key of stored rows, reports it, and answers 503 naming the key instead of crashing', async () => {
    const capture = captureLogs();
    const vault = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: `k3:${testKey('k3')}` } });
    try {
      expect(capture.lines.join('')).toMatch(
        /6 stored credential\(s\) use key id\(s\) k2, which are not in VAULT_ENCRYPTION_KEYS/,
      );
      const health = await request(vault.vault.internalUrl).get('/health');
      expect(health.status).toBe(200);
      expect((await request(vault.vault.ingressUrl).get('/health')).body).toEqual({
        status: 'ok',
        service: 'vault',
      });
      expect(health.body).toMatchObject({
        status: 'degraded',
        key_ring: { missing_key_ids: ['k2'], unreadable_rows: 6 },
      });
      const res = await tokenOf(vault.vault.internalUrl, 'r1');
      expect(res.status).toBe(503);
      expect(res.body.detail.message).toContain('key "k2"');
      expect(res.body.detail.hint).toMatch(/Add key k2 back to VAULT_ENCRYPTION_KEYS/);
      const result = await rotateKeys(vault.pool, parseKeyRing(`k3:${testKey('k3')}`));
      expect(result).toMatchObject({ reencrypted: 0, missingKeys: { k2: 6 } });
      expect((await credentialRows(vault.pool)).map((row) => row.key_id)).toEqual(Array(6).fill('k2'));
      expect(capture.lines.join('')).not.toContain(testKey('k2'));
      expect(capture.lines.join('')).not.toContain(testKey('k3'));
    } finally {
      capture.stop();
      await vault.stop();
    }
  });

  it('refuses a ciphertext moved to another row (AAD), answering 503 and serving other rows on', async () => {
    const vault = await startTestVault({ db, env: { VAULT_ENCRYPTION_KEYS: RING_K2 } });
    try {
      await vault.pool.query(
        `UPDATE credentials SET access_token_ciphertext =
           (SELECT access_token_ciphertext FROM credentials WHERE account_id = 'r1')
         WHERE account_id = 'r2'`,
      );
      const moved = await tokenOf(vault.vault.internalUrl, 'r2');
      expect(moved.status).toBe(503);
      expect(moved.body.detail.message).toMatch(/failed to decrypt/);
      expect(JSON.stringify(moved.body)).not.toContain('token-r1-0123456789');
      const intact = await tokenOf(vault.vault.internalUrl, 'r3');
      expect(intact.status).toBe(200);
      const result = await rotateKeys(vault.pool, parseKeyRing(`k4:${testKey('k4')},${RING_K2}`));
      expect(result.reencrypted).toBe(5);
      expect(result.failed).toEqual([
        { id: expect.any(String), reason: expect.stringMatching(/failed to decrypt/) },
      ]);
    } finally {
      await vault.stop();
    }
  });
});
