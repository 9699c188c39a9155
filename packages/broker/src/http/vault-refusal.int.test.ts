// A vault that refuses the broker: the admin API and the Connections page say which client, why and what to fix —
// the vault's own code, hint and field for a bad request, the client's vault key for a wrong key — never a key.
import { Browser, textOf } from '../../test/browser';
import { secret, startBrokerStack, type BrokerStack } from '../../test/fixtures';

const KEY_HINT = "Check BROKER_API_KEY / the client's vault key";

describe('vault refusals through the admin API and the Connections page', () => {
  let stack: BrokerStack;
  const wrongKey = secret('wrongVaultKey');

  beforeAll(async () => {
    stack = await startBrokerStack('brk_refusal');
    stack.trackSecret(wrongKey);
    const created = await stack.admin('POST', '/admin/clients', {
      client_id: 'acme',
      client_name: 'Acme Ltd',
      vault_url: stack.vaults[0]!.vault.ingressUrl,
      vault_api_key: wrongKey,
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => stack.close());

  it('answers a wrong vault key with 502 naming the client and where its key is set', async () => {
    const answer = await stack.admin('GET', '/admin/clients/acme/credentials');
    expect(answer.status).toBe(502);
    expect(answer.body.detail).toEqual({
      code: 'vault_unavailable',
      message: "The vault of client acme (Acme Ltd) refused the broker's API key (HTTP 401)",
      hint: expect.stringContaining(`${KEY_HINT}: client acme's vault key (vault_api_key:`),
    });
    expect((answer.body.detail as { hint: string }).hint).toContain('PUT /admin/clients/acme');
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('passes on a bad request the vault refused with its status, code, hint and field', async () => {
    const answer = await stack.admin('GET', '/admin/clients/local/credentials?platform=myspace');
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^The vault of client local \(Local vault\) refused the request \(HTTP 400\): /,
      ),
      field: 'platform',
    });
    expect((answer.body.detail as { hint: string }).hint).not.toMatch(/check BROKER_API_KEY/i);
  });

  it('answers a disconnect through a wrong key with the same 502 and records vault_401', async () => {
    const answer = await stack.admin('POST', '/admin/clients/acme/disconnect', {
      credential_id: '00000000-0000-4000-8000-000000000001',
    });
    expect(answer.status).toBe(502);
    expect(answer.body.detail).toMatchObject({
      code: 'vault_unavailable',
      hint: expect.stringContaining(KEY_HINT),
    });
    expect((await stack.events()).at(-1)).toMatchObject({
      client_id: 'acme',
      event: 'disconnected',
      outcome: 'vault_401',
    });
  });

  it('shows the operator the same message and hint on the Connections page', async () => {
    const browser = new Browser();
    const signIn = await browser.submit(await browser.get(`${stack.broker.url}/signin`), {
      admin_token: stack.adminToken,
    });
    expect(signIn.status).toBe(303);
    const page = await browser.get(`${stack.broker.url}/?client=acme`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("The vault of client acme (Acme Ltd) refused the broker's API key (HTTP 401).");
    expect(text).toContain(`${KEY_HINT}: client acme's vault key`);
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
