import { parseKeyRing } from '@socialvault/common';
import { captureLogs } from '@socialvault/common/testing';
import { encryptCredentialSecret } from '../crypto/credential-aad';
import { findCredentialById, type CredentialRecord } from '../db/credential-repository';
import {
  CANARY,
  genericPayload,
  SERVICE_SECRETS,
  startTestVault,
  testKey,
  useTestVault,
  type TestVault,
} from '../../test/fixtures';
import type { TokenRefresher } from './token-refresher';

const REFRESHED_TOKEN = 'refreshed-access-token-0123456789';

/** A refresher that rewrites the row with a new token and a future expiry, as the refresh scheduler does. */
class RewritingRefresher implements TokenRefresher {
  calls: string[] = [];
  constructor(private readonly t: () => TestVault) {}
  isDue(credential: CredentialRecord, now: Date): boolean {
    return (
      credential.tokenExpiresAt !== null && credential.tokenExpiresAt.getTime() - now.getTime() < 3600_000
    );
  }
  async refresh(credential: CredentialRecord, actor: string): Promise<CredentialRecord> {
    this.calls.push(`${actor} ${credential.accountId}`);
    const ring = parseKeyRing(`k1:${testKey('k1')}`);
    const ciphertext = encryptCredentialSecret(ring, credential, 'access_token', REFRESHED_TOKEN);
    await this.t().pool.query(
      `UPDATE credentials SET access_token_ciphertext = $2, token_expires_at = now() + interval '2 hours' WHERE id = $1`,
      [credential.id, ciphertext],
    );
    return (await findCredentialById(this.t().pool, credential.id)) as CredentialRecord;
  }
}

describe('the token service with a refresher plugged in', () => {
  const refresher = new RewritingRefresher(() => t);
  const t = useTestVault({ prefix: 'refresher', refresher });
  const store = (body: Record<string, unknown>) => t.brokerPost(body);
  const token = (accountId: string) =>
    t.serviceGet(`/api/credentials/token?platform=x&account_id=${accountId}`, SERVICE_SECRETS.x);

  it('refreshes inline a token inside its refresh window before serving it', async () => {
    await store(genericPayload({ account_id: 'due', expires_in: 60 }));
    const res = await token('due');
    expect(res.body).toMatchObject({ access_token: REFRESHED_TOKEN, token_expired: false });
    expect(refresher.calls).toEqual(['x-mcp due']);
  });

  it('does not call the refresher for a token outside its window', async () => {
    await store(genericPayload({ account_id: 'fresh', expires_in: 7 * 24 * 3600 }));
    const res = await token('fresh');
    expect(res.body.access_token).toBe(CANARY.accessToken);
    expect(refresher.calls).not.toContain('x-mcp fresh');
  });

  it('serves the stored token, logging why, when the refresh throws', async () => {
    const failing = await startTestVault({
      prefix: 'refresher_fail',
      refresher: {
        isDue: () => true,
        refresh: async () => {
          throw new Error('provider unreachable');
        },
      },
    });
    const capture = captureLogs();
    try {
      await failing.brokerPost(
        genericPayload({ account_id: 'stale', expires_in: undefined, expires_at: '2020-01-01T00:00:00Z' }),
      );
      const res = await failing.serviceGet('/api/credentials/token?platform=x', SERVICE_SECRETS.x);
      expect(res.body).toMatchObject({ access_token: CANARY.accessToken, token_expired: true });
      const text = capture.lines.join('');
      expect(text).toContain('Inline refresh of x:stale failed; serving the stored token');
      expect(text).toContain('[Token Expired] x:stale token expired at 2020-01-01T00:00:00.000Z');
    } finally {
      capture.stop();
      await failing.stop();
    }
  });
});
