// publish_post: one image post on Instagram (container → wait until FINISHED → media_publish).
import { z } from 'zod';
import {
  deduplicatedField,
  defineTool,
  httpsUrlField,
  idempotencyKeyField,
  mediaItemField,
  pickMedia,
  RETRY_SAFE_NOTE,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import { validateInstagramCaption } from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';
import { openInstagram } from '../session';
import {
  captionField,
  imageItemDescription,
  imageUrlDescription,
  INSTAGRAM_IMAGE_INPUT,
  INSTAGRAM_IMAGE_RULES,
  publishOnce,
  publishResultShape,
} from './shared';

/** Input of publish_post (`image_url` or `image`); URLs admit http:// only when ALLOW_INSECURE_URLS=true. */
export function publishPostInput(config: Pick<InstagramToolConfig, 'allowInsecureUrls'>) {
  return z.object({
    image_url: httpsUrlField({
      allowInsecureUrls: config.allowInsecureUrls,
      description: `${imageUrlDescription} Give image_url or image.`,
    }).optional(),
    image: mediaItemField({
      allowInsecureUrls: config.allowInsecureUrls,
      description: imageItemDescription,
    }).optional(),
    caption: captionField,
    idempotency_key: idempotencyKeyField,
  });
}

export const PublishPostOutput = z.object({
  ...publishResultShape,
  media_type: z.literal('IMAGE').describe('Always IMAGE for this tool'),
  deduplicated: deduplicatedField,
});

/** The publish_post tool; retries with the same key (or identical content within 24 h) post once. */
export function publishPostTool(config: InstagramToolConfig): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'publish_post',
    title: 'Publish an Instagram image post',
    description:
      'Publishes one image with a caption to the connected Instagram business account, right away. ' +
      'Instagram downloads the image itself from image_url, so it must be a publicly reachable https URL of a ' +
      'JPEG (max 8 MB); an image you hold as bytes (e.g. just generated) goes in image instead: ' +
      '{"image_base64": "<base64>", "mime_type": "image/png"}. Caption: 1-2,200 characters, at most 30 ' +
      '#hashtags and 20 @mentions. ' +
      `The post is public at once; the account may publish 50 posts per 24 h through the API. ${RETRY_SAFE_NOTE} ` +
      'Returns media_id (use it with get_media_insights), container_id and permalink.',
    inputSchema: publishPostInput(config),
    outputSchema: PublishPostOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<InstagramToolConfig>) => {
      const image = pickMedia({ image_url: args.image_url, image: args.image }, { required: true })!;
      validateInstagramCaption(args.caption);
      // Instagram fetches the image itself: a public URL goes as it is (a private one is refused), inline
      // bytes get a short-lived URL in the media store, deleted when this call ends. Checked before any call.
      const { url } = await ctx.hostMedia(image.source, {
        ...INSTAGRAM_IMAGE_INPUT,
        field: image.field,
        rules: INSTAGRAM_IMAGE_RULES,
      });
      const { ig, igUserId } = await openInstagram(ctx);
      return publishOnce(ctx, args, { accountId: igUserId, mediaType: 'IMAGE' }, (resume) =>
        ig.publishImage({ imageUrl: url, caption: args.caption }, resume),
      );
    },
  });
}
