// Authenticated calls to one Mastodon instance (its URL comes from the credential), with failures mapped.
import {
  AppError,
  bareHost,
  blockedAddressIn,
  createGuardedLookup,
  hasListedOrigin,
  isBlockedLiteral,
  registerSecret,
  type AddressPolicy,
} from '@socialvault/common';
import axios, { type AxiosInstance } from 'axios';
import type { RateLimitState } from '../rate-limit';
import { readRateLimit } from '../rate-limit';
import { endpointBucket } from '../rate-limit-memory';
import { RequestGuard, type RequestPolicy } from '../request-guard';
import type { z } from 'zod';
import { expectAnswer } from './answers';
import { MASTODON_RATE_LIMIT_HEADERS, toMastodonAppError } from './errors';

export interface MastodonHttpOptions {
  /** The instance URL (`extra.instance_url`), e.g. `https://mastodon.social`; a path prefix is kept. */
  instanceUrl: string;
  accessToken: string;
  /** Per-request timeout; default 15 000 ms (uploads get three times that). */
  timeoutMs?: number;
  http?: AxiosInstance;
  /** Rate-limit memory and read retries (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
  /**
   * Origins allowed to live on private, loopback or link-local addresses (MASTODON_PRIVATE_INSTANCE_ALLOWLIST:
   * simulators, LAN instances). Any other instance is connected to only at public addresses. Default none.
   */
  privateInstanceAllowlist?: readonly string[];
  /** How the address guard resolves and judges hosts; tests only (default: system DNS, public addresses). */
  addressPolicy?: AddressPolicy;
}

/** A successful answer: status (200, 202, 206…), headers, body and what the rate-limit headers said. */
export interface MastodonAnswer<T> {
  status: number;
  headers: Record<string, unknown>;
  body: T;
  rateLimit: RateLimitState;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * A thin transport bound to one instance and one token: the token travels only in
 * `Authorization: Bearer` to that instance (registered with the log redactor), never to another host:
 * redirects are not followed, and unless the instance's origin is in `privateInstanceAllowlist` every
 * request connects only to public addresses (checked on the address the socket connects to), so an
 * `instance_url` leading to the internal network fails with `reconnect_required` before anything is sent.
 * `X-RateLimit-*` headers are remembered per token: at `remaining` 0 the next call is refused early with
 * `rate_limited` until `X-RateLimit-Reset` (media uploads: only further uploads). GETs are retried on 5xx.
 * @see https://docs.joinmastodon.org/api/rate-limits/
 */
export class MastodonHttp {
  readonly instanceUrl: string;
  /** The host, for messages. */
  readonly instance: string;
  private readonly accessToken: string;
  private readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly guard: RequestGuard;
  /** The SSRF guard's lookup, or undefined for an allowlisted instance. */
  private readonly guardedLookup: ReturnType<typeof createGuardedLookup> | undefined;
  private readonly isAllowedAddress: ((address: string) => boolean) | undefined;
  private readonly origin: string;

  /** @throws AppError reconnect_required without a token or with an instance URL that is not http(s). */
  constructor(options: MastodonHttpOptions) {
    let url: URL;
    try {
      url = new URL(options.instanceUrl);
    } catch {
      url = new URL('invalid:');
    }
    if (!['http:', 'https:'].includes(url.protocol) || !options.accessToken) {
      throw new AppError(
        'reconnect_required',
        'The Mastodon credential has no usable instance URL or token',
        {
          hint: 'Reconnect the account through the OAuth broker with extra.instance_url set to the https:// URL of the instance.',
        },
      );
    }
    this.instanceUrl = options.instanceUrl.replace(/\/+$/, '');
    this.instance = url.host;
    this.origin = url.origin;
    this.accessToken = options.accessToken;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = options.http ?? axios.create();
    registerSecret(options.accessToken);
    if (!hasListedOrigin(this.instanceUrl, options.privateInstanceAllowlist ?? [])) {
      this.guardedLookup = createGuardedLookup(options.addressPolicy);
      this.isAllowedAddress = options.addressPolicy?.isAllowed;
    }
    this.guard = new RequestGuard(
      `Mastodon (${this.instance})`,
      'mastodon',
      options.accessToken,
      options.policy,
    );
  }

  /** GET `{instanceUrl}{path}` with query `params` (`anonymous`: without the token). Throws AppError. */
  get<T>(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    operation: string,
    anonymous = false,
  ): Promise<MastodonAnswer<T>> {
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) if (value !== undefined) query[key] = String(value);
    return this.send<T>({ method: 'GET', path, params: query, anonymous }, operation);
  }

