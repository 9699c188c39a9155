// Outcomes the ledger must learn after an attempt: a post recorded (with retries), or, after an attempt of unknown
// outcome, the post found on the platform before anything is published again.
import type { ToolContext } from '../tool';
import type { LedgerClient, Publication } from './ledger-client';
import { isLeaseLost } from './ledger-client';
import type { IdempotentPublish, PublishedPost } from './with-idempotency';

const MARK_ATTEMPTS = 3;

/** What `reconcile` searches for. */
export interface ReconcileLookup {
  /** When the first attempt of this key began, less a minute of clock skew: older posts are not it. */
  since: Date;
  idempotencyKey: string;
}

/** Clock skew allowed between this server and the platform when reconciling. */
const RECONCILE_SKEW_MS = 60_000;

/** A ledger row this call holds. */
export interface HeldPublication {
  publication: Publication;
  leaseId: string;
  key: string;
}

/**
 * Before publishing again after an attempt of unknown outcome: looks for that attempt's post on the platform
 * and, when it is there, records and returns it (`deduplicated: true`). A failed look leaves the row unknown
 * (released, never marked failed, so no later call posts without looking) and throws.
 */
export async function reconcileFirst<R extends Record<string, unknown>>(
  ctx: ToolContext<unknown>,
  ledger: LedgerClient,
  held: HeldPublication,
  reconcile: NonNullable<IdempotentPublish<R>['reconcile']>,
): Promise<(R & { deduplicated: boolean }) | null> {
  const { publication, leaseId, key } = held;
  const since = new Date(Date.parse(publication.created_at) - RECONCILE_SKEW_MS);
  let found: PublishedPost<R> | null;
  try {
    found = await reconcile({ since, idempotencyKey: key });
  } catch (error) {
    await ledger.release(publication.id, leaseId).catch(() => undefined);
    throw error;
  }
  if (!found) {
    ctx.logger.info('outcome unknown; the post is not on the platform, publishing', {
      publication_id: publication.id,
    });
    return null;
  }
  ctx.logger.info('outcome unknown; found the post on the platform', {
    publication_id: publication.id,
    platform_post_id: found.platformPostId,
  });
  await recordPublished(ctx, ledger, publication.id, leaseId, found);
  return { ...found.result, deduplicated: true };
}

/** Records the post, retrying briefly: the post is live either way, so a ledger failure is only logged. */
export async function recordPublished<R extends Record<string, unknown>>(
  ctx: ToolContext<unknown>,
  ledger: LedgerClient,
  id: string,
  leaseId: string,
  post: PublishedPost<R>,
): Promise<void> {
  for (let attemptNo = 1; attemptNo <= MARK_ATTEMPTS; attemptNo += 1) {
    try {
      await ledger.published(id, leaseId, {
        platformPostId: post.platformPostId,
        permalink: post.permalink ?? null,
        result: post.result,
      });
      return;
    } catch (error) {
      if (attemptNo === MARK_ATTEMPTS || isLeaseLost(error)) {
        ctx.logger.error(
          'published, but the ledger did not record it; a retry with this key may answer conflict',
          {
            publication_id: id,
            platform_post_id: post.platformPostId,
            error,
          },
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attemptNo));
    }
  }
}
