// Disconnect end to end: the broker's admin call → the vault's DELETE (with the Mastodon app secret) →
// the simulator's revocation endpoint; a failing provider still ends with the local wipe.
import { Browser } from '../../test/browser';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

const X_USER = '4400000001';
/** A row the vault revoked: kept for its history, tokens and extra gone. */
const wiped = expect.objectContaining({ status: 'revoked', has_refresh_token: false, extra: {} });

describe('disconnect through the vault, revoked at the provider', () => {
  let stack: BrokerStack;
  let instanceUrl: string;

  beforeAll(async () => {
    stack = await startBrokerStack('brk_disc');
    await stack.people.x(X_USER, 'sv_disc', 'Disconnect X');
    await stack.people.mastodon('gamma', 'carol');
    instanceUrl = stack.sim.mastodonUrl('gamma');
  });
  afterAll(() => stack.close());

  const connectX = async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'x'), { user: X_USER });
    expect(page.code).toBe('connected');
    const [credential] = await stack.vaults[0]!.list('x');
    stack.trackSecret((await stack.vaults[0]!.token('x', X_USER)).body.access_token as string);
    return credential!;
  };
  const revocations = async (endpoint: string) =>
    ((await stack.simAdmin('GET', `/oauth/calls?endpoint=${endpoint}`)).calls as Record<string, unknown>[])
      .length;
  const disconnect = (credentialId: unknown) =>
    stack.admin('POST', '/admin/clients/local/disconnect', { credential_id: credentialId });

  it('X: the simulator sees the revocation, the vault row is wiped, the event says succeeded', async () => {
    const credential = await connectX();
    const before = await revocations('x_revoke');
    const answer = await disconnect(credential.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'revoked', provider_revocation: 'succeeded' });
    expect(await revocations('x_revoke')).toBeGreaterThan(before);
    expect((await stack.vaults[0]!.token('x', X_USER)).status).not.toBe(200);
    expect(await stack.vaults[0]!.list('x')).toEqual([wiped]);
    expect((await stack.events()).at(-1)).toMatchObject({
      event: 'disconnected',
      platform: 'x',
      account_id: X_USER,
      outcome: 'revoked',
      detail: { credential_id: credential.id, vault_status: 200, provider_revocation: 'succeeded' },
    });
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('Mastodon: the broker sends its app secret, the instance sees the revocation with the app client id', async () => {
    const browser = new Browser();
    const form = await browser.get(await stack.startLink('local', 'mastodon'));
    const start = await browser.submit(form, { instance_url: instanceUrl });
    const page = await browser.get((await browser.consent(start.location!)).location!);
    expect(page.code).toBe('connected');
    const [credential] = await stack.vaults[0]!.list('mastodon');
    const app = (await stack.pool.query('SELECT client_id FROM mastodon_apps')).rows[0] as {
      client_id: string;
    };
    expect(credential!.extra).toMatchObject({ instance_url: instanceUrl, client_id: app.client_id });
    const token = (await stack.vaults[0]!.token('mastodon', credential!.account_id as string)).body
      .access_token as string;
    stack.trackSecret(token);

    const answer = await disconnect(credential!.id);
    expect(answer.body).toMatchObject({ status: 'revoked', provider_revocation: 'succeeded' });
    const [revocation] = stack.sim.state.oauth.calls('mastodon_revoke');
    expect(revocation).toMatchObject({
      form: { client_id: app.client_id, client_secret: expect.any(String), token },
      status: 200,
    });
    stack.trackSecret((revocation!.form as Record<string, string>).client_secret!);
    const me = await fetch(`${instanceUrl}/api/v1/accounts/verify_credentials`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
    expect(await stack.vaults[0]!.list('mastodon')).toEqual([wiped]);
    expect((await stack.events()).at(-1)).toMatchObject({
      event: 'disconnected',
      platform: 'mastodon',
      detail: { provider_revocation: 'succeeded' },
    });
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('a provider failing the revocation still ends with the local wipe, and the event says failed', async () => {
    const credential = await connectX();
    await stack.simAdmin('POST', '/oauth/faults', { endpoint: 'x_revoke', kind: 'unavailable', times: 5 });
    const answer = await disconnect(credential.id);
    await stack.simAdmin('DELETE', '/oauth/faults');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'revoked', provider_revocation: 'failed' });
    expect((await stack.vaults[0]!.token('x', X_USER)).status).not.toBe(200);
    expect(await stack.vaults[0]!.list('x')).toEqual([wiped]);
    expect((await stack.events()).at(-1)).toMatchObject({
      event: 'disconnected',
      outcome: 'revoked',
      detail: { provider_revocation: 'failed', provider_error: expect.any(String) },
    });
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
