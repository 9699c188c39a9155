// mcp-x's environment: defaults, X_TIMEOUT_MS, the kit's MEDIA_FETCH_TIMEOUT_MS (and X's deprecated name for it).
import { loadMcpConfig } from '@socialvault/mcp-kit';
import { DEFAULT_X_API_URL } from '@socialvault/platforms';
import { xServerSpec } from './server';

const base = { VAULT_URL: 'http://127.0.0.1:3007', VAULT_TOKEN: 'service-secret-0123456789' };

describe('mcp-x config', () => {
  it('defaults to api.x.com, 15 s timeouts and port 3012', () => {
    expect(loadMcpConfig(xServerSpec, base)).toMatchObject({
      port: 3012,
      xApiUrl: DEFAULT_X_API_URL,
      xTimeoutMs: 15_000,
      mediaFetchTimeoutMs: 15_000,
    });
  });

  it('takes X_API_URL without a trailing slash, X_TIMEOUT_MS and MEDIA_FETCH_TIMEOUT_MS', () => {
    expect(
      loadMcpConfig(xServerSpec, {
        ...base,
        X_API_URL: 'http://127.0.0.1:3020/x/',
        X_TIMEOUT_MS: '2000',
        MEDIA_FETCH_TIMEOUT_MS: '3000',
      }),
    ).toMatchObject({ xApiUrl: 'http://127.0.0.1:3020/x', xTimeoutMs: 2000, mediaFetchTimeoutMs: 3000 });
  });

  it('still reads the deprecated X_MEDIA_FETCH_TIMEOUT_MS when MEDIA_FETCH_TIMEOUT_MS is unset', () => {
    expect(
      loadMcpConfig(xServerSpec, { ...base, X_MEDIA_FETCH_TIMEOUT_MS: '4000' }).mediaFetchTimeoutMs,
    ).toBe(4000);
    expect(
      loadMcpConfig(xServerSpec, {
        ...base,
        X_MEDIA_FETCH_TIMEOUT_MS: '4000',
        MEDIA_FETCH_TIMEOUT_MS: '3000',
      }).mediaFetchTimeoutMs,
    ).toBe(3000);
  });

  it('refuses an out-of-range timeout, naming the variable', () => {
    expect(() => loadMcpConfig(xServerSpec, { ...base, X_TIMEOUT_MS: '200000' })).toThrow(
      /X_TIMEOUT_MS: must be between 100 and 120000/,
    );
  });
});
