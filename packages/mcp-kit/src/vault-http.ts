// The HTTP client both vault clients (tokens, publication ledger) talk to the vault's internal listener with.
import axios, { type AxiosInstance } from 'axios';
import { isAppError, registerSecret } from '@socialvault/common';

/**
 * An axios instance for the vault at `vaultUrl` (trailing slashes dropped) that sends
 * `Authorization: Bearer <serviceToken>`, gives up after `timeoutMs`, follows no redirect and resolves on
 * every status (callers map them). The service token is registered with the log redactor first.
 */
export function createVaultHttp(vaultUrl: string, serviceToken: string, timeoutMs: number): AxiosInstance {
  registerSecret(serviceToken, { pinned: true });
  return axios.create({
    baseURL: vaultUrl.replace(/\/+$/, ''),
    timeout: timeoutMs,
    headers: { Authorization: `Bearer ${serviceToken}`, Accept: 'application/json' },
    validateStatus: () => true,
    maxRedirects: 0,
  });
}

/**
 * Why a vault request got no answer, for an error message: `no answer within <timeoutMs> ms`, the socket
 * error code (`ECONNREFUSED`…), an AppError's message, or `network error`. Never the request (it holds the token).
 */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (isAppError(error)) return error.message;
  if (axios.isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')
      return `no answer within ${timeoutMs} ms`;
    if (error.code) return error.code;
  }
  return 'network error';
}
