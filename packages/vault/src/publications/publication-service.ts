// The publication ledger for service identities: reserve a key (the lock), record progress and outcomes, read history.
import type { Pool } from 'pg';
import { AppError, createLogger, redactText } from '@socialvault/common';
import { recordAudit } from '../db/audit-log';
import { withTransaction } from '../db/transaction';
import type { Platform } from '../platforms';
import type { ServiceIdentity } from '../service-identities';
import {
  FailedSchema,
  HistoryQuerySchema,
  parseInput,
  ProgressSchema,
  PublishedSchema,
  ReleaseSchema,
  ReserveSchema,
} from './publication-input';
import {
  findPublication,
  finish,
  insertPending,
  listPublications,
  lockByKey,
  releaseLease,
  saveProgress,
  takeOver,
  type PublicationOutcome,
  type PublicationRecord,
} from './publication-repository';
import { decodeCursor, encodeCursor, publicationView } from './publication-views';

const log = createLogger('vault', 'publications');

/** The answer of a reservation: whether this caller now holds the key, and the row as it stands. */
export interface ReserveAnswer {
  /** True when the row was created by this call (HTTP 201). */
  created: boolean;
  body: {
    reserved: boolean;
    /** Handle for progress/published/failed/release; only when `reserved`. */
    lease_id?: string;
    /** Status before a takeover (`failed`, or `pending` whose lease ran out); null for a new row. */
    previous_status?: string | null;
    publication: Record<string, unknown>;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads and writes the `publications` table for service identities. A service may only touch its own
 * platforms; a metadata-only identity (n8n) may read history but never write. Every state change writes an
 * audit row in the same transaction.
 */
export class PublicationService {
  constructor(private readonly pool: Pool) {}

  /**
   * Reserves `(platform, account_id, idempotency_key)`: a new key → a pending row held by this caller
   * (`reserved: true`). A known key → the row as it stands (`reserved: false`), unless it failed (any
   * request may try again) or its outcome is unknown (`unknown`, or pending with its holder's lease run
   * out) and the caller can resume or reconcile (`resumable`, same request hash): then the caller takes it
   * over (`reserved: true`, `previous_status` saying which, attempts + 1, progress kept).
   * @throws AppError invalid_input, forbidden (platform or metadata identity).
   */
  async reserve(identity: ServiceIdentity, input: unknown): Promise<ReserveAnswer> {
    const body = parseInput(ReserveSchema, input);
    this.assertWriter(identity, body.platform);
    const reservation = {
      platform: body.platform,
      accountId: body.account_id,
      idempotencyKey: body.idempotency_key,
      requestHash: body.request_hash,
      tool: body.tool ?? null,
      leaseS: body.lease_s,
      createdBy: identity.name,
    };
    return withTransaction(this.pool, async (client) => {
      const inserted = await insertPending(client, reservation);
      if (inserted) {
        await this.audit(client, identity, 'publication.reserve', inserted, {});
        return { created: true, body: held(inserted, null) };
      }
      const found = await lockByKey(client, body.platform, body.account_id, body.idempotency_key);
      if (!found) throw new Error('publication key vanished between insert and select');
      const { record, leaseLive } = found;
      const sameRequest = record.requestHash === body.request_hash;
      const retakeFailed = record.status === 'failed';
      // Outcome unknown: released without an answer, or a holder that went away without releasing.
      const outcomeUnknown = record.status === 'unknown' || (record.status === 'pending' && !leaseLive);
      const resumeAbandoned = outcomeUnknown && sameRequest && body.resumable;
      if (!retakeFailed && !resumeAbandoned) {
        return { created: false, body: { reserved: false, publication: publicationView(record) } };
      }
      const taken = await takeOver(client, record.id, reservation);
      await this.audit(client, identity, 'publication.retry', taken, {
        previous_status: record.status,
        same_request: sameRequest,
      });
      return { created: false, body: held(taken, record.status) };
    });
  }

  /** Merges non-secret `progress` (e.g. a container id) and extends the lease. @throws not_found, conflict. */
  async progress(identity: ServiceIdentity, id: string, input: unknown): Promise<Record<string, unknown>> {
    const body = parseInput(ProgressSchema, input);
    return this.asHolder(identity, id, body.lease_id, async (client, record) => {
      const saved = await saveProgress(client, record.id, body.progress, body.lease_s);
      if (body.progress && Object.keys(body.progress).length > 0) {
        await this.audit(client, identity, 'publication.progress', saved, {
          keys: Object.keys(body.progress),
        });
      }
      return saved;
    });
  }

  /** Marks the publication published (post id, permalink, result without secrets). Repeating it is harmless. */
  async published(identity: ServiceIdentity, id: string, input: unknown): Promise<Record<string, unknown>> {
    const body = parseInput(PublishedSchema, input);
    const outcome: PublicationOutcome = {
      status: 'published',
      platformPostId: body.platform_post_id,
      permalink: body.permalink ?? null,
      result: body.result ?? null,
    };
    return this.asHolder(
      identity,
      id,
      body.lease_id,
      (client, record) => this.end(client, identity, record, outcome),
      {
        alreadyDone: (record) =>
          record.status === 'published' && record.platformPostId === body.platform_post_id,
      },
    );
  }

  /** Marks the attempt failed with an error code; a later reservation of the key may try again. */
  async failed(identity: ServiceIdentity, id: string, input: unknown): Promise<Record<string, unknown>> {
    const body = parseInput(FailedSchema, input);
    const outcome: PublicationOutcome = {
      status: 'failed',
      errorCode: body.error_code,
      errorMessage: body.error_message ? redactText(body.error_message) : null,
    };
    return this.asHolder(identity, id, body.lease_id, (client, record) =>
      this.end(client, identity, record, outcome),
    );
  }

  /** Gives the lease up without an outcome (it is unknown whether the platform posted): the row becomes `unknown`. */
  async release(identity: ServiceIdentity, id: string, input: unknown): Promise<Record<string, unknown>> {
    const body = parseInput(ReleaseSchema, input);
    return this.asHolder(identity, id, body.lease_id, async (client, record) => {
      const released = await releaseLease(client, record.id);
      await this.audit(client, identity, 'publication.release', released, {});
      log.warn(
        `[Publication] ${record.platform}:${record.accountId} ${record.idempotencyKey} marked unknown (the platform may have posted)`,
      );
      return released;
    });
  }

  /** One publication of the identity's platforms. @throws not_found. */
  async get(identity: ServiceIdentity, id: string): Promise<Record<string, unknown>> {
    const record = UUID.test(id) ? await findPublication(this.pool, id) : undefined;
    if (!record || !identity.platforms.includes(record.platform)) throw notFound(id);
    return publicationView(record);
  }

  /**
   * History of the identity's platforms (or the one asked for), newest first, `limit` rows a page;
   * `next_cursor` is null on the last page. Metadata identities may read it.
   * @throws AppError invalid_input, forbidden (a platform outside the identity's).
   */
  async list(identity: ServiceIdentity, query: unknown): Promise<Record<string, unknown>> {
    const q = parseInput(HistoryQuerySchema, query);
    if (q.platform && !identity.platforms.includes(q.platform)) throw forbiddenPlatform(identity, q.platform);
    const rows = await listPublications(this.pool, {
      platforms: q.platform ? [q.platform] : identity.platforms,
      accountId: q.account_id,
      idempotencyKey: q.idempotency_key,
      status: q.status,
      since: q.since,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      publications: page.map((row) => publicationView(row.record)),
      next_cursor: rows.length > q.limit && last ? encodeCursor(last.position) : null,
    };
  }

  private async end(
    client: Parameters<typeof recordAudit>[0],
    identity: ServiceIdentity,
    record: PublicationRecord,
    outcome: PublicationOutcome,
  ): Promise<PublicationRecord> {
    const ended = await finish(client, record.id, outcome);
    await this.audit(client, identity, `publication.${outcome.status}`, ended, {
      ...(outcome.status === 'published'
        ? { platform_post_id: outcome.platformPostId }
        : { error_code: outcome.errorCode }),
    });
    return ended;
  }

  /** Runs `work` on the locked row when `leaseId` still holds it; `alreadyDone` makes a repeat a no-op. */
  private async asHolder(
    identity: ServiceIdentity,
    id: string,
    leaseId: string,
    work: (
      client: Parameters<typeof recordAudit>[0],
      record: PublicationRecord,
    ) => Promise<PublicationRecord>,
    options: { alreadyDone?: (record: PublicationRecord) => boolean } = {},
  ): Promise<Record<string, unknown>> {
    if (!UUID.test(id)) throw notFound(id);
    return withTransaction(this.pool, async (client) => {
      const record = await findPublication(client, id, true);
      if (!record || !identity.platforms.includes(record.platform)) throw notFound(id);
      this.assertWriter(identity, record.platform);
      if (options.alreadyDone?.(record)) return publicationView(record);
      if (record.status !== 'pending' || record.leaseId !== leaseId) {
        throw new AppError(
          'conflict',
          `This attempt no longer holds publication ${id} (it is ${record.status})`,
          {
            hint:
              record.status === 'pending'
                ? 'Another attempt took the key over after this lease ran out; read the publication for its outcome.'
                : 'The publication already has its outcome; read it instead of writing it again.',
          },
        );
      }
      return publicationView(await work(client, record));
    });
  }

  private assertWriter(identity: ServiceIdentity, platform: Platform): void {
    if (identity.access !== 'tokens') {
      throw new AppError('forbidden', `${identity.name} may read publication history but not write it`, {
        hint: 'Publishing goes through the MCP servers; use their service tokens.',
      });
    }
    if (!identity.platforms.includes(platform)) throw forbiddenPlatform(identity, platform);
  }

  private audit(
    client: Parameters<typeof recordAudit>[0],
    identity: ServiceIdentity,
    action: string,
    record: PublicationRecord,
    detail: Record<string, unknown>,
  ): Promise<void> {
    return recordAudit(client, {
      actor: identity.name,
      action,
      outcome: 'success',
      platform: record.platform,
      accountId: record.accountId,
      detail: {
        publication_id: record.id,
        idempotency_key: record.idempotencyKey,
        status: record.status,
        attempts: record.attempts,
        ...detail,
      },
    });
  }
}

function held(record: PublicationRecord, previousStatus: string | null): ReserveAnswer['body'] {
  return {
    reserved: true,
    lease_id: record.leaseId as string,
    previous_status: previousStatus,
    publication: publicationView(record),
  };
}

function notFound(id: string): AppError {
  return new AppError('not_found', `No publication ${id.slice(0, 64)} for this service`, {
    hint: 'Use the id that POST /api/publications/reserve returned; GET /api/publications lists them.',
    details: { field: 'id' },
  });
}

function forbiddenPlatform(identity: ServiceIdentity, platform: Platform): AppError {
  return new AppError('forbidden', `${identity.name} may not touch ${platform} publications`, {
    hint: `Use the service token of the ${platform} MCP server, or add ${platform} to ${identity.name} in VAULT_SERVICE_TOKENS.`,
    details: { field: 'platform' },
  });
}
