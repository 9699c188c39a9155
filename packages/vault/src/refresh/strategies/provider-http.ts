// Calls a provider's token (or revocation) endpoint with a timeout; token answers become a grant body or a classified RefreshFailure.
import axios, { type AxiosInstance } from 'axios';
import { redactText } from '@socialvault/common';
import { RefreshFailure } from './types';

/** One provider request. Secrets travel only in `params`, `form`, `basicAuth` or `bearer`, never in logs. */
export interface TokenRequest {
  /** Who answers, for messages: `Graph`, `X`, … */
  label: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  params?: Record<string, string>;
  form?: Record<string, string>;
  basicAuth?: { username: string; password: string };
  /** A user token sent as `Authorization: Bearer` (Graph calls made with the user's own token). */
  bearer?: string;
}

/** Maps a non-2xx, non-5xx, non-429 answer to a failure (each platform has its own error shape). */
export type ErrorClassifier = (status: number, body: unknown, label: string) => RefreshFailure;

const MAX_DETAIL_CHARS = 300;

/** Short, redacted text from a provider body (it may echo what we sent). */
export function describe(text: unknown): string {
  const value = typeof text === 'string' ? text : JSON.stringify(text ?? '');
  return redactText(value).slice(0, MAX_DETAIL_CHARS);
}

/** An axios instance for token endpoints: `timeoutMs` per call, no redirects, every status returned. */
export function createTokenHttp(timeoutMs: number): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    maxRedirects: 0,
    validateStatus: () => true,
    headers: { Accept: 'application/json', 'User-Agent': 'socialvault-vault' },
    transitional: { clarifyTimeoutError: true },
  });
}

function retryAfterOf(headers: Record<string, unknown>): number | undefined {
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter;
  const resetS = Number(headers['x-rate-limit-reset']);
  if (Number.isFinite(resetS) && resetS > 0) return Math.max(1, Math.ceil(resetS - Date.now() / 1000));
  return undefined;
}

/** A provider's answer, whatever its status. */
export interface ProviderAnswer {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

/**
 * Sends `request` (token, revocation or any other provider call) and resolves with the answer, whatever
 * its status. `endpointName` names the endpoint in the failure message.
 * @throws RefreshFailure `transient` (details.code = the network error code) for network errors and
 * timeouts; its message names only the error code, never the URL or a parameter.
 */
export async function sendProviderRequest(
  http: AxiosInstance,
  request: TokenRequest,
  endpointName = 'token endpoint',
): Promise<ProviderAnswer> {
  try {
    const response = await http.request({
      method: request.method,
      url: request.url,
      params: request.params,
      data: request.form ? new URLSearchParams(request.form).toString() : undefined,
      headers: {
        ...(request.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        ...(request.bearer ? { Authorization: `Bearer ${request.bearer}` } : {}),
        ...(request.basicAuth
          ? {
              Authorization: `Basic ${Buffer.from(
                `${request.basicAuth.username}:${request.basicAuth.password}`,
              ).toString('base64')}`,
            }
          : {}),
      },
    });
    return {
      status: response.status,
      data: response.data,
      headers: response.headers as Record<string, unknown>,
    };
  } catch (error) {
    // Only the error code: axios messages and configs can carry the URL with its query.
    const code = (error as { code?: string }).code ?? 'network error';
    throw new RefreshFailure('transient', `${request.label} ${endpointName} unreachable (${code})`, { code });
  }
}

/**
 * Sends `request` and returns the JSON body of a 2xx answer that carries an `access_token`.
 * @throws RefreshFailure: `transient` for network errors, timeouts, 5xx, 429 and malformed 2xx
 * bodies; otherwise whatever `classify` says.
 */
export async function callTokenEndpoint(
  http: AxiosInstance,
  request: TokenRequest,
  classify: ErrorClassifier,
): Promise<Record<string, unknown>> {
  const { status, data, headers } = await sendProviderRequest(http, request);
  if (status >= 200 && status < 300) {
    const body = data as Record<string, unknown> | null;
    if (body && typeof body === 'object' && typeof body.access_token === 'string' && body.access_token) {
      return body;
    }
    throw new RefreshFailure(
      'transient',
      `${request.label} token endpoint answered ${status} without an access_token`,
      {
        status,
      },
    );
  }
  if (status === 429 || status >= 500) {
    const retryAfterS = retryAfterOf(headers);
    throw new RefreshFailure(
      'transient',
      `${request.label} token endpoint answered HTTP ${status}: ${describe(data)}`,
      {
        status,
        ...(retryAfterS !== undefined ? { retryAfterS } : {}),
      },
    );
  }
  throw classify(status, data, request.label);
}

/** Graph-shaped errors (Meta, Instagram, Threads). @see https://developers.facebook.com/docs/graph-api/guides/error-handling */
export const classifyGraphError: ErrorClassifier = (status, body, label) => {
  const error = (body as { error?: Record<string, unknown> } | null)?.error ?? {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  const text = `${label} answered HTTP ${status}, code ${code ?? '?'}${subcode ? `/${subcode}` : ''}: ${describe(error.message ?? body)}`;
  const details = { status, ...(code !== undefined ? { code } : {}) };
  // 190 invalid/expired/revoked token, 102 session invalid, 10 and 200-299 permission withdrawn.
  if (code === 190 || code === 102 || code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return new RefreshFailure('permanent', text, details);
  }
  // 1 "Error validating client secret", 101 invalid/missing application id.
  if (code === 1 || code === 101) return new RefreshFailure('config', text, details);
  return new RefreshFailure('transient', text, details);
};

/**
 * RFC 6749 §5.2 errors (X, LinkedIn). `invalid_grant` is permanent; X answers `invalid_request`
 * "Value passed for the token was invalid." for a used or revoked refresh token, also permanent.
 * Client-authentication errors are `config`.
 */
export const classifyOAuth2Error: ErrorClassifier = (status, body, label) => {
  const parsed = (body ?? {}) as { error?: unknown; error_description?: unknown };
  const error = typeof parsed.error === 'string' ? parsed.error : undefined;
  const description = typeof parsed.error_description === 'string' ? parsed.error_description : '';
  const text = `${label} answered HTTP ${status} ${error ?? ''}: ${describe(description || body)}`;
  const details = { status, ...(error ? { code: error } : {}) };
  if (error === 'invalid_grant') return new RefreshFailure('permanent', text, details);
  if (error === 'invalid_request' && /token/i.test(description))
    return new RefreshFailure('permanent', text, details);
  if (
    error === 'invalid_client' ||
    error === 'unauthorized_client' ||
    error === 'unsupported_grant_type' ||
    status === 401
  ) {
    return new RefreshFailure('config', text, details);
  }
  return new RefreshFailure('transient', text, details);
};
