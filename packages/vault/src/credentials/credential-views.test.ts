// The vault checks its credential answers against @socialvault/vault-api before sending them.
import type { CredentialRecord } from '../db/credential-repository';
import { metadataView, tokenView } from './credential-views';

const NOW = new Date('2026-03-01T12:00:00Z');
const record = (fields: Partial<CredentialRecord> = {}): CredentialRecord => ({
  id: '00000000-0000-4000-8000-000000000001',
  platform: 'x',
  accountId: '2244994945',
  username: 'socialvault_x',
  clientId: 'client-a',
  status: 'active',
  scopes: ['tweet.read'],
  tokenExpiresAt: new Date('2026-03-01T14:00:00Z'),
  refreshExpiresAt: null,
  extra: {},
  accessTokenCiphertext: 'v1:k1:ciphertext',
  refreshTokenCiphertext: null,
  keyId: 'k1',
  createdAt: NOW,
  updatedAt: NOW,
  lastRefreshedAt: null,
  revokedAt: null,
  tokenIssuedAt: NOW,
  refreshFailures: 0,
  nextRefreshAt: null,
  lastRefreshError: null,
  reconnectNotifiedAt: null,
  ...fields,
});

describe('the views of a credential', () => {
  it('build answers the contract accepts', () => {
    expect(tokenView(record(), 'token-0123456789', NOW)).toMatchObject({
      access_token: 'token-0123456789',
      token_type: 'bearer',
      token_expired: false,
    });
    expect(metadataView(record(), NOW)).toMatchObject({ has_refresh_token: false, refresh_failures: 0 });
  });

  it('refuse to answer with a value outside the contract (a platform it does not name)', () => {
    const stray = record({ platform: 'myspace' as CredentialRecord['platform'] });
    expect(() => tokenView(stray, 'token-0123456789', NOW)).toThrow(/platform/);
    expect(() => metadataView(stray, NOW)).toThrow(/platform/);
  });
});
