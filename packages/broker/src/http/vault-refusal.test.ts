import type { ResolvedClient } from '../db/clients';
import { vaultRefusal } from './vault-refusal';

const acme: ResolvedClient = {
  clientId: 'acme',
  clientName: 'Acme Ltd',
  vaultUrl: 'https://ops:hunter2-in-url@vault.acme.example:8443',
  vaultApiKey: 'broker-key-0123456789',
  status: 'active',
};
const local: ResolvedClient = {
  ...acme,
  clientId: 'local',
  clientName: 'Local vault',
  fromEnvironment: true,
};

describe('vaultRefusal', () => {
  it('sends the local client to the broker’s own BROKER_API_KEY, never showing userinfo of the vault URL', () => {
    const refusal = vaultRefusal(local, 401, { message: 'The X-API-Key header is missing or wrong' });
    expect(refusal).toMatchObject({ status: 502, code: 'vault_unavailable' });
    expect(refusal.hint).toContain("the broker's BROKER_API_KEY (client local comes from the environment");
    expect(refusal.hint).toContain('https://vault.acme.example:8443');
    expect(JSON.stringify(refusal)).not.toContain('hunter2');
  });

  it('keeps the vault’s code when it is a shared one, else the code of its status', () => {
    expect(vaultRefusal(acme, 409, { message: 'busy', code: 'conflict' })).toMatchObject({
      status: 409,
      code: 'conflict',
    });
    expect(vaultRefusal(acme, 413, { message: 'too large' })).toMatchObject({
      status: 413,
      code: 'invalid_input',
    });
  });

  it('adds the key hint to the vault’s lockout (429) and answers 503', () => {
    const refusal = vaultRefusal(acme, 429, { message: 'Too many wrong keys', hint: 'Wait 300 s.' });
    expect(refusal).toMatchObject({ status: 503, code: 'vault_unavailable' });
    expect(refusal.hint).toMatch(
      /^Wait 300 s\. Check BROKER_API_KEY \/ the client's vault key: client acme's/,
    );
  });

  it('answers 503 when the vault is silent or failing, 502 when its 2xx breaks the contract', () => {
    expect(vaultRefusal(acme, 0, { message: 'The vault did not answer (ECONNREFUSED)' }).status).toBe(503);
    expect(vaultRefusal(acme, 500, { message: 'Internal error' }).status).toBe(503);
    expect(vaultRefusal(acme, 201, { message: 'does not match the vault-api contract' }).status).toBe(502);
  });
});
