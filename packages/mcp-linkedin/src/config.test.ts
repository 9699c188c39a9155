// mcp-linkedin's environment: defaults, and one clear error for a malformed LINKEDIN_VERSION.
import { loadMcpConfig } from '@socialvault/mcp-kit';
import { DEFAULT_LINKEDIN_VERSION } from '@socialvault/platforms';
import { linkedinServerSpec } from './server';

const base = { VAULT_URL: 'http://127.0.0.1:3007', VAULT_TOKEN: 'service-secret-0123456789' };

describe('mcp-linkedin config', () => {
  it('defaults to api.linkedin.com, the pinned version, port 3013', () => {
    expect(loadMcpConfig(linkedinServerSpec, base)).toMatchObject({
      port: 3013,
      linkedinApiUrl: 'https://api.linkedin.com',
      linkedinVersion: DEFAULT_LINKEDIN_VERSION,
      linkedinTimeoutMs: 15_000,
      mediaFetchTimeoutMs: 15_000,
    });
  });

  it('takes LINKEDIN_API_URL without a trailing slash and a YYYYMM or YYYYMM.RR version', () => {
    expect(
      loadMcpConfig(linkedinServerSpec, {
        ...base,
        LINKEDIN_API_URL: 'http://127.0.0.1:3020/linkedin/',
        LINKEDIN_VERSION: '202610.01',
      }),
    ).toMatchObject({ linkedinApiUrl: 'http://127.0.0.1:3020/linkedin', linkedinVersion: '202610.01' });
  });

  it('refuses a version that is not YYYYMM, naming the variable', () => {
    expect(() => loadMcpConfig(linkedinServerSpec, { ...base, LINKEDIN_VERSION: '2026-09' })).toThrow(
      /LINKEDIN_VERSION/,
    );
    expect(() => loadMcpConfig(linkedinServerSpec, { ...base, LINKEDIN_VERSION: '20260901' })).toThrow(
      /LINKEDIN_VERSION/,
    );
  });
});
