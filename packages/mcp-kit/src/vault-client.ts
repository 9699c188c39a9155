// Client of the vault's internal listener: fetches this server's tokens and keeps them in memory only.
import type { AxiosInstance } from 'axios';
import type { Logger } from 'winston';
import { createLogger, registerSecret } from '@socialvault/common';
import { contractProblem, tokenAnswerSchema } from '@socialvault/vault-api';
import { credentialFromResponse, type Credential } from './credential';
import {
  CREDENTIAL_CHANGED,
  tokenExpiredError,
  vaultBadBodyError,
  vaultHttpError,
  vaultUnreachableError,
} from './vault-errors';
import { createVaultHttp, describeNetworkError } from './vault-http';

export interface VaultClientOptions {
  /** Base URL of the vault's internal listener, e.g. `http://vault:3007`. */
  vaultUrl: string;
  /** This server's service secret (`VAULT_TOKEN`), sent as `Authorization: Bearer …`. */
  serviceToken: string;
  /** Timeout of each vault request in milliseconds; default 5000. */
  timeoutMs?: number;
  /**
   * Longest time a credential asked for by account id is served from memory, so revocations are seen;
   * default 300 000 ms. 0 disables the cache. Calls without an account id always ask the vault.
   */
  cacheMaxAgeMs?: number;
  /** A cached credential is dropped this long before its `token_expires_at`; default 60 000 ms. */
  expiryMarginMs?: number;
  logger?: Logger;
  /** Clock in epoch milliseconds (tests); default `Date.now`. */
  now?: () => number;
}

/** Result of `VaultClient.health()`. */
export interface VaultHealth {
  /** True when `GET ${VAULT_URL}/health` answered 2xx in time. */
  reachable: boolean;
}

interface CacheEntry {
  credential: Credential;
  platform: string;
  expiresAtMs: number;
}

const DEFAULT_ACCOUNT = '\u0000default';

/**
 * Fetches decrypted credentials from `GET /api/credentials/token` and caches them in this process's
 * memory (never on disk) until `expiryMarginMs` before the token expires, or at most `cacheMaxAgeMs`.
 * Only calls that name the account are served from memory: without one, the vault is asked every time
 * which account it is (one request; 409 when there are several by then). Concurrent requests for the
 * same key share one vault request.
 *
 * @example
 * const vault = createVaultClient({ vaultUrl: 'http://vault:3007', serviceToken: config.vaultToken });
 * const credential = await vault.getCredential('instagram');          // the only connected account
 * await graph.get(path, { headers: { Authorization: `Bearer ${credential.accessToken}` } });
 * // the platform said the token is bad (code 190):
 * vault.invalidate('instagram', credential.accountId);
 */
export class VaultClient {
  private readonly http: AxiosInstance;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<Credential>>();
  /** Bumped by invalidate(), so a fetch that started before it does not refill the cache. */
  private generation = 0;
  private readonly timeoutMs: number;
  private readonly cacheMaxAgeMs: number;
  private readonly expiryMarginMs: number;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(options: VaultClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.cacheMaxAgeMs = options.cacheMaxAgeMs ?? 300_000;
    this.expiryMarginMs = options.expiryMarginMs ?? 60_000;
    this.logger = options.logger ?? createLogger('mcp-kit', 'vault-client');
    this.now = options.now ?? Date.now;
    this.http = createVaultHttp(options.vaultUrl, options.serviceToken, this.timeoutMs);
  }