  /** POST a JSON body, with extra headers (e.g. `Idempotency-Key`). Throws AppError. */
  postJson<T>(path: string, body: unknown, operation: string, headers: Record<string, string> = {}) {
    return this.send<T>(
      { method: 'POST', path, data: body, headers: { 'Content-Type': 'application/json', ...headers } },
      operation,
    );
  }

  /** POST a multipart form (media upload). Throws AppError. */
  postForm<T>(path: string, form: FormData, operation: string): Promise<MastodonAnswer<T>> {
    return this.send<T>({ method: 'POST', path, data: form, timeoutFactor: 3 }, operation);
  }

  private async send<T>(
    request: {
      method: 'GET' | 'POST';
      path: string;
      params?: Record<string, string>;
      data?: unknown;
      headers?: Record<string, string>;
      anonymous?: boolean;
      timeoutFactor?: number;
    },
    operation: string,
  ): Promise<MastodonAnswer<T>> {
    const bucket = endpointBucket(request.method, request.path);
    return this.guard.run({ method: request.method, operation, bucket }, async () => {
      const answer = await this.sendOnce<T>(request, operation);
      const { remaining, retryAfterS } = answer.rateLimit;
      // Media uploads have their own limit (30 per 30 min); any other endpoint reports the account's overall
      // budget (300 per 5 min), so spending it there spends it everywhere.
      const spentScope = /\/api\/v\d\/media/.test(request.path) ? 'bucket' : 'token';
      return { value: answer, spentForS: remaining === 0 ? retryAfterS : undefined, spentScope };
    });
  }

  private async sendOnce<T>(
    request: {
      method: 'GET' | 'POST';
      path: string;
      params?: Record<string, string>;
      data?: unknown;
      headers?: Record<string, string>;
      anonymous?: boolean;
      timeoutFactor?: number;
    },
    operation: string,
  ): Promise<MastodonAnswer<T>> {
    try {
      // An IP literal never goes through the lookup, so it is judged here; a name is judged inside the lookup
      // the socket itself calls (the address checked is the address connected to: no DNS rebinding).
      const { hostname } = new URL(this.origin);
      if (this.guardedLookup && isBlockedLiteral(hostname, this.isAllowedAddress)) {
        throw this.privateAddressError(bareHost(hostname));
      }
      const response = await this.http.request<T>({
        method: request.method,
        url: `${this.instanceUrl}${request.path}`,
        headers: {
          Accept: 'application/json',
          ...(request.anonymous ? {} : { Authorization: `Bearer ${this.accessToken}` }),
          ...request.headers,
        },
        params: request.params,
        data: request.data,
        timeout: this.timeoutMs * (request.timeoutFactor ?? 1),
        responseType: 'json',
        maxBodyLength: Infinity,
        // The token goes to this instance only: a redirect is an error, never followed.
        maxRedirects: 0,
        ...(this.guardedLookup
          ? // Never through HTTP(S)_PROXY: the proxy would resolve the host itself, past the guard.
            { lookup: this.guardedLookup as never, proxy: false as const }
          : {}),
        validateStatus: (status) => status >= 200 && status < 300,
      });
      const headers = response.headers as Record<string, unknown>;
      return {
        status: response.status,
        headers,
        body: response.data,
        rateLimit: readRateLimit(headers, MASTODON_RATE_LIMIT_HEADERS),
      };
    } catch (error) {
      const blocked = blockedAddressIn(error);
      if (blocked) throw this.privateAddressError(blocked.address);
      throw toMastodonAppError(error, { operation, instance: this.instance, accessToken: this.accessToken });
    }
  }

  /**
   * `body` typed as `T` when `schema` accepts it (see answers.ts).
   * @throws AppError platform_error quoting an excerpt of the body (token scrubbed) and `expected`.
   */
  checked<T>(body: unknown, schema: z.ZodType, expected: string, operation: string): T {
    return expectAnswer(body, schema, {
      expected,
      operation,
      instance: this.instance,
      accessToken: this.accessToken,
    }) as T;
  }

  /** The refusal of an instance at a private address: nothing was sent, the token least of all. */
  private privateAddressError(address: string): AppError {
    return new AppError(
      'reconnect_required',
      `Mastodon (${this.instance}) was not contacted: it is at ${address}, a private, loopback or link-local address`,
      {
        hint:
          'Reconnect the account with the public https:// URL of its instance; an instance on your own network ' +
          `needs its origin (${this.origin}) in MASTODON_PRIVATE_INSTANCE_ALLOWLIST.`,
        details: { platform: 'mastodon', instance: this.instance },
      },
    );
  }
}
