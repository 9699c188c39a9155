// The one HTTP transport of the platform clients and the broker's provider calls: timeouts, a bearer token that
// never follows a redirect, an optional address guard, optional rate-limit memory and read retries, and every
// failure handed to the caller's error mapper (so no axios error, which holds the Authorization header, escapes).
import { registerSecret } from '@socialvault/common';
import axios, { type AxiosInstance } from 'axios';
import { endpointBucket } from '../rate-limit-memory';
import { RequestGuard, type RequestPolicy } from '../request-guard';
import { AddressGuard, unwrapBlockedAddress, type AddressGuardOptions } from './address-guard';

/** Per-request timeout when a platform sets none. */
export const DEFAULT_PLATFORM_TIMEOUT_MS = 15_000;
/** Media uploads may take this many times the timeout. */
export const UPLOAD_TIMEOUT_FACTOR = 3;

/** One request. */
export interface PlatformRequest {
  /** Default GET. Only GETs are retried (on 5xx); a publish is never sent twice. */
  method?: 'GET' | 'POST' | 'PUT';
  /** Absolute URL. */
  url: string;
  /** What is being done, for messages and the mapper: `read the post`, `X token exchange`. */
  operation: string;
  /** Query parameters (axios serialises them); pass a string in `url` instead when the encoding matters. */
  params?: Record<string, unknown>;
  /** Body: an object (JSON), URLSearchParams, FormData, a Buffer or a string. */
  data?: unknown;
  /** Extra headers; they win over the transport's `Accept` and `Authorization`. */
  headers?: Record<string, string>;
  /** HTTP Basic credentials (the broker's confidential-client token exchange). */
  auth?: { username: string; password: string };
  /** Send without the transport's bearer token (public endpoints). */
  anonymous?: boolean;
  /** A media upload: UPLOAD_TIMEOUT_FACTOR times the timeout. */
  upload?: boolean;
}

/** An accepted answer: status, headers and the (JSON-parsed when possible) body. */
export interface PlatformAnswer<T> {
  status: number;
  headers: Record<string, unknown>;
  body: T;
}

/** What an accepted answer said about the budget: spent for `forS` seconds, of the endpoint or the whole token. */
export interface SpentBudget {
  /** Seconds until the budget returns; undefined while some is left. */
  forS: number | undefined;
  /** Default: the endpoint's budget when the transport keeps one per endpoint, else the token's. */
  scope?: 'bucket' | 'token';
}

/** The transport's rate-limit rules (see RequestGuard): early refusals, remembered 429s, GET retries on 5xx. */
export interface RateLimitRules {
  /** Lower-case key of the memory scopes (`x`, `instagram`). */
  scopeKey: string;
  /** Memory, retries and backoff; defaults shared by every client of the process. */
  policy?: RequestPolicy;
  /** Keep one budget per endpoint (`GET /2/tweets/:id`) besides the token's; default false (token only). */
  perEndpoint?: boolean;
  /** Reads an accepted answer's rate-limit headers (X's `remaining` 0, Graph's usage at 100 %). */
  spentBudget?: (answer: PlatformAnswer<unknown>, request: PlatformRequest) => SpentBudget;
  /** Whether a `rate_limited` failure is remembered; default all that carry `retryAfterS`. */
  remember?: (error: { details?: Record<string, unknown> }) => boolean;
}

