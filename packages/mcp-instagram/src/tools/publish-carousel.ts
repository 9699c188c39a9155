// publish_carousel: one carousel post of 2-10 images (item containers → carousel container → media_publish).
import { z } from 'zod';
import { AppError } from '@socialvault/common';
import {
  deduplicatedField,
  defineTool,
  httpsUrlField,
  idempotencyKeyField,
  mediaItemField,
  pickMediaList,
  RETRY_SAFE_NOTE,
  type McpTool,
  type PublishResumePoint,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  INSTAGRAM_CAROUSEL_MAX_ITEMS,
  INSTAGRAM_CAROUSEL_MIN_ITEMS,
  validateInstagramCaption,
  type MetaPublishProgress,
} from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';
import {
  captionField,
  imageItemDescription,
  imageUrlDescription,
  INSTAGRAM_IMAGE_INPUT,
  INSTAGRAM_IMAGE_RULES,
  publishOnce,
  publishResultShape,
} from './shared';
import { openInstagram } from '../session';

/** Input of publish_carousel (`image_urls` or `images`); URLs admit http:// only when ALLOW_INSECURE_URLS=true. */
export function publishCarouselInput(config: Pick<InstagramToolConfig, 'allowInsecureUrls'>) {
  return z.object({
    image_urls: z
      .array(httpsUrlField({ allowInsecureUrls: config.allowInsecureUrls, description: imageUrlDescription }))
      .min(INSTAGRAM_CAROUSEL_MIN_ITEMS)
      .max(INSTAGRAM_CAROUSEL_MAX_ITEMS)
      .describe(
        `${INSTAGRAM_CAROUSEL_MIN_ITEMS}-${INSTAGRAM_CAROUSEL_MAX_ITEMS} public https URLs of JPEG images, in the ` +
          'order they appear in the carousel. The first image sets the crop of all others (use one aspect ratio). ' +
          'Give image_urls or images.',
      )
      .optional(),
    images: z
      .array(
        mediaItemField({ allowInsecureUrls: config.allowInsecureUrls, description: imageItemDescription }),
      )
      .min(INSTAGRAM_CAROUSEL_MIN_ITEMS)
      .max(INSTAGRAM_CAROUSEL_MAX_ITEMS)
      .optional()
      .describe(
        `${INSTAGRAM_CAROUSEL_MIN_ITEMS}-${INSTAGRAM_CAROUSEL_MAX_ITEMS} images as media items (inline base64, ` +
          'data: URLs or URLs), in carousel order, instead of image_urls.',
      ),
    caption: captionField,
    idempotency_key: idempotencyKeyField,
  });
}

export const PublishCarouselOutput = z.object({
  ...publishResultShape,
  media_type: z.literal('CAROUSEL_ALBUM').describe('Always CAROUSEL_ALBUM for this tool'),
  child_container_ids: z.array(z.string()).describe('Container ids of the carousel items, in order'),
  deduplicated: deduplicatedField,
});

/** The publish_carousel tool; retries with the same key (or identical content within 24 h) post once. */
export function publishCarouselTool(config: InstagramToolConfig): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'publish_carousel',
    title: 'Publish an Instagram carousel',
    description:
      `Publishes one carousel post of ${INSTAGRAM_CAROUSEL_MIN_ITEMS}-${INSTAGRAM_CAROUSEL_MAX_ITEMS} images ` +
      'with one caption to the connected Instagram business account, right away. Every image_url must be a ' +
      'publicly reachable https URL of a JPEG; Instagram downloads them itself. Images held as bytes go in ' +
      'images instead ({"image_base64": …, "mime_type": "image/png"} each). Caption: 1-2,200 characters, ' +
      'at most 30 #hashtags and 20 @mentions. A carousel counts as one post against the 24 h publishing quota. ' +
      `${RETRY_SAFE_NOTE} Returns media_id, container_id, ` +
      'child_container_ids and permalink.',
    inputSchema: publishCarouselInput(config),
    outputSchema: PublishCarouselOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<InstagramToolConfig>) => {
      const images = pickMediaList({ image_urls: args.image_urls, images: args.images });
      if (images.length === 0) {
        throw new AppError('invalid_input', 'image_urls or images: give the carousel images', {
          hint: `Pass ${INSTAGRAM_CAROUSEL_MIN_ITEMS}-${INSTAGRAM_CAROUSEL_MAX_ITEMS} public URLs in image_urls, or media items in images.`,
          details: { field: 'image_urls,images' },
        });
      }
      validateInstagramCaption(args.caption);
      // Every image is checked (and hosted, when inline) before any call; hosted copies go when the call ends.
      const items: { imageUrl: string }[] = [];
      for (const image of images) {
        const { url } = await ctx.hostMedia(image.source, {
          ...INSTAGRAM_IMAGE_INPUT,
          field: image.field,
          rules: INSTAGRAM_IMAGE_RULES,
        });
        items.push({ imageUrl: url });
      }
      const { ig, igUserId } = await openInstagram(ctx);
      const post = {
        accountId: igUserId,
        mediaType: 'CAROUSEL_ALBUM' as const,
        extra: (published: { childContainerIds: string[] }) => ({
          child_container_ids: published.childContainerIds,
        }),
      };
      // The resume point is typed so that the carousel's answer (with childContainerIds) is what `extra` reads.
      return publishOnce(ctx, args, post, (resume: PublishResumePoint<MetaPublishProgress>) =>
        ig.publishCarousel({ items, caption: args.caption }, resume),
      );
    },
  });
}
