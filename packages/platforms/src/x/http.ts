// Authenticated JSON and multipart calls to the X API v2, with rate-limit headers read and failures mapped.
import { AppError, registerSecret } from '@socialvault/common';
import axios, { type AxiosInstance } from 'axios';
import { readRateLimit, type RateLimitState } from '../rate-limit';
import { endpointBucket } from '../rate-limit-memory';
import { RequestGuard, type RequestPolicy } from '../request-guard';
import { toXAppError, xFailureToAppError } from './errors';

export interface XHttpOptions {
  /** API origin, `X_API_URL` (default https://api.x.com); paths start with `/2/`. */
  baseUrl: string;
  /** OAuth 2.0 user-context access token. */
  accessToken: string;
  /** Per-request timeout; default 15 000 ms (uploads get three times that). */
  timeoutMs?: number;
  http?: AxiosInstance;
  /** Rate-limit memory and read retries (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
}

/** Query parameters; undefined values are left out. */
export type XParams = Record<string, string | number | boolean | undefined>;

/** A successful answer: the JSON body and what the rate-limit headers said. */
export interface XAnswer<T> {
  body: T;
  rateLimit: RateLimitState;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function compact(params: XParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}

/**
 * A thin X transport. The token travels only in `Authorization: Bearer` and is registered with the log
 * redactor. A 200 answer without `data` but with `errors` (how X reports a missing post) is a failure.
 * X's per-endpoint `x-rate-limit-*` headers are remembered: once an endpoint's `remaining` is 0, its next
 * call is refused early with `rate_limited` until `x-rate-limit-reset`. GETs are retried on 5xx.
 */
export class XHttp {
  private readonly baseUrl: string;
  private readonly accessToken: string;
  private readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly guard: RequestGuard;

  constructor(options: XHttpOptions) {
    if (!options.accessToken) {
      throw new AppError('reconnect_required', 'X credential has no access token', {
        hint: 'Reconnect the account through the OAuth broker.',
      });
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.accessToken = options.accessToken;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = options.http ?? axios.create();
    registerSecret(options.accessToken);
    this.guard = new RequestGuard('X', 'x', options.accessToken, options.policy);
  }

  /** GET `{baseUrl}{path}?params`. Throws AppError. */
  get<T>(path: string, params: XParams | undefined, operation: string): Promise<XAnswer<T>> {
    return this.send<T>({ method: 'GET', path, params: compact(params) }, operation);
  }

  /** POST a JSON body. Throws AppError. */
  postJson<T>(path: string, body: unknown, operation: string): Promise<XAnswer<T>> {
    return this.send<T>({ method: 'POST', path, data: body, contentType: 'application/json' }, operation);
  }

  /** POST a multipart form (media upload). Throws AppError. */
  postForm<T>(path: string, form: FormData, operation: string): Promise<XAnswer<T>> {
    return this.send<T>({ method: 'POST', path, data: form, timeoutFactor: 3 }, operation);
  }

  private async send<T>(
    request: {
      method: 'GET' | 'POST';
      path: string;
      params?: Record<string, string>;
      data?: unknown;
      contentType?: string;
      timeoutFactor?: number;
    },
    operation: string,
  ): Promise<XAnswer<T>> {
    const bucket = endpointBucket(request.method, request.path);
    return this.guard.run({ method: request.method, operation, bucket }, async () => {
      const answer = await this.sendOnce<T>(request, operation);
      const { remaining, retryAfterS } = answer.rateLimit;
      return { value: answer, spentForS: remaining === 0 ? retryAfterS : undefined };
    });
  }

  private async sendOnce<T>(
    request: {
      method: 'GET' | 'POST';
      path: string;
      params?: Record<string, string>;
      data?: unknown;
      contentType?: string;
      timeoutFactor?: number;
    },
    operation: string,
  ): Promise<XAnswer<T>> {
    const context = { operation, accessToken: this.accessToken };
    let response;
    try {
      response = await this.http.request<T>({
        method: request.method,
        url: `${this.baseUrl}${request.path.startsWith('/') ? '' : '/'}${request.path}`,
        headers: {
          Authorization: `Bearer ${this.accessToken}`,
          Accept: 'application/json',
          ...(request.contentType ? { 'Content-Type': request.contentType } : {}),
        },
        params: request.params,
        data: request.data,
        timeout: this.timeoutMs * (request.timeoutFactor ?? 1),
        responseType: 'json',
        validateStatus: (status) => status >= 200 && status < 300,
      });
    } catch (error) {
      throw toXAppError(error, context);
    }
    const headers = response.headers as Record<string, unknown>;
    const body = response.data as unknown;
    const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    if (!('data' in record) && Array.isArray(record.errors)) {
      throw xFailureToAppError({ status: response.status, body, headers }, context);
    }
    return { body: response.data, rateLimit: readRateLimit(headers) };
  }
}
