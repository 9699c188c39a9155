// The one wrapper every publishing tool goes through: the ledger's reservation is the lock, so a retried or
// concurrent publish with the same key posts once, and every caller gets that post's result.
import { AppError, isAppError } from '@socialvault/common';
import { z } from 'zod';
import type { ToolContext } from '../tool';
import { abandoned, concurrentFailure, keyReused, stillPending } from './idempotency-errors';
import { isLeaseLost, type LedgerClient, type Publication } from './ledger-client';
import { recordPublished, reconcileFirst, type HeldPublication, type ReconcileLookup } from './reconcile';
import { DERIVED_KEY_WINDOW_MS, derivedKey, requestHash, windowIndexOf } from './request-key';

/** `deduplicated` for every publishing tool's output schema. */
export const deduplicatedField = z
  .boolean()
  .describe(
    'True when this call did not post: the same idempotency_key (or identical content within 24 h) was already ' +
      'published, and this is that earlier result.',
  );

/** A sentence for publishing tools' descriptions: what a retry does. */
export const RETRY_SAFE_NOTE =
  'Safe to retry: a call with the same idempotency_key (or, without one, identical content for the same account ' +
  'within 24 h) returns the earlier post with deduplicated: true instead of posting again.';

/** What the wrapper needs to know about one publish; `R` is the tool's result. */
export interface IdempotentPublish<R = Record<string, unknown>> {
  /** The caller's `idempotency_key`; when absent one is derived from the account and the request (24 h). */
  key?: string;
  /** The request content (the tool's arguments; `idempotency_key` and `account_id` are ignored). */
  request: object;
  /** True when a pending attempt can be resumed from its stored progress (Instagram/Threads containers). */
  resumable?: boolean;
  /**
   * Looks on the platform for the post an earlier attempt of this key may have made when its outcome is
   * unknown (timeout after the platform may have posted): the account's recent posts since `since` with
   * the same content. Returns it (recorded and replayed with `deduplicated: true`) or null (then it posts).
   */
  reconcile?: (lookup: ReconcileLookup) => Promise<PublishedPost<R> | null>;
}

/** What the publish function receives. */
export interface PublishAttempt {
  /** The effective key (given or derived), e.g. for Mastodon's Idempotency-Key header. */
  idempotencyKey: string;
  /** Progress an earlier attempt stored (`{}` on a first attempt), e.g. `{container_id}`. */
  progress: Record<string, unknown>;
  /** Stores non-secret progress durably before the next step; throws when the ledger cannot store it. */
  saveProgress(progress: Record<string, unknown>): Promise<void>;
  /** True when an earlier attempt of this key ran (failed, or stopped without an outcome). */
  retry: boolean;
}

/** What the publish function returns: the tool's result and the post it made. */
export interface PublishedPost<R> {
  result: R;
  platformPostId: string;
  permalink?: string | null;
}

/** Codes that say the platform did not post: the attempt is marked failed and the key may be tried again. */
const NOT_POSTED = new Set([
  'invalid_input',
  'reconnect_required',
  'rate_limited',
  'not_found',
  'vault_unavailable',
]);

/**
 * Publishes at most once per key. Reserves `(platform, account, key)` in the vault's ledger, then:
 * - new key → runs `publish` (holding the key, with a heartbeat), records the post, returns `{...result, deduplicated: false}`;
 * - published with the same request → the stored result with `deduplicated: true`, no platform call;
 * - same key, different request → `invalid_input` naming the conflict;
 * - pending (another call is publishing) → waits up to IDEMPOTENCY_WAIT_S for its outcome and returns it, or
 *   `conflict`;
 * - outcome unknown (`unknown`, or pending whose holder went away) → a `resumable` publish takes over with the
 *   stored progress; one with `reconcile` first looks for the post on the platform and returns it
 *   (`deduplicated: true`), posting only when it is not there; any other answers `conflict` with a hint to
 *   check recent posts;
 * - failed → tries again.
 * A failure with an answer from the platform marks the attempt failed; one without (network, timeout, a bug)
 * marks it `unknown`. The result is stored as returned, so it must hold no token.
 * @throws AppError from `publish`, the ledger (`vault_unavailable`), or the cases above.
 * @example
 * handler: async (args, ctx) =>
 *   withIdempotency(ctx, { key: args.idempotency_key, request: args }, async () => {
 *     const post = await client.createPost({ text: args.text });
 *     return { result: { post_id: post.id, url: post.url }, platformPostId: post.id, permalink: post.url };
 *   }),
 */