/** How one platform (or the broker) talks HTTP. */
export interface PlatformTransportOptions<R extends PlatformRequest = PlatformRequest> {
  /** Who answers, for messages: `X`, `Mastodon (mastodon.social)`. */
  platform: string;
  /** Sent as `Authorization: Bearer` on every request not marked anonymous; registered with the log redactor. */
  accessToken?: string;
  /** Per-request timeout in ms; default DEFAULT_PLATFORM_TIMEOUT_MS. */
  timeoutMs?: number;
  /** An axios instance to send through (tests); a fresh one by default. */
  http?: AxiosInstance;
  /**
   * Turns whatever a send threw into the error callers see: an axios error (with `response` for a status
   * `acceptStatus` refused, a 3xx included: redirects are never followed; without one for a timeout or a network
   * failure) or a BlockedAddressError from the address guard.
   */
  mapError: (error: unknown, request: R) => Error;
  /** Which statuses are answers rather than failures; default 2xx. */
  acceptStatus?: (status: number) => boolean;
  /** Connect only to public addresses (hosts a user names); default off. */
  addressGuard?: AddressGuardOptions;
  /** Rate-limit memory and read retries (needs `accessToken`); default off. */
  rateLimits?: RateLimitRules;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Sends one platform's requests. Redirects are refused for every platform: a token, code or secret must never
 * follow one to another host, so a 3xx is an answer the mapper sees, not a hop.
 * @example
 * const transport = createPlatformTransport({
 *   platform: 'X',
 *   accessToken,
 *   mapError: (error, request) => toXAppError(error, { operation: request.operation, accessToken }),
 * });
 * const { body } = await transport.send({ url: `${baseUrl}/2/users/me`, operation: 'read the user' });
 */
export class PlatformTransport<R extends PlatformRequest = PlatformRequest> {
  private readonly accessToken: string | undefined;
  private readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly options: PlatformTransportOptions<R>;
  private readonly addressGuard: AddressGuard | undefined;
  private readonly guard: RequestGuard | undefined;

  constructor(options: PlatformTransportOptions<R>) {
    this.options = options;
    this.accessToken = options.accessToken || undefined;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PLATFORM_TIMEOUT_MS;
    this.http = options.http ?? axios.create();
    registerSecret(this.accessToken);
    this.addressGuard = options.addressGuard ? new AddressGuard(options.addressGuard) : undefined;
    if (options.rateLimits) {
      // Budgets are remembered per token: without one there is nothing to remember them by.
      if (!this.accessToken)
        throw new Error(`${options.platform} transport: rateLimits needs an accessToken`);
      const { scopeKey, policy, remember } = options.rateLimits;
      this.guard = new RequestGuard(options.platform, scopeKey, this.accessToken, policy, remember);
    }
  }

  /**
   * Sends `request` (through the rate-limit guard when configured) and resolves with the accepted answer.
   * @throws what `mapError` makes of a refused status, a timeout, a network failure or a blocked address;
   *   `rate_limited` (AppError) without sending when the budget is known to be spent
   */
  async send<T>(request: R): Promise<PlatformAnswer<T>> {
    const rules = this.options.rateLimits;
    if (!this.guard || !rules) return this.sendOnce<T>(request);
    const method = request.method ?? 'GET';
    const bucket = rules.perEndpoint ? endpointBucket(method, new URL(request.url).pathname) : undefined;
    return this.guard.run({ method, operation: request.operation, bucket }, async () => {
      const answer = await this.sendOnce<T>(request);
      const spent = rules.spentBudget?.(answer, request);
      return { value: answer, spentForS: spent?.forS, spentScope: spent?.scope };
    });
  }

  private async sendOnce<T>(request: R): Promise<PlatformAnswer<T>> {
    try {
      const response = await this.http.request<T>({
        method: request.method ?? 'GET',
        url: request.url,
        headers: {
          Accept: 'application/json',
          ...(this.accessToken && !request.anonymous ? { Authorization: `Bearer ${this.accessToken}` } : {}),
          ...request.headers,
        },
        params: request.params,
        data: request.data,
        ...(request.auth ? { auth: request.auth } : {}),
        timeout: this.timeoutMs * (request.upload ? UPLOAD_TIMEOUT_FACTOR : 1),
        responseType: 'json',
        maxBodyLength: Infinity,
        maxRedirects: 0,
        ...this.addressGuard?.socketOptionsFor(request.url),
        validateStatus: this.options.acceptStatus ?? isSuccess,
      });
      return {
        status: response.status,
        headers: response.headers as Record<string, unknown>,
        body: response.data,
      };
    } catch (error) {
      throw this.options.mapError(unwrapBlockedAddress(error), request);
    }
  }
}

/**
 * A transport for one platform and token; see PlatformTransport. `R` is the request shape when the error mapper
 * needs more than `operation` (LinkedIn: the permission a 403 names).
 */
export function createPlatformTransport<R extends PlatformRequest = PlatformRequest>(
  options: PlatformTransportOptions<R>,
): PlatformTransport<R> {
  return new PlatformTransport<R>(options);
}
