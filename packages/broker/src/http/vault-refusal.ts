// What a vault's refusal means for whoever asked the broker (admin API, Connections page, result page): the
// status and error code to answer with, a message naming the client, and a hint saying what to fix.
import { AppError, type ErrorCode } from '@socialvault/common';
import type { ResolvedClient } from '../db/clients';
import type { VaultProblem } from './vault-client';

/** A failed vault call as the broker reports it; never a key or token (the vault's texts arrive redacted). */
export interface VaultRefusal {
  /** HTTP status the broker answers with. */
  status: number;
  code: ErrorCode;
  /** One sentence naming the client, the vault's status and its message. */
  message: string;
  hint: string;
  /** The field the vault named, when it refused the request as bad input. */
  field?: string;
}

/** Vault statuses that judge the request itself (bad input, unknown id, conflict): passed on as they are. */
const REQUEST_REFUSALS: Record<number, ErrorCode> = {
  400: 'invalid_input',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid_input',
  415: 'invalid_input',
  422: 'invalid_input',
};

/** The vault's origin: never userinfo a registered URL might carry. */
const vaultOrigin = (client: ResolvedClient) => new URL(client.vaultUrl).origin;

const clientName = (client: ResolvedClient) =>
  client.clientName === client.clientId ? client.clientId : `${client.clientId} (${client.clientName})`;

/** Where the client's vault key is set: the Clients page / admin API, or the broker's own environment. */
function keyHint(client: ResolvedClient): string {
  const where = client.fromEnvironment
    ? `the broker's BROKER_API_KEY (client ${client.clientId} comes from the environment; restart after changing it)`
    : `client ${client.clientId}'s vault key (vault_api_key: its page under Clients, or PUT /admin/clients/${client.clientId})`;
  return `Check BROKER_API_KEY / the client's vault key: ${where} must equal the BROKER_API_KEY of the vault at ${vaultOrigin(client)}.`;
}

/**
 * Maps a vault answer that is not `ok` (`status` 0 = no answer, 2xx = a body that breaks the contract):
 * - 400/404/409/413/415/422: the vault refused the request itself → the same status, the vault's code,
 *   message, hint and field;
 * - 401: the vault refused the broker's API key for this client → 502 `vault_unavailable`, naming the client
 *   and where its key is set;
 * - 429 (the vault's lockout after wrong keys) → 503 `vault_unavailable` with the vault's hint and the key hint;
 * - no answer, 5xx → 503 `vault_unavailable`; a 2xx breaking the contract → 502 `vault_unavailable`.
 */
export function vaultRefusal(client: ResolvedClient, status: number, problem: VaultProblem): VaultRefusal {
  const vault = `The vault of client ${clientName(client)}`;
  const requestCode = REQUEST_REFUSALS[status];
  if (requestCode) {
    return {
      status,
      code: problem.code ?? requestCode,
      message: `${vault} refused the request (HTTP ${status}): ${problem.message}`,
      hint: problem.hint ?? 'Fix the request as the vault says and send it again.',
      ...(problem.field ? { field: problem.field } : {}),
    };
  }
  if (status === 401) {
    return {
      status: 502,
      code: 'vault_unavailable',
      message: `${vault} refused the broker's API key (HTTP 401)`,
      hint: keyHint(client),
    };
  }
  if (status === 429) {
    // The vault locks an address out after repeated wrong keys: the cause is most likely this client's key.
    return {
      status: 503,
      code: 'vault_unavailable',
      message: `${vault} refuses the broker for now (HTTP 429): ${problem.message}`,
      hint: `${problem.hint ? `${problem.hint} ` : ''}${keyHint(client)}`,
    };
  }
  if (status === 0) {
    return {
      status: 503,
      code: 'vault_unavailable',
      message: `${vault} did not answer: ${problem.message}`,
      hint: `Check that the vault runs and that ${vaultOrigin(client)} reaches its ingress, then try again.`,
    };
  }
  return {
    status: status >= 200 && status < 300 ? 502 : 503,
    code: 'vault_unavailable',
    message: `${vault} answered HTTP ${status}: ${problem.message}`,
    hint: problem.hint ?? 'Check the vault’s logs, then try again in a moment.',
  };
}

/** vaultRefusal as the AppError the error middleware answers with (`details.httpStatus`, `field`, `vault_status`). */
export function vaultRefusalError(client: ResolvedClient, status: number, problem: VaultProblem): AppError {
  const refusal = vaultRefusal(client, status, problem);
  return new AppError(refusal.code, refusal.message, {
    hint: refusal.hint,
    details: {
      httpStatus: refusal.status,
      vault_status: status,
      ...(refusal.field ? { field: refusal.field } : {}),
    },
  });
}
