// publish_post: one post on X — text counted the way X counts it, up to 4 images by URL (downloaded, uploaded), or a reply.
import { z } from 'zod';
import {
  deduplicatedField,
  defineTool,
  httpsUrlField,
  idempotencyKeyField,
  mediaItemField,
  pickMediaList,
  RETRY_SAFE_NOTE,
  textField,
  withIdempotency,
  type McpTool,
  type PublishedPost,
  type ReconcileLookup,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  X_IMAGE_MAX_BYTES,
  X_IMAGE_TYPES,
  X_MAX_IMAGES,
  X_TEXT_MAX_WEIGHTED,
  xTextLength,
  type XImageInput,
} from '@socialvault/platforms';
import type { XToolConfig } from '../config';
import { openX, postUrl } from '../session';

/** Input of publish_post (`media_urls` or `media`); URLs admit http:// only when ALLOW_INSECURE_URLS=true. */
export function publishPostInput(config: Pick<XToolConfig, 'allowInsecureUrls'>) {
  return z.object({
    text: textField({
      maxLength: X_TEXT_MAX_WEIGHTED,
      count: xTextLength,
      countNote: 'as X counts them: URLs 23, emoji and CJK 2',
      schemaMaxLength: false,
      description:
        `Text of the post, at most ${X_TEXT_MAX_WEIGHTED} characters as X counts them: every URL counts 23 ` +
        'whatever its length, emoji and CJK characters count 2, most others 1. X refuses the same text twice.',
    }),
    media_urls: z
      .array(
        httpsUrlField({
          allowInsecureUrls: config.allowInsecureUrls,
          description: 'Public https URL of a JPEG, PNG or WEBP image, at most 5 MB',
        }),
      )
      .min(1)
      .max(X_MAX_IMAGES)
      .optional()
      .describe(
        `Optional 1-${X_MAX_IMAGES} public https URLs of JPEG, PNG or WEBP images (at most 5 MB each), in order. ` +
          'The server downloads and uploads them to X; private and loopback addresses are refused. Or use media.',
      ),
    media: z
      .array(
        mediaItemField({
          allowInsecureUrls: config.allowInsecureUrls,
          description: 'One image: JPEG, PNG or WEBP, at most 5 MB.',
        }),
      )
      .min(1)
      .max(X_MAX_IMAGES)
      .optional()
      .describe(
        `Optional 1-${X_MAX_IMAGES} images as media items, in order, instead of media_urls: inline bytes ` +
          '(image_base64 with mime_type, or a data: URL) or URLs. The server uploads them to X.',
      ),
    reply_to_id: z
      .string()
      .regex(/^[0-9]{1,19}$/, { error: 'must be an X post id (digits only)' })
      .optional()
      .describe('Optional id of a post to reply to (from get_recent_posts or an earlier publish_post).'),
    idempotency_key: idempotencyKeyField,
  });
}

export const PublishPostOutput = z.object({
  post_id: z.string().describe('Id of the new post; pass it to get_post_metrics'),
  text: z.string().describe('The text as X stored it (URLs may be shortened to t.co links)'),
  url: z.string().describe('Public URL of the post'),
  media_ids: z.array(z.string()).describe('Ids of the uploaded images, in order (empty without media)'),
  account_id: z.string().describe('X user id of the account that posted'),
  reply_to_id: z.string().optional().describe('The post this one replies to, when it is a reply'),
  deduplicated: deduplicatedField,
});

/** The publish_post tool; retries with the same key (or identical content within 24 h) post once. */
export function publishPostTool(config: XToolConfig): McpTool<XToolConfig> {
  return defineTool({
    name: 'publish_post',
    title: 'Publish a post on X',
    description:
      'Publishes one post to the connected X account, right away and publicly: text (at most 280 characters as ' +
      'X counts them; URLs count 23), optionally up to 4 images given by public URL (media_urls, downloaded and ' +
      'uploaded by the server first) or as bytes you hold (media: [{"image_base64": "<base64>", "mime_type": ' +
      `"image/png"}]), optionally as a reply to reply_to_id. ${RETRY_SAFE_NOTE} ` +
      'Returns post_id (use it with get_post_metrics), url and the media ids.',
    inputSchema: publishPostInput(config),
    outputSchema: PublishPostOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<XToolConfig>) =>
      withIdempotency(
        ctx,
        {
          key: args.idempotency_key,
          request: args,
          reconcile: (lookup) => findEarlierPost(ctx, args, lookup),
        },
        async () => {
          // Media is downloaded only once the ledger says this call is the one to publish.
          const images: XImageInput[] = [];
          for (const { source, field } of pickMediaList({ media_urls: args.media_urls, media: args.media })) {
            const media = await ctx.fetchMedia(source, {
              maxBytes: X_IMAGE_MAX_BYTES,
              allowedContentTypes: [...X_IMAGE_TYPES],
              field,
            });
            images.push({ bytes: media.bytes, contentType: media.contentType, filename: media.filename });
          }
          const { x, credential, userId } = await openX(ctx);
          const published = await x.publishPost({ text: args.text, images, replyToId: args.reply_to_id });
          const url = postUrl(credential.username, published.postId);
          const result = {
            post_id: published.postId,
            text: published.text,
            url,
            media_ids: published.mediaIds,
            account_id: await userId(),
            ...(args.reply_to_id ? { reply_to_id: args.reply_to_id } : {}),
          };
          return { result, platformPostId: published.postId, permalink: url };
        },
      ),
  });
}

/**
 * After an attempt whose outcome is unknown: the account's post made since `lookup.since` with the same text,
 * reply target and number of images (newest first, one page of 20), as publish_post's result; null when X
 * has none. Its `media_ids` come from the post's media keys (`3_<media id>`).
 */
async function findEarlierPost(
  ctx: ToolContext<XToolConfig>,
  args: { text: string; media_urls?: string[]; media?: unknown[]; reply_to_id?: string },
  lookup: ReconcileLookup,
): Promise<PublishedPost<Omit<z.input<typeof PublishPostOutput>, 'deduplicated'>> | null> {
  const { x, credential, userId } = await openX(ctx);
  const accountId = await userId();
  const { data } = await x.getRecentPosts(accountId, { limit: 20 });
  const match = data.find(
    (post) =>
      post.text === args.text &&
      Date.parse(post.created_at ?? '') >= lookup.since.getTime() &&
      (post.attachments?.media_keys ?? []).length === (args.media_urls ?? args.media ?? []).length &&
      (post.referenced_tweets ?? []).find((ref) => ref.type === 'replied_to')?.id === args.reply_to_id,
  );
  if (!match) return null;
  const url = postUrl(credential.username, match.id);
  const result = {
    post_id: match.id,
    text: match.text,
    url,
    media_ids: (match.attachments?.media_keys ?? []).map((mediaKey) => mediaKey.replace(/^\d+_/, '')),
    account_id: accountId,
    ...(args.reply_to_id ? { reply_to_id: args.reply_to_id } : {}),
  };
  return { result, platformPostId: match.id, permalink: url };
}
