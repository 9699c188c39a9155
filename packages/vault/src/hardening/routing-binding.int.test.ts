// The fields that route a token are bound to its ciphertext: a row whose extra.instance_url (or Meta ids) is
// rewritten in the database serves nothing (503 with a hint), is audited and logged by credential id.
import { captureLogs } from '@socialvault/common/testing';
import { rotateKeys } from '../credentials/rotate-keys';
import {
  auditRows,
  CANARY,
  genericPayload,
  metaPayload,
  SERVICE_SECRETS,
  useTestVault,
} from '../../test/fixtures';

const t = useTestVault({ prefix: 'routing_binding' });
const tokenOf = (platform: string, accountId: string) =>
  t.serviceGet(`/api/credentials/token?platform=${platform}&account_id=${accountId}`, SERVICE_SECRETS.all);

async function storeMastodon(accountId: string): Promise<string> {
  const res = await t.brokerPost(
    genericPayload({
      platform: 'mastodon',
      account_id: accountId,
      refresh_token: undefined,
      expires_in: undefined,
      extra: { instance_url: 'https://mastodon.example' },
    }),
  );
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('routing fields bound to the ciphertext', () => {
  it('refuses a Mastodon token after a direct UPDATE of extra.instance_url: 503, hint, audit row, log line', async () => {
    const id = await storeMastodon('109000001');
    expect((await tokenOf('mastodon', '109000001')).status).toBe(200);

    await t.pool.query(
      `UPDATE credentials SET extra = jsonb_set(extra, '{instance_url}', '"https://attacker.example"') WHERE id = $1`,
      [id],
    );
    const capture = captureLogs();
    const res = await tokenOf('mastodon', '109000001');
    capture.stop();

    expect(res.status).toBe(503);
    expect(res.body.detail).toMatchObject({
      code: 'vault_unavailable',
      reason: 'credential_changed',
      message: expect.stringMatching(/changed since the vault stored it/),
      hint: expect.stringMatching(/extra\.instance_url.*broker send the credential again/),
    });
    const body = JSON.stringify(res.body);
    expect(body).not.toContain(CANARY.accessToken);
    expect(body).not.toContain('attacker.example');

    const audit = (await auditRows(t.pool)).filter(
      (row) => row.credential_id === id && row.action === 'credential.unreadable',
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'ops',
        outcome: 'failure',
        platform: 'mastodon',
        account_id: '109000001',
        detail: expect.objectContaining({ reason: 'credential_changed', key_id: 'k1' }),
      }),
    ]);
    const refused = capture.lines.filter((line) => line.includes('[Token Refused]'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(`mastodon:109000001 (credential ${id})`);
    expect(capture.lines.join('')).not.toContain(CANARY.accessToken);
  });

  it('serves again once the broker stores the credential anew', async () => {
    await storeMastodon('109000002');
    await t.pool.query(
      `UPDATE credentials SET extra = '{"instance_url":"https://10.0.0.5"}' WHERE account_id = '109000002'`,
    );
    expect((await tokenOf('mastodon', '109000002')).status).toBe(503);
    await storeMastodon('109000002');
    const res = await tokenOf('mastodon', '109000002');
    expect(res.status).toBe(200);
    expect(res.body.extra).toEqual({ instance_url: 'https://mastodon.example' });
  });

  it('refuses an Instagram token after its facebook_page_id is rewritten, and ignores non-routing extra keys', async () => {
    const stored = await t.brokerPost(metaPayload({ instagram_business_account_id: '1784100' }));
    expect(stored.status).toBe(201);
    await t.pool.query(`UPDATE credentials SET extra = extra || '{"note":"ops"}' WHERE id = $1`, [
      stored.body.id,
    ]);
    expect((await tokenOf('instagram', '1784100')).status).toBe(200);
    await t.pool.query(`UPDATE credentials SET extra = extra || '{"facebook_page_id":"666"}' WHERE id = $1`, [
      stored.body.id,
    ]);
    expect((await tokenOf('instagram', '1784100')).status).toBe(503);
  });

  it('reads a v1 row (stored before the routing fields were bound) and rotate-keys upgrades it to v2', async () => {
    const id = await storeMastodon('109000003');
    // A v1 value: AAD platform:account_id:field only (the prefix is outside the AEAD, as in the old format).
    const legacy = t.config.keyRing
      .encrypt(CANARY.accessToken, 'mastodon:109000003:access_token')
      .replace(/^v2:/, 'v1:');
    await t.pool.query('UPDATE credentials SET access_token_ciphertext = $2 WHERE id = $1', [id, legacy]);
    expect((await tokenOf('mastodon', '109000003')).body.access_token).toBe(CANARY.accessToken);

    const result = await rotateKeys(t.pool, t.config.keyRing);
    expect(result).toMatchObject({ reencrypted: 1, failed: [] });
    const { rows } = await t.pool.query('SELECT * FROM credentials WHERE id = $1', [id]);
    expect(rows[0].access_token_ciphertext).toMatch(/^v2:k1:/);
    expect((await tokenOf('mastodon', '109000003')).body.access_token).toBe(CANARY.accessToken);
    await t.pool.query(
      `UPDATE credentials SET extra = '{"instance_url":"https://attacker.example"}' WHERE id = $1`,
      [id],
    );
    expect((await tokenOf('mastodon', '109000003')).status).toBe(503);
  });
});
