// The X API v2 configuration of the platform transport: JSON and multipart calls, x-rate-limit-* budgets per endpoint.
import { requireAccessToken } from '../http/access-token';
import { compactParams, type PlatformParams } from '../http/params';
import { createPlatformTransport, type PlatformRequest, type PlatformTransport } from '../http/transport';
import { readRateLimit, secondsUntilResetWhenSpent, type RateLimitState } from '../rate-limit';
import { toXAppError, xFailureToAppError } from './errors';
import type { XClientOptions } from './types';

/** The client's options that concern the transport. */
export type XHttpOptions = Pick<XClientOptions, 'baseUrl' | 'accessToken' | 'timeoutMs' | 'http' | 'policy'>;

/** Query parameters; undefined values are left out. */
export type XParams = PlatformParams;

/** A successful answer: the JSON body and what the rate-limit headers said. */
export interface XAnswer<T> {
  body: T;
  rateLimit: RateLimitState;
}

/**
 * X over the platform transport. The token travels only in `Authorization: Bearer` and is registered with the log
 * redactor. A 200 answer without `data` but with `errors` (how X reports a missing post) is a failure.
 * X's per-endpoint `x-rate-limit-*` headers are remembered: once an endpoint's `remaining` is 0, its next
 * call is refused early with `rate_limited` until `x-rate-limit-reset`. GETs are retried on 5xx.
 * @throws AppError reconnect_required (constructor) without a token
 */
export class XHttp {
  private readonly baseUrl: string;
  private readonly accessToken: string;
  private readonly transport: PlatformTransport;

  constructor(options: XHttpOptions) {
    this.accessToken = requireAccessToken('X', options.accessToken);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.transport = createPlatformTransport({
      platform: 'X',
      accessToken: this.accessToken,
      timeoutMs: options.timeoutMs,
      http: options.http,
      mapError: (error, request) =>
        toXAppError(error, { operation: request.operation, accessToken: this.accessToken }),
      rateLimits: {
        scopeKey: 'x',
        policy: options.policy,
        perEndpoint: true,
        spentBudget: ({ headers }) => ({ forS: secondsUntilResetWhenSpent(headers) }),
      },
    });
  }

  /** GET `{baseUrl}{path}?params`. Throws AppError. */
  get<T>(path: string, params: XParams | undefined, operation: string): Promise<XAnswer<T>> {
    return this.send<T>({ url: this.url(path), params: compactParams(params), operation });
  }

  /** POST a JSON body. Throws AppError. */
  postJson<T>(path: string, body: unknown, operation: string): Promise<XAnswer<T>> {
    const headers = { 'Content-Type': 'application/json' };
    return this.send<T>({ method: 'POST', url: this.url(path), data: body, headers, operation });
  }

  /** POST a multipart form (media upload). Throws AppError. */
  postForm<T>(path: string, form: FormData, operation: string): Promise<XAnswer<T>> {
    return this.send<T>({ method: 'POST', url: this.url(path), data: form, upload: true, operation });
  }

  private url(path: string): string {
    return `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  private async send<T>(request: PlatformRequest): Promise<XAnswer<T>> {
    const { status, headers, body } = await this.transport.send<T>(request);
    const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    if (!('data' in record) && Array.isArray(record.errors)) {
      const context = { operation: request.operation, accessToken: this.accessToken };
      throw xFailureToAppError({ status, body, headers }, context);
    }
    return { body, rateLimit: readRateLimit(headers) };
  }
}