export async function withIdempotency<R extends Record<string, unknown>>(
  ctx: ToolContext<unknown>,
  options: IdempotentPublish<R>,
  publish: (attempt: PublishAttempt) => Promise<PublishedPost<R>>,
): Promise<R & { deduplicated: boolean }> {
  const { ledger } = ctx;
  const credential = await ctx.credential();
  const hash = requestHash(ctx.tool, options.request as Record<string, unknown>);
  const key = options.key ?? (await currentDerivedKey(ledger, ctx.platform, credential.accountId, hash));
  const reserveInput = {
    platform: ctx.platform,
    accountId: credential.accountId,
    idempotencyKey: key,
    requestHash: hash,
    tool: ctx.tool,
    // The vault hands an attempt of unknown outcome to a caller that can resume it or reconcile it.
    resumable: options.resumable === true || options.reconcile !== undefined,
  };
  const deadline = Date.now() + ledger.waitMs;
  for (;;) {
    const reservation = await ledger.reserve(reserveInput);
    const stored = reservation.publication;
    if (stored.request_hash !== hash) throw keyReused(key, stored);
    if (reservation.reserved && reservation.lease_id) {
      const held = { publication: stored, leaseId: reservation.lease_id, key };
      const previous = reservation.previous_status;
      if (options.reconcile && !options.resumable && (previous === 'unknown' || previous === 'pending')) {
        const found = await reconcileFirst(ctx, ledger, held, options.reconcile);
        if (found) return found;
      }
      return attempt(ctx, ledger, held, previous != null, publish, credential.accessToken);
    }
    if (stored.status === 'published') return replay<R>(stored);
    if (!leaseRunning(stored)) throw abandoned(key, ctx.tool);
    const settled = await waitForOutcome(ledger, stored, deadline);
    if (settled.status === 'published') return replay<R>(settled);
    if (settled.status === 'failed') throw concurrentFailure(settled);
    if (leaseRunning(settled)) throw stillPending(key);
    // The holder went away while we waited: reserve again (a resumable publish takes over).
  }
}

async function attempt<R extends Record<string, unknown>>(
  ctx: ToolContext<unknown>,
  ledger: LedgerClient,
  held: HeldPublication,
  retry: boolean,
  publish: (attempt: PublishAttempt) => Promise<PublishedPost<R>>,
  accessToken: string,
): Promise<R & { deduplicated: boolean }> {
  const { publication, leaseId, key } = held;
  const heartbeat = setInterval(
    () => {
      ledger.progress(publication.id, leaseId).catch((error: unknown) => {
        ctx.logger.warn(
          isLeaseLost(error) ? 'publication lease taken over' : 'publication heartbeat failed',
          {
            publication_id: publication.id,
          },
        );
      });
    },
    Math.max(200, (ledger.leaseS * 1000) / 3),
  );
  heartbeat.unref();
  let post: PublishedPost<R>;
  try {
    post = await publish({
      idempotencyKey: key,
      progress: publication.progress ?? {},
      saveProgress: async (progress) => {
        await ledger.progress(publication.id, leaseId, progress);
      },
      retry,
    });
  } catch (error) {
    clearInterval(heartbeat);
    await settleFailure(ctx, ledger, publication.id, leaseId, error);
    throw error;
  }
  clearInterval(heartbeat);
  if (JSON.stringify(post.result).includes(accessToken)) {
    await ledger.release(publication.id, leaseId).catch(() => undefined);
    throw new AppError('platform_error', `${ctx.tool} produced a result that cannot be stored`, {
      hint: 'The post may be live; check the recent posts before publishing again. The server log has details.',
    });
  }
  await recordPublished(ctx, ledger, publication.id, leaseId, post);
  return { ...post.result, deduplicated: false };
}

/** Marks the attempt failed when the platform answered, else releases it (outcome unknown). Never throws. */
async function settleFailure(
  ctx: ToolContext<unknown>,
  ledger: LedgerClient,
  id: string,
  leaseId: string,
  error: unknown,
): Promise<void> {
  const answered =
    isAppError(error) &&
    (NOT_POSTED.has(error.code) ||
      (error.code === 'platform_error' && typeof error.details?.http_status === 'number'));
  try {
    if (answered) await ledger.failed(id, leaseId, { code: error.code, message: error.message });
    else await ledger.release(id, leaseId);
  } catch (ledgerError) {
    ctx.logger.warn('could not record the failed publish in the ledger', {
      publication_id: id,
      error: ledgerError,
    });
  }
}

/** The derived key of this request: the previous window's when it was used within 24 h, else the current one. */
async function currentDerivedKey(ledger: LedgerClient, platform: string, accountId: string, hash: string) {
  const now = Date.now();
  const window = windowIndexOf(now);
  const previous = derivedKey(accountId, hash, window - 1);
  const earlier = await ledger.find(platform, accountId, previous);
  if (earlier && Date.parse(earlier.created_at) > now - DERIVED_KEY_WINDOW_MS) return previous;
  return derivedKey(accountId, hash, window);
}

/** Polls the row (250 ms, ×1.5, at most 2 s apart) until it leaves `pending`, its lease ends, or the deadline. */
async function waitForOutcome(
  ledger: LedgerClient,
  publication: Publication,
  deadline: number,
): Promise<Publication> {
  let current = publication;
  let delayMs = 250;
  while (current.status === 'pending' && leaseRunning(current) && Date.now() < deadline) {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(delayMs, Math.max(0, deadline - Date.now()))),
    );
    delayMs = Math.min(delayMs * 1.5, 2000);
    current = await ledger.get(publication.id);
  }
  return current;
}

function leaseRunning(publication: Publication): boolean {
  return publication.lease_expires_at !== null && Date.parse(publication.lease_expires_at) > Date.now();
}

function replay<R>(publication: Publication): R & { deduplicated: boolean } {
  return { ...(publication.result as R), deduplicated: true };
}
