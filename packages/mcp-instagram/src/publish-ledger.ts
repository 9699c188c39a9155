// Runs an Instagram publish through the kit's idempotency ledger, resuming from a stored container id.
import { withIdempotency, type ToolContext } from '@socialvault/mcp-kit';
import type { MetaPublishProgress, PublishResume } from '@socialvault/platforms';
import type { InstagramToolConfig } from './config';

/**
 * `withIdempotency` for the three publishing tools: `args` (with `idempotency_key`) is the request, the
 * publish is resumable (a stored container id is published instead of a new one), and `run` gets the
 * PublishResume to hand to the InstagramClient. Resolves the tool result with `deduplicated`.
 */
export function publishOnce<R extends Record<string, unknown>>(
  ctx: ToolContext<InstagramToolConfig>,
  args: { idempotency_key?: string },
  run: (resume: PublishResume) => Promise<{ result: R; mediaId: string; permalink?: string }>,
): Promise<R & { deduplicated: boolean }> {
  return withIdempotency(
    ctx,
    { key: args.idempotency_key, request: args, resumable: true },
    async (attempt) => {
      const published = await run({
        progress: attempt.progress as MetaPublishProgress,
        saveProgress: (progress) => attempt.saveProgress({ ...progress }),
      });
      return { result: published.result, platformPostId: published.mediaId, permalink: published.permalink };
    },
  );
}
