// publish_reel: one reel from a public video URL (REELS container → wait for processing → media_publish).
import { z } from 'zod';
import {
  assertPublicMediaUrl,
  deduplicatedField,
  defineTool,
  httpsUrlField,
  idempotencyKeyField,
  RETRY_SAFE_NOTE,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import { validateInstagramCaption } from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';
import { captionField, publishOnce, publishResultShape, videoUrlDescription } from './shared';
import { openInstagram } from '../session';

/** Input of publish_reel; `video_url` admits http:// only when ALLOW_INSECURE_URLS=true. */
export function publishReelInput(config: Pick<InstagramToolConfig, 'allowInsecureUrls'>) {
  return z.object({
    video_url: httpsUrlField({
      allowInsecureUrls: config.allowInsecureUrls,
      description: videoUrlDescription,
    }),
    caption: captionField,
    share_to_feed: z
      .boolean()
      .optional()
      .describe(
        'Also show the reel in the profile grid and main feed (default true); false keeps it in the Reels tab only.',
      ),
    idempotency_key: idempotencyKeyField,
  });
}

export const PublishReelOutput = z.object({
  ...publishResultShape,
  media_type: z.literal('REELS').describe('Always REELS for this tool'),
  deduplicated: deduplicatedField,
});

/** The publish_reel tool; retries with the same key (or identical content within 24 h) post once. */
export function publishReelTool(config: InstagramToolConfig): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'publish_reel',
    title: 'Publish an Instagram reel',
    description:
      'Publishes one reel (a video post) with a caption to the connected Instagram business account. ' +
      'video_url must be a publicly reachable https URL of an MP4/MOV that Instagram downloads and processes; ' +
      'the call waits for processing to finish, which can take a minute or more for long videos, and fails ' +
      'with platform_error if Instagram cannot process the file. Caption: 1-2,200 characters, at most ' +
      `30 #hashtags and 20 @mentions. ${RETRY_SAFE_NOTE} ` +
      'Returns media_id, container_id and permalink.',
    inputSchema: publishReelInput(config),
    outputSchema: PublishReelOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<InstagramToolConfig>) => {
      validateInstagramCaption(args.caption);
      // Instagram fetches the video itself; a private or loopback URL is refused before any call.
      await assertPublicMediaUrl(args.video_url, {
        allowPrivateAddresses: ctx.config.mediaAllowPrivateUrls,
        field: 'video_url',
      });
      const { ig, igUserId } = await openInstagram(ctx);
      const reel = { videoUrl: args.video_url, caption: args.caption, shareToFeed: args.share_to_feed };
      return publishOnce(ctx, args, { accountId: igUserId, mediaType: 'REELS' }, (resume) =>
        ig.publishReel(reel, resume),
      );
    },
  });
}
