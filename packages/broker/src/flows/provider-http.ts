// HTTP to the providers' token and identity endpoints: a timeout, no redirects, and failures as values
// that name the step and the provider's error code, never a token, code or secret.
// Plain axios rather than an OAuth library: the ESM-only ones (oauth4webapi 3, openid-client 6) do not
// load under this repo's CommonJS jest, and the flows here are mostly not plain RFC 6749 (Meta's GET
// token endpoint and long-lived exchanges, Threads' th_exchange_token, Mastodon's per-instance apps),
// so a library would cover only X and LinkedIn; PKCE is ten lines of node:crypto (db/states.ts).
import type http from 'node:http';
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { redactText, registerSecret } from '@socialvault/common';

/** A provider call that failed: which step, the HTTP status (0 = no answer) and the provider's error code. */
export class ProviderCallError extends Error {
  override name = 'ProviderCallError';
  constructor(
    readonly step: string,
    readonly status: number,
    readonly providerError: string | undefined,
  ) {
    super(
      `${step} failed: ${status === 0 ? 'no answer' : `HTTP ${status}`}${providerError ? ` (${providerError})` : ''}`,
    );
  }
}

/** The short error code of a provider answer: OAuth `error`, Graph `error.message`/`code`, X `title`. */
function providerErrorOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const nested = record.error;
  const text =
    typeof nested === 'string'
      ? `${nested}${typeof record.error_description === 'string' ? `: ${record.error_description}` : ''}`
      : nested && typeof nested === 'object'
        ? [(nested as Record<string, unknown>).type, (nested as Record<string, unknown>).message]
            .filter((part) => typeof part === 'string')
            .join(': ')
        : typeof record.title === 'string'
          ? record.title
          : typeof record.message === 'string'
            ? record.message
            : undefined;
  return text ? redactText(text).slice(0, 200) : undefined;
}

/** Makes provider calls; every token found in an answer is registered with the redactor at once. */
export class ProviderHttp {
  private readonly client: AxiosInstance;

  constructor(options: { timeoutMs: number; httpAgent?: http.Agent }) {
    this.client = axios.create({
      timeout: options.timeoutMs,
      maxRedirects: 0,
      validateStatus: () => true,
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
    });
  }

  /**
   * Sends `request` and returns the JSON body of a 2xx answer.
   * @throws ProviderCallError naming `step` for a non-2xx answer, a non-JSON body or no answer
   */
  async json<T extends Record<string, unknown>>(step: string, request: AxiosRequestConfig): Promise<T> {
    let response;
    try {
      response = await this.client.request({ responseType: 'json', ...request });
    } catch {
      // The axios error holds the request (form with code, secret, verifier): never let it out.
      throw new ProviderCallError(step, 0, undefined);
    }
    const body: unknown = response.data;
    if (body && typeof body === 'object') {
      for (const key of ['access_token', 'refresh_token', 'id_token', 'client_secret'])
        registerSecret((body as Record<string, unknown>)[key] as string | undefined);
    }
    if (response.status < 200 || response.status > 299)
      throw new ProviderCallError(step, response.status, providerErrorOf(body));
    if (!body || typeof body !== 'object') throw new ProviderCallError(step, response.status, 'not JSON');
    return body as T;
  }
}

/** A form body (application/x-www-form-urlencoded) for axios. */
export function form(fields: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.set(key, value);
  return params;
}

/** Reads a required string field of a provider answer. @throws ProviderCallError when missing */
export function field(step: string, body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  throw new ProviderCallError(step, 200, `answer without ${name}`);
}

/** An optional positive number field (e.g. `expires_in`). */
export function optionalSeconds(body: Record<string, unknown>, name: string): number | undefined {
  const value = Number(body[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}
