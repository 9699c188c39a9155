// withIdempotency for publishes that resume from stored progress (Meta's containers): typed progress in, saver out.
import type { ToolContext } from '../tool';
import { withIdempotency, type PublishedPost } from './with-idempotency';

/** What a resumable publish receives: an earlier attempt's progress (`{}` at first) and a durable saver. */
export interface PublishResumePoint<P extends object> {
  progress: P;
  /** Stores non-secret progress before the next step; throws when the ledger cannot store it. */
  saveProgress: (progress: P) => Promise<void>;
}

/**
 * `withIdempotency` with `resumable: true` for a publish whose steps record progress of type `P` (for
 * Instagram and Threads `MetaPublishProgress`, `{container_id, …}`): `publish` gets the stored progress and
 * a saver, which it hands to the platform client, so an attempt cut off midway continues where it stopped.
 * @throws AppError as withIdempotency.
 * @example
 * return withResumableIdempotency<MetaPublishProgress, typeof result>(ctx, { key: args.idempotency_key, request: args },
 *   async (resume) => { const post = await threads.publishPost(input, resume); return { result: …, platformPostId: post.postId }; });
 */
export function withResumableIdempotency<P extends object, R extends Record<string, unknown>>(
  ctx: ToolContext<unknown>,
  options: { key: string | undefined; request: object },
  publish: (resume: PublishResumePoint<P>) => Promise<PublishedPost<R>>,
): Promise<R & { deduplicated: boolean }> {
  return withIdempotency(ctx, { ...options, resumable: true }, (attempt) =>
    publish({
      // The ledger stores what saveProgress was given; for this key that is always a P.
      progress: attempt.progress as P,
      saveProgress: (progress) => attempt.saveProgress({ ...progress } as Record<string, unknown>),
    }),
  );
}
