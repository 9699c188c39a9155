// mcp-threads' environment: defaults, THREADS_TIMEOUT_MS, one clear error per bad variable.
import { loadMcpConfig } from '@socialvault/mcp-kit';
import { DEFAULT_CONTAINER_POLL, DEFAULT_THREADS_API_URL } from '@socialvault/platforms';
import { threadsServerSpec } from './server';

const base = { VAULT_URL: 'http://127.0.0.1:3007', VAULT_TOKEN: 'service-secret-0123456789' };

describe('mcp-threads config', () => {
  it('defaults to the Threads API, Meta’s container polling, a 15 s timeout and port 3011', () => {
    expect(loadMcpConfig(threadsServerSpec, base)).toMatchObject({
      port: 3011,
      threadsApiUrl: DEFAULT_THREADS_API_URL,
      containerPollIntervalMs: DEFAULT_CONTAINER_POLL.pollIntervalMs,
      containerMaxPolls: DEFAULT_CONTAINER_POLL.maxPollAttempts,
      threadsTimeoutMs: 15_000,
      mediaFetchTimeoutMs: 15_000,
    });
  });

  it('takes THREADS_API_URL without a trailing slash, THREADS_TIMEOUT_MS and MEDIA_FETCH_TIMEOUT_MS', () => {
    expect(
      loadMcpConfig(threadsServerSpec, {
        ...base,
        THREADS_API_URL: 'http://127.0.0.1:3020/threads/v1.0/',
        THREADS_TIMEOUT_MS: '2000',
        MEDIA_FETCH_TIMEOUT_MS: '3000',
      }),
    ).toMatchObject({
      threadsApiUrl: 'http://127.0.0.1:3020/threads/v1.0',
      threadsTimeoutMs: 2000,
      mediaFetchTimeoutMs: 3000,
    });
  });

  it('refuses a bad URL or an out-of-range number, naming the variable', () => {
    expect(() => loadMcpConfig(threadsServerSpec, { ...base, THREADS_API_URL: 'graph.threads.net' })).toThrow(
      /THREADS_API_URL/,
    );
    expect(() => loadMcpConfig(threadsServerSpec, { ...base, THREADS_CONTAINER_MAX_POLLS: '0' })).toThrow(
      /THREADS_CONTAINER_MAX_POLLS: must be between 1 and 200/,
    );
  });
});
