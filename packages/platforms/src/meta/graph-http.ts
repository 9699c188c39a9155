// The Meta Graph configuration of the platform transport: form-encoded POSTs, usage-header budgets per token.
import { AppError } from '@socialvault/common';
import type { AxiosInstance } from 'axios';
import { requireAccessToken } from '../http/access-token';
import { compactParams, type PlatformParams } from '../http/params';
import { createPlatformTransport, type PlatformTransport } from '../http/transport';
import type { RequestPolicy } from '../request-guard';
import { toGraphAppError } from './graph-errors';
import { graphUsageSpentForS } from './graph-usage';

export interface GraphHttpOptions {
  /** Versioned base URL, e.g. `https://graph.facebook.com/v25.0` (no trailing slash needed). */
  baseUrl: string;
  accessToken: string;
  /** Product name used in error messages: `Instagram`, `Threads`. */
  platform: string;
  /** Per-request timeout; default 15 000 ms. */
  timeoutMs?: number;
  /** An axios instance to send through (tests, proxies); a fresh one by default. */
  http?: AxiosInstance;
  /** Rate-limit memory and read retries (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
}

/** Query or form parameters; undefined values are left out. */
export type GraphParams = PlatformParams;

const GRAPH_ID_PATTERN = /^[0-9]{1,40}$/;

/**
 * Throws invalid_input unless `id` looks like a Graph object id (digits only), so an id can never
 * change the path of a request.
 */
export function assertGraphId(id: string, what: string): void {
  if (typeof id !== 'string' || !GRAPH_ID_PATTERN.test(id)) {
    throw new AppError(
      'invalid_input',
      `${what} must be a numeric Graph id, got ${JSON.stringify(String(id).slice(0, 60))}`,
      {
        hint: `Pass the ${what} exactly as the API returned it (digits only).`,
      },
    );
  }
}

/**
 * Graph over the platform transport. The token travels only in `Authorization: Bearer`, never in a URL, so it
 * cannot leak through access logs or error messages; it is also registered with the log redactor.
 * POST parameters go in an `application/x-www-form-urlencoded` body (captions stay out of URLs).
 * Graph's usage headers (X-App-Usage, X-Business-Use-Case-Usage) and throttling errors are remembered per
 * token, so later calls are refused early with `rate_limited` until access returns; GETs are retried on 5xx.
 */
export class GraphHttp {
  readonly platform: string;
  private readonly baseUrl: string;
  private readonly transport: PlatformTransport;

  /** @throws AppError reconnect_required without a token */
  constructor(options: GraphHttpOptions) {
    const accessToken = requireAccessToken(options.platform, options.accessToken);
    this.platform = options.platform;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.transport = createPlatformTransport({
      platform: options.platform,
      accessToken,
      timeoutMs: options.timeoutMs,
      http: options.http,
      mapError: (error, request) =>
        toGraphAppError(error, { platform: this.platform, operation: request.operation, accessToken }),
      rateLimits: {
        scopeKey: options.platform.toLowerCase(),
        policy: options.policy,
        spentBudget: ({ headers }) => ({ forS: graphUsageSpentForS(headers) }),
        // The publishing quota (code 9) limits publishing only; reads stay allowed, so it is not remembered.
        remember: (error) => error.details?.graph_code !== 9,
      },
    });
  }

  /** GET `{baseUrl}/{path}` with query `params`; resolves with the JSON body. Throws AppError. */
  async get<T>(path: string, params: GraphParams | undefined, operation: string): Promise<T> {
    const answer = await this.transport.send<T>({
      url: this.url(path),
      params: compactParams(params),
      operation,
    });
    return answer.body;
  }

  /** POST form-encoded `params` to `{baseUrl}/{path}`; resolves with the JSON body. Throws AppError. */
  async post<T>(path: string, params: GraphParams, operation: string): Promise<T> {
    const answer = await this.transport.send<T>({
      method: 'POST',
      url: this.url(path),
      data: new URLSearchParams(compactParams(params)).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      operation,
    });
    return answer.body;
  }

  private url(path: string): string {
    return `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
  }
}
