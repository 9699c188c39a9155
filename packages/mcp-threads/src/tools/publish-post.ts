// publish_post: one Threads post — text, optionally with an image, optionally as a reply (container → threads_publish).
import { z } from 'zod';
import {
  deduplicatedField,
  defineTool,
  httpsUrlField,
  idempotencyKeyField,
  mediaItemField,
  pickMedia,
  RETRY_SAFE_NOTE,
  textField,
  withResumableIdempotency,
  type ImageRules,
  type McpTool,
  type PublishResumePoint,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  THREADS_TEXT_MAX_CHARS,
  threadsTextLength,
  validateThreadsPost,
  type MetaPublishProgress,
} from '@socialvault/platforms';
import type { ThreadsToolConfig } from '../config';
import { openThreads } from '../session';

/** Threads takes JPEG and PNG up to 8 MiB; WebP is converted to JPEG first. */
const THREADS_IMAGE_RULES: ImageRules = { keepTypes: ['image/jpeg', 'image/png'], maxBytes: 8 * 1024 * 1024 };
const THREADS_IMAGE_INPUT = {
  allowedContentTypes: ['image/jpeg', 'image/png', 'image/webp'],
  maxBytes: 8 * 1024 * 1024,
};

/** Input of publish_post (`image_url` or `image`); URLs admit http:// only when ALLOW_INSECURE_URLS=true. */
export function publishPostInput(config: Pick<ThreadsToolConfig, 'allowInsecureUrls'>) {
  return z.object({
    text: textField({
      maxLength: THREADS_TEXT_MAX_CHARS,
      count: threadsTextLength,
      countNote: 'each emoji counts as its UTF-8 bytes',
      description:
        `Text of the post, 1-${THREADS_TEXT_MAX_CHARS} characters as Threads counts them (each emoji counts as ` +
        'its UTF-8 bytes, e.g. 😀 = 4). The first URL in the text becomes the link preview. Line breaks are kept.',
    }),
    image_url: httpsUrlField({
      allowInsecureUrls: config.allowInsecureUrls,
      description:
        'Optional public https URL of a JPEG or PNG image (max 8 MB). Threads downloads it itself, so it must be ' +
        'reachable from the internet without login; private and loopback addresses are refused. Or use image.',
    }).optional(),
    image: mediaItemField({
      allowInsecureUrls: config.allowInsecureUrls,
      description:
        'Optional image as a media item, instead of image_url: inline bytes (image_base64 with mime_type, or a ' +
        'data: URL) or a URL to copy first (rehost: true). JPEG, PNG or WebP up to 8 MB (WebP becomes JPEG). ' +
        'The server hosts it briefly for Threads to fetch.',
    }).optional(),
    reply_to_id: z
      .string()
      .regex(/^[0-9]{1,40}$/, { error: 'must be a Threads post id (digits only)' })
      .optional()
      .describe('Optional id of a post to reply to (from get_recent_posts or an earlier publish_post).'),
    idempotency_key: idempotencyKeyField,
  });
}

export const PublishPostOutput = z.object({
  post_id: z.string().describe('Id of the published Threads post; pass it to get_post_insights'),
  container_id: z.string().describe('Id of the media container that was published'),
  media_type: z.enum(['TEXT', 'IMAGE']).describe('TEXT for a text post, IMAGE when an image was given'),
  permalink: z
    .string()
    .optional()
    .describe('Public URL of the post (absent when Threads did not return it in time; the post is live)'),
  account_id: z.string().describe('Threads user id the post was published to (or "me")'),
  reply_to_id: z.string().optional().describe('The post this one replies to, when it is a reply'),
  deduplicated: deduplicatedField,
});

/** The publish_post tool; retries with the same key (or identical content within 24 h) post once. */
export function publishPostTool(config: ThreadsToolConfig): McpTool<ThreadsToolConfig> {
  return defineTool({
    name: 'publish_post',
    title: 'Publish a Threads post',
    description:
      'Publishes one post to the connected Threads profile, right away and publicly: text (up to 500 ' +
      'characters), optionally with one image (a public URL in image_url, or bytes you hold in image: ' +
      '{"image_base64": "<base64>", "mime_type": "image/png"}), optionally as a reply to reply_to_id. ' +
      'Image posts wait until Threads has processed the image. A profile may publish 250 posts and 1,000 ' +
      `replies per 24 h through the API. ${RETRY_SAFE_NOTE} Returns post_id (use it with get_post_insights), ` +
      'container_id and permalink.',
    inputSchema: publishPostInput(config),
    outputSchema: PublishPostOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<ThreadsToolConfig>) => {
      const image = pickMedia({ image_url: args.image_url, image: args.image }, { required: false });
      validateThreadsPost({ text: args.text, replyToId: args.reply_to_id });
      // Threads fetches the image itself: a public URL goes as it is (a private one is refused), inline bytes
      // get a short-lived URL in the media store, deleted when this call ends. Checked before any call.
      const hosted = image
        ? await ctx.hostMedia(image.source, {
            ...THREADS_IMAGE_INPUT,
            field: image.field,
            rules: THREADS_IMAGE_RULES,
          })
        : undefined;
      const input = { text: args.text, imageUrl: hosted?.url, replyToId: args.reply_to_id };
      const { threads, threadsUserId } = await openThreads(ctx);
      const options = { key: args.idempotency_key, request: args };
      return withResumableIdempotency(
        ctx,
        options,
        async (resume: PublishResumePoint<MetaPublishProgress>) => {
          // A stored container id (a call cut off midway) is published instead of a new container.
          const published = await threads.publishPost(input, resume);
          const result = {
            post_id: published.postId,
            container_id: published.containerId,
            media_type: published.mediaType,
            ...(published.permalink ? { permalink: published.permalink } : {}),
            account_id: threadsUserId,
            ...(args.reply_to_id ? { reply_to_id: args.reply_to_id } : {}),
          };
          return { result, platformPostId: published.postId, permalink: published.permalink };
        },
      );
    },
  });
}
