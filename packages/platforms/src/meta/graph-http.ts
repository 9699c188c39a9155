// Authenticated GET/POST against a Meta Graph host, with every failure mapped to an AppError.
import { AppError, registerSecret } from '@socialvault/common';
import axios, { type AxiosInstance } from 'axios';
import { RequestGuard, type RequestPolicy } from '../request-guard';
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
export type GraphParams = Record<string, string | number | boolean | undefined>;

const DEFAULT_TIMEOUT_MS = 15_000;
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

function compact(params: GraphParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined) out[key] = String(value);
  return out;
}

/**
 * A thin Graph transport. The token travels only in `Authorization: Bearer`, never in a URL, so it
 * cannot leak through access logs or error messages; it is also registered with the log redactor.
 * POST parameters go in an `application/x-www-form-urlencoded` body (captions stay out of URLs).
 * Graph's usage headers (X-App-Usage, X-Business-Use-Case-Usage) and throttling errors are remembered per
 * token, so later calls are refused early with `rate_limited` until access returns; GETs are retried on 5xx.
 */
export class GraphHttp {
  readonly platform: string;
  private readonly baseUrl: string;
  private readonly accessToken: string;
  private readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly guard: RequestGuard;

  constructor(options: GraphHttpOptions) {
    if (!options.accessToken) {
      throw new AppError('reconnect_required', `${options.platform} credential has no access token`, {
        hint: 'Reconnect the account through the OAuth broker.',
      });
    }
    this.platform = options.platform;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.accessToken = options.accessToken;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = options.http ?? axios.create();
    registerSecret(options.accessToken);
    // The publishing quota (code 9) limits publishing only; reads stay allowed, so it is not remembered.
    this.guard = new RequestGuard(
      options.platform,
      options.platform.toLowerCase(),
      options.accessToken,
      options.policy,
      (error) => error.details?.graph_code !== 9,
    );
  }

  /** GET `{baseUrl}/{path}` with query `params`; resolves with the JSON body. Throws AppError. */
  async get<T>(path: string, params: GraphParams | undefined, operation: string): Promise<T> {
    return this.send<T>('GET', path, params, operation);
  }

  /** POST form-encoded `params` to `{baseUrl}/{path}`; resolves with the JSON body. Throws AppError. */
  async post<T>(path: string, params: GraphParams, operation: string): Promise<T> {
    return this.send<T>('POST', path, params, operation);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    params: GraphParams | undefined,
    operation: string,
  ): Promise<T> {
    const values = compact(params);
    return this.guard.run({ method, operation }, () => this.sendOnce<T>(method, path, values, operation));
  }

  private async sendOnce<T>(
    method: 'GET' | 'POST',
    path: string,
    values: Record<string, string>,
    operation: string,
  ): Promise<{ value: T; spentForS?: number }> {
    try {
      const response = await this.http.request<T>({
        method,
        url: `${this.baseUrl}/${path.replace(/^\/+/, '')}`,
        headers: {
          Authorization: `Bearer ${this.accessToken}`,
          Accept: 'application/json',
          ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        params: method === 'GET' ? values : undefined,
        data: method === 'POST' ? new URLSearchParams(values).toString() : undefined,
        timeout: this.timeoutMs,
        responseType: 'json',
        // Graph answers errors with 4xx/5xx JSON; axios throws and toGraphAppError maps them.
        validateStatus: (status) => status >= 200 && status < 300,
      });
      return {
        value: response.data,
        spentForS: graphUsageSpentForS(response.headers as Record<string, unknown>),
      };
    } catch (error) {
      throw toGraphAppError(error, { platform: this.platform, operation, accessToken: this.accessToken });
    }
  }
}
