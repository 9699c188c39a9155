// Client of the vault's publication ledger (/api/publications on the internal listener), same conventions as the vault client.
import type { AxiosInstance } from 'axios';
import type { Logger } from 'winston';
import type { z } from 'zod';
import { AppError, createLogger, isAppError, redactText } from '@socialvault/common';
import {
  contractProblem,
  publicationAnswerSchema,
  publicationPageSchema,
  reservationSchema,
  type Publication,
  type Reservation,
} from '@socialvault/vault-api';
import { vaultBadBodyError } from '../vault-errors';
import { createVaultHttp, describeNetworkError } from '../vault-http';

export interface LedgerClientOptions {
  /** Base URL of the vault's internal listener, e.g. `http://vault:3007` (`VAULT_URL`). */
  vaultUrl: string;
  /** This server's service secret (`VAULT_TOKEN`), sent as `Authorization: Bearer …`. */
  serviceToken: string;
  /** Timeout of each ledger request; default 5000 ms. */
  timeoutMs?: number;
  /** How long a reservation holds its key without a heartbeat (`IDEMPOTENCY_LEASE_S`); default 60 s. */
  leaseS?: number;
  /** How long a duplicate call waits for the holder's outcome (`IDEMPOTENCY_WAIT_S`); default 30 000 ms. */
  waitMs?: number;
  logger?: Logger;
}

/** What a reservation names. */
export interface ReserveInput {
  platform: string;
  accountId: string;
  idempotencyKey: string;
  /** sha256 hex of the canonical request. */
  requestHash: string;
  tool: string;
  /** Whether this caller can resume a pending attempt whose holder went away (Instagram/Threads). */
  resumable: boolean;
}

/**
 * The publication ledger over HTTP. Every method throws AppError: `vault_unavailable` (vault down, timeout,
 * 5xx, or a refused service token), `conflict` (409: this attempt's lease was taken over), `not_found`.
 * @example
 * const ledger = new LedgerClient({ vaultUrl: config.vaultUrl, serviceToken: config.vaultToken });
 * const { reserved, lease_id, publication } = await ledger.reserve({ platform: 'x', accountId, idempotencyKey, requestHash, tool: 'publish_post', resumable: false });
 */
export class LedgerClient {
  readonly leaseS: number;
  readonly waitMs: number;
  readonly logger: Logger;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;

  constructor(options: LedgerClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.leaseS = options.leaseS ?? 60;
    this.waitMs = options.waitMs ?? 30_000;
    this.logger = options.logger ?? createLogger('mcp-kit', 'ledger');
    this.http = createVaultHttp(options.vaultUrl, options.serviceToken, this.timeoutMs);
  }

  /** `POST /api/publications/reserve`. */
  reserve(input: ReserveInput): Promise<Reservation> {
    return this.send(reservationSchema, 'POST', '/api/publications/reserve', {
      platform: input.platform,
      account_id: input.accountId,
      idempotency_key: input.idempotencyKey,
      request_hash: input.requestHash,
      tool: input.tool,
      lease_s: this.leaseS,
      resumable: input.resumable,
    });
  }

  /** Merges `progress` (omit it for a heartbeat) and extends the lease. */
  async progress(id: string, leaseId: string, progress?: Record<string, unknown>): Promise<Publication> {
    const body = { lease_id: leaseId, lease_s: this.leaseS, ...(progress ? { progress } : {}) };
    return (await this.send(publicationAnswerSchema, 'POST', `/api/publications/${id}/progress`, body))
      .publication;
  }

  /** Records the post: id, permalink and the tool's result (which must hold no secret). */
  async published(
    id: string,
    leaseId: string,
    post: { platformPostId: string; permalink?: string | null; result: Record<string, unknown> },
  ): Promise<Publication> {
    const body = {
      lease_id: leaseId,
      platform_post_id: post.platformPostId,
      permalink: post.permalink ?? null,
      result: post.result,
    };
    return (await this.send(publicationAnswerSchema, 'POST', `/api/publications/${id}/published`, body))
      .publication;
  }

  /** Records a failed attempt (the key may be tried again). */
  async failed(id: string, leaseId: string, error: { code: string; message: string }): Promise<Publication> {
    const body = { lease_id: leaseId, error_code: error.code, error_message: redactText(error.message) };
    return (await this.send(publicationAnswerSchema, 'POST', `/api/publications/${id}/failed`, body))
      .publication;
  }

  /** Ends the lease without an outcome: whether the platform posted is unknown. */
  async release(id: string, leaseId: string): Promise<Publication> {
    return (
      await this.send(publicationAnswerSchema, 'POST', `/api/publications/${id}/release`, {
        lease_id: leaseId,
      })
    ).publication;
  }

  /** `GET /api/publications/:id`. */
  async get(id: string): Promise<Publication> {
    return (await this.send(publicationAnswerSchema, 'GET', `/api/publications/${id}`)).publication;
  }

  /** The row of a key, if the ledger knows it. */
  async find(platform: string, accountId: string, idempotencyKey: string): Promise<Publication | undefined> {
    const page = await this.send(publicationPageSchema, 'GET', '/api/publications', undefined, {
      platform,
      account_id: accountId,
      idempotency_key: idempotencyKey,
      limit: 1,
    });
    return page.publications[0];
  }

  /** Sends one request and parses a 2xx answer with `schema` (the vault-api contract). */
  private async send<T>(
    schema: z.ZodType<T>,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    params?: Record<string, string | number>,
  ): Promise<T> {
    let response;
    try {
      response = await this.http.request<unknown>({ method, url: path, data: body, params });
    } catch (error) {
      const reason = describeNetworkError(error, this.timeoutMs);
      throw new AppError('vault_unavailable', `The publication ledger is unreachable (${reason})`, {
        hint: 'Check that the vault is running and that VAULT_URL points at its internal listener; retry shortly.',
      });
    }
    const route = `${method} ${path.replace(/[0-9a-f-]{36}/, ':id')}`;
    if (response.status < 200 || response.status >= 300)
      throw ledgerError(response.status, response.data, route);
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) throw vaultBadBodyError(route, contractProblem(parsed.error));
    return parsed.data;
  }
}

/** Maps a ledger refusal to an AppError (never echoing the request). */
function ledgerError(status: number, body: unknown, route: string): AppError {
  const detail =
    body && typeof body === 'object' && 'detail' in body
      ? (body as { detail: Record<string, unknown> }).detail
      : {};
  const message = typeof detail.message === 'string' ? redactText(detail.message) : `HTTP ${status}`;
  const hint = typeof detail.hint === 'string' ? redactText(detail.hint) : undefined;
  const details = { vault_status: status, route };
  if (status === 409)
    return new AppError('conflict', message, { hint: hint ?? 'Read the publication.', details });
  if (status === 404) return new AppError('not_found', message, { hint: hint ?? 'Check the id.', details });
  if (status === 401 || status === 403) {
    return new AppError('vault_unavailable', `The vault refused this server's ledger request: ${message}`, {
      hint: "Check VAULT_TOKEN: it must be this server's secret from VAULT_SERVICE_TOKENS, allowed for its platform.",
      details,
    });
  }
  return new AppError('vault_unavailable', `The publication ledger answered HTTP ${status}: ${message}`, {
    hint:
      hint ?? "The vault is failing or restarting; retry shortly, and check the vault's logs if it persists.",
    details,
  });
}

/** True when `error` is the ledger refusing a stale lease (another attempt took the key over). */
export function isLeaseLost(error: unknown): boolean {
  return isAppError(error) && error.code === 'conflict' && error.details?.vault_status === 409;
}
