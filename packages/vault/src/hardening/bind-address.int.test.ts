// Where the vault listens: both listeners bind 127.0.0.1 unless VAULT_HOST says otherwise (SPEC "Running"), so a
// dev vault is never reachable from the network; compose sets 0.0.0.0 inside its private network.
import { rawRequest } from '../../test/hardening-fixtures';
import { startTestVault, type TestVault } from '../../test/fixtures';

/** Whether `127.0.0.2` reaches the listener at `url`: any 127/8 address reaches 0.0.0.0, only 127.0.0.1 reaches 127.0.0.1. */
async function answersOn127002(url: string): Promise<boolean> {
  const { port } = new URL(url);
  try {
    await rawRequest(`http://127.0.0.2:${port}`, { path: '/health' });
    return true;
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    return false;
  }
}

describe('VAULT_HOST', () => {
  let t: TestVault | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('defaults to 127.0.0.1 for both listeners', async () => {
    t = await startTestVault({ prefix: 'bind_default', env: { VAULT_HOST: undefined } });
    expect(t.config.host).toBe('127.0.0.1');
    for (const url of [t.vault.ingressUrl, t.vault.internalUrl]) {
      expect((await rawRequest(url, { path: '/health' })).status).toBe(200);
      expect(await answersOn127002(url)).toBe(false);
    }
  });

  it('binds every interface only when set to 0.0.0.0 (as compose does)', async () => {
    t = await startTestVault({ prefix: 'bind_all', env: { VAULT_HOST: '0.0.0.0' } });
    for (const url of [t.vault.ingressUrl, t.vault.internalUrl])
      expect(await answersOn127002(url)).toBe(true);
  });
});
