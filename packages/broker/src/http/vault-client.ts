// The broker's only way into a vault: its ingress (`POST`/`GET`/`DELETE /api/credentials`) with the client's API key.
import axios, { type AxiosInstance } from 'axios';
import { redactText } from '@socialvault/common';
import type { ResolvedClient } from '../db/clients';

/** A vault answer: its status (0 = no answer) and, for refusals, the vault's message and hint. */
export interface VaultAnswer {
  status: number;
  body: Record<string, unknown>;
  /** The vault's `detail.message` / `detail.hint` of a refusal, or a sentence for no answer. */
  problem?: { message: string; hint?: string };
}

/** Talks to vault ingresses with a timeout; never throws for a refusal or an unreachable vault. */
export class VaultClient {
  private readonly http: AxiosInstance;

  constructor(timeoutMs: number) {
    this.http = axios.create({ timeout: timeoutMs, maxRedirects: 0, validateStatus: () => true });
  }

  private async call(
    client: ResolvedClient,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<VaultAnswer> {
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
      if (response.status >= 200 && response.status < 300) return { status: response.status, body: data };
      const detail = (data.detail ?? {}) as Record<string, unknown>;
      return {
        status: response.status,
        body: data,
        problem: {
          message: redactText(
            typeof detail.message === 'string' ? detail.message : `HTTP ${response.status}`,
          ),
          ...(typeof detail.hint === 'string' ? { hint: redactText(detail.hint) } : {}),
        },
      };
    } catch (error) {
      // Never the axios error itself: its config holds the payload and the API key.
      const code = (error as { code?: string }).code ?? 'network error';
      return { status: 0, body: {}, problem: { message: `The vault did not answer (${code})` } };
    }
  }

  /** `POST /api/credentials` with a generic or Meta-form payload. */
  store(client: ResolvedClient, payload: Record<string, unknown>): Promise<VaultAnswer> {
    return this.call(client, 'POST', '/api/credentials', payload);
  }

  /** `GET /api/credentials[?platform=]`: the metadata list (never a token). */
  list(client: ResolvedClient, platform?: string): Promise<VaultAnswer> {
    return this.call(
      client,
      'GET',
      `/api/credentials${platform ? `?platform=${encodeURIComponent(platform)}` : ''}`,
    );
  }

  /**
   * `DELETE /api/credentials/:id`: the vault revokes at the provider and wipes the row. `body` is
   * `{client_secret}` for a Mastodon credential (the app secret its `/oauth/revoke` needs).
   */
  remove(
    client: ResolvedClient,
    credentialId: string,
    body?: { client_secret: string },
  ): Promise<VaultAnswer> {
    return this.call(client, 'DELETE', `/api/credentials/${encodeURIComponent(credentialId)}`, body);
  }
}
