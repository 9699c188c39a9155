// Calls a provider's token (or revocation) endpoint with a timeout; token answers become a grant body or a classified RefreshFailure.
import axios, { type AxiosInstance } from 'axios';
import { bareHost, blockedAddressIn, isBlockedLiteral, type createGuardedLookup } from '@socialvault/common';
import { describeProviderError, providerErrorOf } from './provider-error';
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
  /** For a host the vault did not configure itself (a Mastodon instance): only public addresses. */
  addressGuard?: AddressGuard;
}

/**
 * The SSRF guard of one request: the socket connects only to addresses `lookup` let through (checked
 * inside the lookup the socket calls, so a DNS answer cannot change in between), an IP-literal host is
 * judged by `isAllowed` (sockets do not look literals up), and never through HTTP(S)_PROXY.
 */
export interface AddressGuard {
  /** `createGuardedLookup(policy)` from @socialvault/common. */
  lookup: ReturnType<typeof createGuardedLookup>;
  /** Judges IP literals; default: public addresses only (the policy given to `lookup`). */
  isAllowed?: (address: string) => boolean;
  /** Appended to the refusal: how the operator admits such a host (e.g. MASTODON_PRIVATE_INSTANCE_ALLOWLIST). */
  hint: string;
}

/**
 * Maps a non-2xx, non-5xx, non-429 answer to a failure (each platform has its own error shape). `body` is the
 * raw answer: a classifier reads it only through `providerErrorOf`, since it may echo what we sent.
 */
export type ErrorClassifier = (status: number, body: unknown, label: string) => RefreshFailure;

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

/** The failure for a host the guard refused; `where` says which address, e.g. `it is at 10.0.0.5`. */
function refusedAddress(
  request: TokenRequest,
  endpointName: string,
  guard: AddressGuard,
  where: string,
): RefreshFailure {
  return new RefreshFailure(
    'config',
    `${request.label} ${endpointName} was not contacted: ${where}, a private, loopback or link-local address. ${guard.hint}`,
    { code: 'private_address' },
  );
}

/**
 * Sends `request` (token, revocation or any other provider call) and resolves with the answer, whatever
 * its status. `endpointName` names the endpoint in the failure message.
 * @throws RefreshFailure `transient` (details.code = the network error code) for network errors and
 * timeouts; its message names only the error code, never the URL or a parameter. RefreshFailure
 * `config` (details.code `private_address`), nothing sent, when `request.addressGuard` refuses the host.
 */
export async function sendProviderRequest(
  http: AxiosInstance,
  request: TokenRequest,
  endpointName = 'token endpoint',
): Promise<ProviderAnswer> {
  const guard = request.addressGuard;
  if (guard) {
    const host = bareHost(new URL(request.url).hostname);
    if (isBlockedLiteral(host, guard.isAllowed))
      throw refusedAddress(request, endpointName, guard, `it is at ${host}`);
  }
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
      ...(guard ? { lookup: guard.lookup as never, proxy: false as const } : {}),
    });
    return {
      status: response.status,
      data: response.data,
      headers: response.headers as Record<string, unknown>,
    };
  } catch (error) {
    const blocked = guard && blockedAddressIn(error);
    if (blocked) {
      throw refusedAddress(
        request,
        endpointName,
        guard,
        `${blocked.hostname} resolves to ${blocked.address}`,
      );
    }
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
      `${request.label} token endpoint answered HTTP ${status}: ${describeProviderError(providerErrorOf(data))}`,
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
  const summary = providerErrorOf(body);
  const { code, subcode } = summary.graph ?? {};
  const text = `${label} answered HTTP ${status}, code ${code ?? '?'}${subcode ? `/${subcode}` : ''}: ${describeProviderError(summary)}`;
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
  const summary = providerErrorOf(body);
  const { error } = summary;
  const description = summary.errorDescription ?? '';
  const text = `${label} answered HTTP ${status}: ${describeProviderError(summary)}`;
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
