// The broker's only way into a vault: its ingress (`POST`/`GET`/`DELETE /api/credentials`) with the client's API key.
import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import { ERROR_CODES, redactText, type ErrorCode } from '@socialvault/common';
import {
  contractProblem,
  credentialDeletionSchema,
  credentialListSchema,
  credentialReceiptSchema,
  type CredentialDeletion,
  type CredentialList,
  type CredentialReceipt,
} from '@socialvault/vault-api';
import type { ResolvedClient } from '../db/clients';

/**
 * Why a vault call gave nothing usable: the vault's `detail.message` / `detail.hint` (redacted), its
 * `detail.code` when it is one of the shared error codes and `detail.field`, or a sentence.
 */
export interface VaultProblem {
  message: string;
  hint?: string;
  code?: ErrorCode;
  field?: string;
}

/**
 * A vault answer: `ok` with the 2xx body parsed by its @socialvault/vault-api schema, or not `ok` with
 * the status (0 = no answer; a 2xx here = a body that breaks the contract) and the problem.
 */
export type VaultAnswer<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; problem: VaultProblem };

/** The event outcome of an answer that is not `ok`: `vault_unreachable`, `vault_contract_mismatch` or `vault_<status>`. */
export function failedOutcome(status: number): string {
  if (status === 0) return 'vault_unreachable';
  return status >= 200 && status < 300 ? 'vault_contract_mismatch' : `vault_${status}`;
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** Talks to vault ingresses with a timeout; never throws for a refusal or an unreachable vault. */
export class VaultClient {
  private readonly http: AxiosInstance;

  constructor(timeoutMs: number) {
    this.http = axios.create({ timeout: timeoutMs, maxRedirects: 0, validateStatus: () => true });
  }

  private async call<T>(
    schema: z.ZodType<T>,
    client: ResolvedClient,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<VaultAnswer<T>> {
    try {
      const response = await this.http.request({
        method,
        url: `${client.vaultUrl}${path}`,
        headers: { 'x-api-key': client.vaultApiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { data: JSON.stringify(body) } : {}),
        responseType: 'json',
      });
      const data = (response.data && typeof response.data === 'object' ? response.data : {}) as Record<
        string,
        unknown
      >;
      if (response.status >= 200 && response.status < 300) {
        const parsed = schema.safeParse(response.data);
        if (parsed.success) return { ok: true, status: response.status, body: parsed.data };
        return {
          ok: false,
          status: response.status,
          problem: {
            message: `The vault's answer to ${method} ${path.split('?')[0]} does not match the vault-api contract (${contractProblem(parsed.error)})`,
            hint: 'Run the broker and the vault from the same release.',
          },
        };
      }
      const detail = (data.detail ?? {}) as Record<string, unknown>;
      return {
        ok: false,
        status: response.status,
        problem: {
          message: redactText(
            typeof detail.message === 'string' ? detail.message : `HTTP ${response.status}`,
          ),
          ...(typeof detail.hint === 'string' ? { hint: redactText(detail.hint) } : {}),
          ...(isErrorCode(detail.code) ? { code: detail.code } : {}),
          ...(typeof detail.field === 'string' ? { field: redactText(detail.field).slice(0, 100) } : {}),
        },
      };
    } catch (error) {
      // Never the axios error itself: its config holds the payload and the API key.
      const code = (error as { code?: string }).code ?? 'network error';
      return { ok: false, status: 0, problem: { message: `The vault did not answer (${code})` } };
    }
  }

  /** `POST /api/credentials` with a generic or Meta-form payload. */
  store(client: ResolvedClient, payload: Record<string, unknown>): Promise<VaultAnswer<CredentialReceipt>> {
    return this.call(credentialReceiptSchema, client, 'POST', '/api/credentials', payload);
  }

  /** `GET /api/credentials[?platform=]`: the metadata list (never a token). */
  list(client: ResolvedClient, platform?: string): Promise<VaultAnswer<CredentialList>> {
    return this.call(
      credentialListSchema,
      client,
      'GET',
      `/api/credentials${platform ? `?platform=${encodeURIComponent(platform)}` : ''}`,
    );
  }

  /**
   * `DELETE /api/credentials/:id`: the vault revokes at the provider, then wipes the row; `body` is
   * `{client_secret}` for a Mastodon credential (the app secret the vault never stores).
   */
  remove(
    client: ResolvedClient,
    credentialId: string,
    body?: { client_secret: string },
  ): Promise<VaultAnswer<CredentialDeletion>> {
    return this.call(
      credentialDeletionSchema,
      client,
      'DELETE',
      `/api/credentials/${encodeURIComponent(credentialId)}`,
      body,
    );
  }
}
