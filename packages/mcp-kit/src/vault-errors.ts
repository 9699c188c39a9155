// Turns the vault's answers and transport failures into AppErrors a tool caller can act on.
import { AppError, redactText } from '@socialvault/common';

/** The vault's error body: `{"detail":{"message","hint"}}` (SPEC "Vault"). */
interface VaultErrorDetail {
  message?: string;
  hint?: string;
  /** Account ids to choose from (409). */
  choices?: string[];
  /** Machine-readable cause, e.g. `credential_changed` (503: the stored row changed and is not served). */
  reason?: string;
}

/** The vault's `detail.reason` when the stored credential changed since the broker stored it. */
export const CREDENTIAL_CHANGED = 'credential_changed';

function readDetail(body: unknown): VaultErrorDetail {
  if (!body || typeof body !== 'object' || !('detail' in body)) return {};
  const detail = (body as { detail: unknown }).detail;
  if (typeof detail === 'string') return { message: detail };
  if (!detail || typeof detail !== 'object') return {};
  const { message, hint, choices, reason } = detail as Record<string, unknown>;
  return {
    reason: typeof reason === 'string' ? reason : undefined,
    message: typeof message === 'string' ? redactText(message) : undefined,
    hint: typeof hint === 'string' ? redactText(hint) : undefined,
    choices: Array.isArray(choices) ? choices.map(String) : undefined,
  };
}

function describeAccount(platform: string, accountId: string | undefined): string {
  return accountId ? `${platform} account ${accountId}` : `${platform} account`;
}

/**
 * Maps a non-200 answer of `GET /api/credentials/token` to an AppError:
 * 401/403 → vault_unavailable (this server's VAULT_TOKEN or its allowed platforms are wrong),
 * 404 → not_found, 409 → conflict (several accounts: the hint says to pass account_id, one of the
 * listed ids; HTTP 409 in the plain form), anything else → vault_unavailable (with the vault's hint
 * and `details.reason` when the vault says the stored credential changed).
 */
export function vaultHttpError(
  status: number,
  body: unknown,
  platform: string,
  accountId: string | undefined,
): AppError {
  const detail = readDetail(body);
  const details = { vault_status: status };
  switch (status) {
    case 401:
      return new AppError('vault_unavailable', "The vault rejected this server's service token", {
        hint: "Check VAULT_TOKEN: it must be this server's secret from VAULT_SERVICE_TOKENS on the vault.",
        details,
      });
    case 403:
      return new AppError('vault_unavailable', `The vault does not let this server read ${platform} tokens`, {
        hint: `Check VAULT_TOKEN and that VAULT_SERVICE_TOKENS on the vault grants this service the ${platform} platform.`,
        details,
      });
    case 404:
      return new AppError(
        'not_found',
        detail.message ?? `No ${describeAccount(platform, accountId)} is connected`,
        {
          hint: `Connect the ${platform} account through the OAuth broker, which hands the credential to the vault${
            accountId ? '; or check account_id' : ''
          }.`,
          details,
        },
      );
    case 409:
      return new AppError('conflict', detail.message ?? `Several ${platform} accounts are connected`, {
        hint: detail.choices?.length
          ? `Pass account_id, one of: ${detail.choices.join(', ')}.`
          : (detail.hint ?? 'Pass account_id to choose which account to use.'),
        details: { ...details, field: 'account_id', ...(detail.choices ? { choices: detail.choices } : {}) },
      });
    default:
      if (detail.reason === CREDENTIAL_CHANGED) {
        return new AppError(
          'vault_unavailable',
          `The vault refuses the ${describeAccount(platform, accountId)} credential: it changed since it was stored`,
          {
            hint:
              detail.hint ?? 'Reconnect the account through the OAuth broker; check the vault audit trail.',
            details: { ...details, reason: CREDENTIAL_CHANGED },
          },
        );
      }
      return new AppError('vault_unavailable', `The vault answered HTTP ${status}`, {
        hint: "The credential vault is failing or restarting; retry shortly, and check the vault's logs if it persists.",
        details,
      });
  }
}

/** The vault could not be reached at all (connection refused, DNS, timeout). No cause is kept: it holds the request headers. */
export function vaultUnreachableError(reason: string): AppError {
  return new AppError('vault_unavailable', `The credential vault is unreachable (${reason})`, {
    hint: 'Check that the vault is running and that VAULT_URL points at its internal listener; retry shortly.',
  });
}

/**
 * The vault answered 2xx with a body that breaks the @socialvault/vault-api contract (a vault of another
 * version, or a proxy page). `problem` names the fields (contractProblem), never their values.
 */
export function vaultBadBodyError(route: string, problem: string): AppError {
  return new AppError(
    'vault_unavailable',
    `The vault's answer to ${route} does not match the vault-api contract (${problem})`,
    {
      hint: "Check that VAULT_URL points at the vault's internal listener and that the vault and this server are the same release.",
      details: { route },
    },
  );
}

/** The vault served a token it marks as expired and could not refresh. */
export function tokenExpiredError(platform: string, accountId: string): AppError {
  return new AppError(
    'reconnect_required',
    `The ${describeAccount(platform, accountId)} credential has expired or was revoked`,
    {
      hint: `Reconnect the ${platform} account through the OAuth broker; the vault then receives a fresh token.`,
      details: { account_id: accountId },
    },
  );
}
