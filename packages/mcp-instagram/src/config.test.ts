// mcp-instagram's environment: defaults, INSTAGRAM_TIMEOUT_MS (and its deprecated name), one clear error per bad variable.
import { loadMcpConfig } from '@socialvault/mcp-kit';
import { DEFAULT_CONTAINER_POLL, DEFAULT_META_GRAPH_URL } from '@socialvault/platforms';
import { instagramServerSpec } from './server';

const base = { VAULT_URL: 'http://127.0.0.1:3007', VAULT_TOKEN: 'service-secret-0123456789' };

describe('mcp-instagram config', () => {
  it('defaults to the Graph API, Meta’s container polling, a 15 s timeout and port 3005', () => {
    expect(loadMcpConfig(instagramServerSpec, base)).toMatchObject({
      port: 3005,
      metaGraphUrl: DEFAULT_META_GRAPH_URL,
      containerPollIntervalMs: DEFAULT_CONTAINER_POLL.pollIntervalMs,
      containerMaxPolls: DEFAULT_CONTAINER_POLL.maxPollAttempts,
      instagramTimeoutMs: 15_000,
      mediaFetchTimeoutMs: 15_000,
    });
  });

  it('takes META_GRAPH_URL without a trailing slash and INSTAGRAM_TIMEOUT_MS', () => {
    expect(
      loadMcpConfig(instagramServerSpec, {
        ...base,
        META_GRAPH_URL: 'http://127.0.0.1:3020/v25.0/',
        INSTAGRAM_TIMEOUT_MS: '2000',
      }),
    ).toMatchObject({ metaGraphUrl: 'http://127.0.0.1:3020/v25.0', instagramTimeoutMs: 2000 });
  });

  it('still reads the deprecated INSTAGRAM_GRAPH_TIMEOUT_MS when INSTAGRAM_TIMEOUT_MS is unset', () => {
    expect(
      loadMcpConfig(instagramServerSpec, { ...base, INSTAGRAM_GRAPH_TIMEOUT_MS: '4000' }).instagramTimeoutMs,
    ).toBe(4000);
    expect(
      loadMcpConfig(instagramServerSpec, {
        ...base,
        INSTAGRAM_GRAPH_TIMEOUT_MS: '4000',
        INSTAGRAM_TIMEOUT_MS: '2000',
      }).instagramTimeoutMs,
    ).toBe(2000);
  });

  it('refuses a bad URL or an out-of-range number, naming the variable', () => {
    expect(() => loadMcpConfig(instagramServerSpec, { ...base, META_GRAPH_URL: 'ftp://graph' })).toThrow(
      /META_GRAPH_URL/,
    );
    expect(() => loadMcpConfig(instagramServerSpec, { ...base, INSTAGRAM_TIMEOUT_MS: '10' })).toThrow(
      /INSTAGRAM_TIMEOUT_MS: must be between 100 and 120000/,
    );
  });
});