  /**
   * The credential for `platform` and `accountId` (omit it when the platform has one account; the vault
   * is then asked on every call, so a second account connected meanwhile is a `conflict` at once).
   * @throws AppError `reconnect_required` (token_expired), `not_found` (404), `conflict` (409:
   *   several accounts, the hint lists them), `vault_unavailable` (401/403: wrong VAULT_TOKEN; 5xx,
   *   network failure or timeout; 503 `credential_changed`: the stored row changed, and every cached
   *   copy of that account, of the whole platform when no account was named, is dropped).
   */
  async getCredential(platform: string, accountId?: string): Promise<Credential> {
    const key = cacheKey(platform, accountId);
    // Without an account id the vault decides, on every call, whether there is exactly one account: a
    // second account connected since the last call is a conflict now, not after a cache expires.
    const cached = accountId === undefined ? undefined : this.cache.get(key);
    if (cached && cached.expiresAtMs > this.now()) return cached.credential;
    if (cached) this.cache.delete(key);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = this.fetchCredential(platform, accountId).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  /**
   * Drops cached credentials of `platform` (only those of `accountId` when given), e.g. when the
   * platform rejected the token. The next getCredential() asks the vault again.
   */
  invalidate(platform: string, accountId?: string): void {
    this.generation += 1;
    for (const [key, entry] of this.cache) {
      if (entry.platform !== platform) continue;
      if (accountId === undefined || entry.credential.accountId === accountId) this.cache.delete(key);
    }
  }

  /** Whether the vault answers `GET /health` with 2xx within the timeout (at most 2 s). Never throws. */
  async health(): Promise<VaultHealth> {
    try {
      const response = await this.http.get('/health', { timeout: Math.min(this.timeoutMs, 2000) });
      return { reachable: response.status >= 200 && response.status < 300 };
    } catch {
      return { reachable: false };
    }
  }

  private async fetchCredential(platform: string, accountId: string | undefined): Promise<Credential> {
    const generation = this.generation;
    const params = accountId === undefined ? { platform } : { platform, account_id: accountId };
    let response;
    try {
      response = await this.http.get('/api/credentials/token', { params });
    } catch (error) {
      const reason = describeNetworkError(error, this.timeoutMs);
      this.logger.warn('vault unreachable', { platform, account_id: accountId, reason });
      throw vaultUnreachableError(reason);
    }
    const body: unknown = response.data;
    if (response.status !== 200) {
      const error = vaultHttpError(response.status, body, platform, accountId);
      // A copy cached under another key (the account id, or the platform default) is no longer trusted.
      if (error.details?.reason === CREDENTIAL_CHANGED) this.invalidate(platform, accountId);
      this.logger.warn('vault refused a token request', {
        platform,
        account_id: accountId,
        status: response.status,
        code: error.code,
      });
      throw error;
    }
    if (body && typeof body === 'object' && 'access_token' in body) {
      registerSecret(String((body as { access_token: unknown }).access_token));
    }
    const parsed = tokenAnswerSchema.safeParse(body);
    if (!parsed.success) {
      throw vaultBadBodyError('GET /api/credentials/token', contractProblem(parsed.error));
    }
    const credential = credentialFromResponse(parsed.data);
    if (parsed.data.token_expired) throw tokenExpiredError(platform, credential.accountId);
    if (generation === this.generation) this.store(platform, credential);
    this.logger.debug('credential fetched from the vault', { platform, account_id: credential.accountId });
    return credential;
  }

  private store(platform: string, credential: Credential): void {
    const now = this.now();
    let expiresAtMs = now + this.cacheMaxAgeMs;
    if (credential.tokenExpiresAt) {
      const tokenExpiresAtMs = Date.parse(credential.tokenExpiresAt);
      if (Number.isFinite(tokenExpiresAtMs)) {
        expiresAtMs = Math.min(expiresAtMs, tokenExpiresAtMs - this.expiryMarginMs);
      }
    }
    if (expiresAtMs <= now) return;
    const entry: CacheEntry = { credential, platform, expiresAtMs };
    this.cache.set(cacheKey(platform, credential.accountId), entry);
  }
}

/** Creates a VaultClient; see the class for behaviour. */
export function createVaultClient(options: VaultClientOptions): VaultClient {
  return new VaultClient(options);
}

function cacheKey(platform: string, accountId: string | undefined): string {
  return `${platform}\u0000${accountId ?? DEFAULT_ACCOUNT}`;
}
