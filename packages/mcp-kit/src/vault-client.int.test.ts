// VaultClient against a strict fake vault over real HTTP: errors, cache, invalidation, health.
import { isAppError, type AppError } from '@socialvault/common';
import { findFreePort } from '@socialvault/common/testing';
import { startFakeVault, type FakeVault } from '../test/fixtures/fake-vault';
import { createVaultClient } from './vault-client';

const SERVICE_TOKEN = 'svc-secret-0123456789';
const TOKEN = 'IGQVcanary-token-vault-client-1234567890';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('VaultClient', () => {
  let vault: FakeVault;

  beforeEach(async () => {
    vault = await startFakeVault({
      serviceToken: SERVICE_TOKEN,
      allowedPlatforms: ['instagram', 'mastodon'],
      credentials: [
        {
          platform: 'instagram',
          account_id: '1789',
          access_token: TOKEN,
          username: 'shop',
          scopes: ['instagram_basic', 'instagram_content_publish'],
          token_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          instagram_business_account_id: '1789',
          facebook_page_id: 'page-1',
          extra: { meta_user_id: 'mu-1' },
        },
      ],
    });
  });
  afterEach(() => vault.close());

  const client = (overrides: Partial<Parameters<typeof createVaultClient>[0]> = {}) =>
    createVaultClient({ vaultUrl: vault.url, serviceToken: SERVICE_TOKEN, ...overrides });

  it('serves the credential with the seed fields in extra and a token that does not serialize', async () => {
    const credential = await client().getCredential('instagram');
    expect(credential.accessToken).toBe(TOKEN);
    expect(credential).toMatchObject({
      credentialId: 'cred-1789',
      tokenType: 'bearer',
      platform: 'instagram',
      accountId: '1789',
      username: 'shop',
      clientId: 'client-1',
      scopes: ['instagram_basic', 'instagram_content_publish'],
      extra: { meta_user_id: 'mu-1', instagram_business_account_id: '1789', facebook_page_id: 'page-1' },
    });
    expect(Object.keys(credential.extra).sort()).toEqual([
      'facebook_page_id',
      'instagram_business_account_id',
      'meta_user_id',
    ]);
    expect(JSON.stringify(credential)).not.toContain(TOKEN);
    expect(JSON.stringify({ ...credential })).not.toContain(TOKEN);
    expect(vault.requests).toEqual([{ platform: 'instagram', account_id: undefined, authorized: true }]);
  });

  it('serves calls that name the account from memory, and asks the vault again after invalidate()', async () => {
    const vaultClient = client();
    await vaultClient.getCredential('instagram', '1789');
    await vaultClient.getCredential('instagram', '1789');
    expect(vault.requests).toHaveLength(1);
    vaultClient.invalidate('instagram', '1789');
    await vaultClient.getCredential('instagram', '1789');
    expect(vault.requests).toHaveLength(2);
  });

  it('asks the vault on every call without an account id, so a second account is a conflict at once', async () => {
    const vaultClient = client();
    expect((await vaultClient.getCredential('instagram')).accountId).toBe('1789');
    // The answer is cached under its account id, for calls that name it.
    await vaultClient.getCredential('instagram', '1789');
    expect(vault.requests).toHaveLength(1);
    vault.credentials.push({
      ...vault.credentials[0]!,
      account_id: '2024',
      access_token: 'IGQVsecond-token-2024',
    });
    const error = await failure(vaultClient.getCredential('instagram'));
    expect(error).toMatchObject({ code: 'conflict', hint: expect.stringContaining('1789, 2024') });
    expect(vault.requests).toHaveLength(2);
  });

  it('shares one vault request between concurrent calls', async () => {
    vault.delayMs = 50;
    const vaultClient = client();
    await Promise.all([vaultClient.getCredential('instagram'), vaultClient.getCredential('instagram')]);
    expect(vault.requests).toHaveLength(1);
  });

  it('drops a cached credential after the max age and shortly before the token expires', async () => {
    let now = Date.now();
    const vaultClient = client({ cacheMaxAgeMs: 300_000, expiryMarginMs: 60_000, now: () => now });
    await vaultClient.getCredential('instagram', '1789');
    now += 299_000;
    await vaultClient.getCredential('instagram', '1789');
    expect(vault.requests).toHaveLength(1);
    now += 2_000;
    await vaultClient.getCredential('instagram', '1789');
    expect(vault.requests).toHaveLength(2);

    vault.credentials[0]!.token_expires_at = new Date(now + 90_000).toISOString();
    vaultClient.invalidate('instagram');
    await vaultClient.getCredential('instagram', '1789');
    now += 31_000;
    await vaultClient.getCredential('instagram', '1789');
    expect(vault.requests).toHaveLength(4);
  });

  it('turns token_expired into reconnect_required and does not cache it', async () => {
    vault.credentials[0]!.token_expired = true;
    const vaultClient = client();
    const error = await failure(vaultClient.getCredential('instagram'));
    expect(error.code).toBe('reconnect_required');
    expect(error.hint).toMatch(/broker/);
    await failure(vaultClient.getCredential('instagram'));
    expect(vault.requests).toHaveLength(2);
  });

  it('reports a wrong VAULT_TOKEN as vault_unavailable with a hint about VAULT_TOKEN', async () => {
    const error = await failure(client({ serviceToken: 'wrong-secret-123456' }).getCredential('instagram'));
    expect(error.code).toBe('vault_unavailable');
    expect(error.hint).toMatch(/VAULT_TOKEN/);
    expect(vault.requests[0]!.authorized).toBe(false);
  });

  it('reports a platform the service may not read as vault_unavailable', async () => {
    const error = await failure(client().getCredential('x'));
    expect(error.code).toBe('vault_unavailable');
    expect(error.hint).toMatch(/VAULT_SERVICE_TOKENS/);
  });

  it('reports a missing credential as not_found with a hint to connect the account', async () => {
    const error = await failure(client().getCredential('mastodon'));
    expect(error.code).toBe('not_found');
    expect(error.hint).toMatch(/broker/);
  });

  it('reports several accounts as conflict listing the account ids', async () => {
    vault.credentials.push({
      platform: 'instagram',
      account_id: '2001',
      access_token: 'IGQVsecond-token-123456',
    });
    const error = await failure(client().getCredential('instagram'));
    expect(error.code).toBe('conflict');
    expect(error.hint).toBe('Pass account_id, one of: 1789, 2001.');
    expect(error.details).toMatchObject({ field: 'account_id' });
    const chosen = await client().getCredential('instagram', '2001');
    expect(chosen.accountId).toBe('2001');
  });

  it('refuses a token answer with a renamed field as vault_unavailable naming the field', async () => {
    // A vault of another release that calls `username` `user_name`: the contract says which field broke.
    vault.credentials[0] = { ...vault.credentials[0]!, username: undefined, user_name: 'shop' };
    const error = await failure(client().getCredential('instagram'));
    expect(error.code).toBe('vault_unavailable');
    expect(error.message).toMatch(/does not match the vault-api contract \(username: /);
    expect(error.message).not.toContain(TOKEN);
    expect(error.hint).toMatch(/same release/);
  });

  it('reports a failing vault (503) and a closed port as vault_unavailable', async () => {
    vault.failWith = 503;
    expect((await failure(client().getCredential('instagram'))).code).toBe('vault_unavailable');
    const closed = createVaultClient({
      vaultUrl: `http://127.0.0.1:${await findFreePort()}`,
      serviceToken: SERVICE_TOKEN,
    });
    const error = await failure(closed.getCredential('instagram'));
    expect(error.code).toBe('vault_unavailable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('drops every cached copy of a credential when the vault says it changed (503 credential_changed)', async () => {
    const vaultClient = client();
    await vaultClient.getCredential('instagram', '1789');
    expect(vault.requests).toHaveLength(1);
    vault.failWith = 503;
    vault.failReason = 'credential_changed';
    // Asked without an account id (not cached under that key): the vault refuses, naming the change.
    const refused = await failure(vaultClient.getCredential('instagram'));
    expect(refused).toMatchObject({ code: 'vault_unavailable', hint: 'Retry later' });
    expect(refused.message).toMatch(/changed since it was stored/);
    // The copy cached under the account id is gone too: the next call asks the vault, which refuses.
    expect((await failure(vaultClient.getCredential('instagram', '1789'))).code).toBe('vault_unavailable');
    expect(vault.requests).toHaveLength(3);
  });

  it('keeps the cached credential on a plain 503 (a vault restart is not a changed credential)', async () => {
    const vaultClient = client();
    await vaultClient.getCredential('instagram', '1789');
    vault.failWith = 503;
    expect((await failure(vaultClient.getCredential('instagram'))).code).toBe('vault_unavailable');
    expect((await vaultClient.getCredential('instagram', '1789')).accessToken).toBe(TOKEN);
    expect(vault.requests).toHaveLength(2);
  });

  it('gives up after timeoutMs', async () => {
    vault.delayMs = 500;
    const error = await failure(client({ timeoutMs: 100 }).getCredential('instagram'));
    expect(error.code).toBe('vault_unavailable');
    expect(error.message).toMatch(/100 ms/);
  });

  it('reports health: reachable, then unreachable once the vault is gone', async () => {
    const vaultClient = client();
    expect(await vaultClient.health()).toEqual({ reachable: true });
    await vault.close();
    expect(await vaultClient.health()).toEqual({ reachable: false });
    vault = await startFakeVault({ serviceToken: SERVICE_TOKEN });
  });
});
