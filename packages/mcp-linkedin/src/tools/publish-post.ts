// publish_post: a LinkedIn member post, optionally with one image (downloaded here, uploaded via the Images API).
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
  withIdempotency,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  LINKEDIN_COMMENTARY_MAX_CHARS,
  LINKEDIN_IMAGE_MAX_BYTES,
  LINKEDIN_IMAGE_TYPES,
  LINKEDIN_VISIBILITIES,
} from '@socialvault/platforms';
import type { LinkedInToolConfig } from '../config';
import { openLinkedIn } from '../session';

/** Input of publish_post (`image_url` or `image`); URLs admit http:// only when ALLOW_INSECURE_URLS=true. */
export function publishPostInput(config: Pick<LinkedInToolConfig, 'allowInsecureUrls'>) {
  return z.object({
    text: textField({
      maxLength: LINKEDIN_COMMENTARY_MAX_CHARS,
      description:
        `Post text, 1-${LINKEDIN_COMMENTARY_MAX_CHARS} characters, sent exactly as written: line breaks are kept, #hashtags become ` +
        'LinkedIn hashtags, and characters such as ( ) @ * _ are escaped so LinkedIn does not cut the text.',
    }),
    visibility: z
      .enum(LINKEDIN_VISIBILITIES)
      .default('PUBLIC')
      .describe(
        'Who can see the post: PUBLIC (anyone, the default) or CONNECTIONS (1st-degree connections only).',
      ),
    image_url: httpsUrlField({
      allowInsecureUrls: config.allowInsecureUrls,
      description:
        'Optional public https URL of one JPEG, PNG or GIF image (at most 10 MB). The server downloads it and ' +
        'uploads it to LinkedIn; URLs on private or loopback addresses are refused. Or use image.',
    }).optional(),
    image: mediaItemField({
      allowInsecureUrls: config.allowInsecureUrls,
      description:
        'Optional image as a media item, instead of image_url: inline bytes (image_base64 with mime_type, or a ' +
        'data: URL) or a URL. JPEG, PNG or GIF, at most 10 MB; the server uploads it to LinkedIn.',
    }).optional(),
    image_alt_text: z
      .string()
      .trim()
      .min(1)
      .max(4086)
      .optional()
      .describe('Optional alternative text of the image for screen readers (only with image_url or image).'),
    idempotency_key: idempotencyKeyField,
  });
}

export const PublishPostOutput = z.object({
  post_urn: z.string().describe('The post id, e.g. urn:li:share:7300000000000000001'),
  post_url: z.string().describe('Public URL of the post'),
  author_urn: z.string().describe('The member who posted, urn:li:person:<id>'),
  visibility: z.enum(LINKEDIN_VISIBILITIES).describe('PUBLIC or CONNECTIONS'),
  image_urn: z.string().optional().describe('The uploaded image, urn:li:image:<id> (with an image only)'),
  deduplicated: deduplicatedField,
});

/** The publish_post tool; retries with the same key (or identical content within 24 h) post once. */
export function publishPostTool(config: LinkedInToolConfig): McpTool<LinkedInToolConfig> {
  return defineTool({
    name: 'publish_post',
    title: 'Publish a LinkedIn post',
    description:
      "Publishes a post to the connected LinkedIn member's feed right away, through LinkedIn's Posts API: " +
      'text (up to 3,000 characters), visibility PUBLIC or CONNECTIONS, and optionally one image given by URL ' +
      '(image_url, downloaded by this server and uploaded to LinkedIn first) or as bytes you hold (image: ' +
      `{"image_base64": "<base64>", "mime_type": "image/png"}). ${RETRY_SAFE_NOTE} Returns post_urn and post_url.`,
    inputSchema: publishPostInput(config),
    outputSchema: PublishPostOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<LinkedInToolConfig>) => {
      const picked = pickMedia({ image_url: args.image_url, image: args.image }, { required: false });
      return withIdempotency(ctx, { key: args.idempotency_key, request: args }, async () => {
        // The image is fetched or decoded (and checked) before LinkedIn is called, so bad media never half-posts.
        const image = picked
          ? await ctx.fetchMedia(picked.source, {
              maxBytes: LINKEDIN_IMAGE_MAX_BYTES,
              allowedContentTypes: [...LINKEDIN_IMAGE_TYPES],
              field: picked.field,
            })
          : undefined;
        const session = await openLinkedIn(ctx);
        const author = await session.authorUrn();
        const published = await session.li.publishPost({
          author,
          text: args.text,
          visibility: args.visibility,
          ...(image
            ? {
                image: {
                  bytes: image.bytes,
                  contentType: image.contentType,
                  ...(args.image_alt_text ? { altText: args.image_alt_text } : {}),
                },
              }
            : {}),
        });
        const result = {
          post_urn: published.postUrn,
          post_url: published.postUrl,
          author_urn: author,
          visibility: args.visibility,
          ...(published.imageUrn ? { image_urn: published.imageUrn } : {}),
        };
        return { result, platformPostId: published.postUrn, permalink: published.postUrl };
      });
    },
  });
}
