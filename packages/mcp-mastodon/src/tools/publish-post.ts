// publish_post: a Mastodon status on the credential's instance, with media downloaded here and uploaded via
// /api/v2/media (waiting out the 202 processing), through the idempotency ledger; the key also goes to the
// instance as Idempotency-Key.
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
  withIdempotency,
  type McpTool,
  type PublishedPost,
  type ReconcileLookup,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  MASTODON_MEDIA_MAX_BYTES,
  MASTODON_MEDIA_TYPES,
  MASTODON_VISIBILITIES,
  statusText,
  validateMastodonStatus,
  type MastodonInstanceCache,
} from '@socialvault/platforms';
import type { MastodonToolConfig } from '../config';
import { openMastodon, type MastodonSession } from '../session';
import { instanceUrlField, visibilityOutputField } from './shared';

/** Most media URLs the schema takes; the instance's own limit (usually 4) is checked at call time. */
const MEDIA_URLS_MAX = 10;

/** Input of publish_post (`media_urls` or `media`); URLs admit http:// only when ALLOW_INSECURE_URLS=true. */
export function publishPostInput(config: Pick<MastodonToolConfig, 'allowInsecureUrls'>) {
  return z.object({
    status: z
      .string()
      .max(100_000)
      .describe(
        "The post text. Its limit is the instance's (usually 500 characters, read from the instance), counting " +
          'spoiler_text too, each URL as 23 characters and @user@domain as @user. May be empty only with media.',
      ),
    media_urls: z
      .array(
        httpsUrlField({
          allowInsecureUrls: config.allowInsecureUrls,
          description: 'Public https URL of a JPEG, PNG, GIF, WebP image or MP4 video',
        }),
      )
      .min(1)
      .max(MEDIA_URLS_MAX)
      .optional()
      .describe(
        'Optional media by URL, in order (the instance allows usually 4). The server downloads each file (at most ' +
          '40 MB, never from private or loopback addresses) and uploads it to the instance. Or use media.',
      ),
    media: z
      .array(
        mediaItemField({
          allowInsecureUrls: config.allowInsecureUrls,
          description: 'One file: JPEG, PNG, GIF, WebP image or MP4 video, at most 40 MB.',
        }),
      )
      .min(1)
      .max(MEDIA_URLS_MAX)
      .optional()
      .describe(
        'Optional media as media items, in order, instead of media_urls: inline bytes (image_base64 with ' +
          'mime_type, or a data: URL) or URLs. The server uploads them to the instance.',
      ),
    media_descriptions: z
      .array(z.string().max(1500))
      .max(MEDIA_URLS_MAX)
      .optional()
      .describe(
        'Optional alt text per media file, in the same order as media_urls or media (at most 1,500 characters each).',
      ),
    visibility: z
      .enum(MASTODON_VISIBILITIES)
      .default('public')
      .describe(
        'public (default: everyone, public timelines), unlisted (everyone, not on public timelines), private ' +
          '(followers only) or direct (only mentioned accounts).',
      ),
    spoiler_text: z
      .string()
      .max(1000)
      .optional()
      .describe('Optional content warning shown before the text (counts toward the character limit).'),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 code such as en or de' })
      .optional()
      .describe('Optional ISO 639-1 language of the post, e.g. en.'),
    idempotency_key: idempotencyKeyField.describe(
      'Optional key that makes this publish safe to retry: a call with a key that already published returns the ' +
        'earlier result instead of posting again, even after retries and restarts (socialvault keeps a ledger; ' +
        'the key is also sent to the instance as Idempotency-Key). Use a UUID or a stable id from your workflow ' +
        '(e.g. the row id), 8-200 characters.',
    ),
  });
}

export const PublishPostOutput = z.object({
  id: z.string().describe('Status id on the instance; get_recent_posts lists it'),
  url: z.string().nullable().describe('Public URL of the post'),
  uri: z.string().describe('ActivityPub URI of the post'),
  created_at: z.string().describe('Creation time, ISO-8601 UTC'),
  visibility: visibilityOutputField,
  instance_url: instanceUrlField,
  media_ids: z.array(z.string()).describe('Ids of the uploaded media attachments, in order'),
  deduplicated: deduplicatedField,
});

/** The publish_post tool; `instances` caches each instance's limits. Retries with one key (or identical content within 24 h) post once. */
export function publishPostTool(
  config: MastodonToolConfig,
  instances: MastodonInstanceCache,
): McpTool<MastodonToolConfig> {
  return defineTool({
    name: 'publish_post',
    title: 'Publish a Mastodon post',
    description:
      "Publishes a status on the connected account's Mastodon instance right away: text within the instance's " +
      'limit (read from the instance, usually 500 characters), optional media by URL (media_urls, downloaded by ' +
      'this server) or as bytes you hold (media: [{"image_base64": "<base64>", "mime_type": "image/png"}]), ' +
      'uploaded and waited for while the instance processes it, visibility, content warning (spoiler_text) and ' +
      `language. ${RETRY_SAFE_NOTE} Returns id and url.`,
    inputSchema: publishPostInput(config),
    outputSchema: PublishPostOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<MastodonToolConfig>) => {
      const mediaFiles = pickMediaList({ media_urls: args.media_urls, media: args.media });
      if ((args.media_descriptions?.length ?? 0) > mediaFiles.length) {
        throw new AppError('invalid_input', 'media_descriptions: more descriptions than media files', {
          hint: 'Give at most one description per media file, in the same order.',
          details: { field: 'media_descriptions' },
        });
      }
      const session = await openMastodon(ctx, instances);
      const instance = await session.instance();
      validateMastodonStatus({
        status: args.status,
        spoilerText: args.spoiler_text,
        hasMedia: mediaFiles.length > 0,
        maxCharacters: instance.maxCharacters,
        instanceUrl: session.instanceUrl,
      });
      if (mediaFiles.length > instance.maxMediaAttachments) {
        const field = args.media ? 'media' : 'media_urls';
        throw new AppError(
          'invalid_input',
          `${field}: this instance takes at most ${instance.maxMediaAttachments} media per post (got ${mediaFiles.length})`,
          {
            hint: 'Post fewer media files, or split them over several posts.',
            details: { field },
          },
        );
      }
      const accepted = instance.supportedMimeTypes.length
        ? MASTODON_MEDIA_TYPES.filter((type) => instance.supportedMimeTypes.includes(type))
        : [...MASTODON_MEDIA_TYPES];
      const reconcile = (lookup: ReconcileLookup) =>
        findEarlierStatus(session, args, mediaFiles.length, lookup);
      return withIdempotency(
        ctx,
        { key: args.idempotency_key, request: args, reconcile },
        async (attempt) => {
          // Every file is downloaded and checked before anything is uploaded or posted.
          const files = [];
          for (const { source, field } of mediaFiles) {
            files.push(
              await ctx.fetchMedia(source, {
                maxBytes: MASTODON_MEDIA_MAX_BYTES,
                allowedContentTypes: accepted,
                field,
              }),
            );
          }
          const mediaIds: string[] = [];
          for (const [index, file] of files.entries()) {
            const description = args.media_descriptions?.[index];
            const media = await session.m.uploadMedia({
              bytes: file.bytes,
              contentType: file.contentType,
              filename: file.filename,
              ...(description ? { description } : {}),
            });
            mediaIds.push(media.id);
          }
          const status = await session.m.createStatus({
            status: args.status,
            visibility: args.visibility,
            ...(args.spoiler_text ? { spoilerText: args.spoiler_text } : {}),
            ...(args.language ? { language: args.language } : {}),
            mediaIds,
            // The instance deduplicates too (for an hour): a second line of defence, e.g. if the ledger lost a post.
            idempotencyKey: attempt.idempotencyKey,
          });
          const result = {
            id: status.id,
            url: status.url,
            uri: status.uri,
            created_at: status.created_at,
            visibility: status.visibility,
            instance_url: session.instanceUrl,
            media_ids: status.media_attachments?.map((media) => media.id) ?? mediaIds,
          };
          return { result, platformPostId: status.id, permalink: status.url };
        },
      );
    },
  });
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * After an attempt whose outcome is unknown: the account's status made since `lookup.since` with the same
 * text, content warning and number of media (`mediaCount`, counting media_urls or media; its 20 newest, boosts
 * left out), as publish_post's result; null when there is none (publishing again then still sends the same
 * Idempotency-Key, which the instance honours for an hour).
 */
async function findEarlierStatus(
  session: MastodonSession,
  args: { status: string; spoiler_text?: string },
  mediaCount: number,
  lookup: ReconcileLookup,
): Promise<PublishedPost<Omit<z.input<typeof PublishPostOutput>, 'deduplicated'>> | null> {
  const me = await session.m.verifyCredentials();
  const { statuses } = await session.m.getAccountStatuses(me.id, { limit: 20, excludeReblogs: true });
  const match = statuses.find(
    (status) =>
      Date.parse(status.created_at) >= lookup.since.getTime() &&
      sameText(statusText(status), args.status) &&
      (status.spoiler_text ?? '') === (args.spoiler_text ?? '') &&
      (status.media_attachments ?? []).length === mediaCount,
  );
  if (!match) return null;
  const result = {
    id: match.id,
    url: match.url ?? null,
    uri: match.uri,
    created_at: match.created_at,
    visibility: match.visibility,
    instance_url: session.instanceUrl,
    media_ids: (match.media_attachments ?? []).map((media) => media.id),
  };
  return { result, platformPostId: match.id, permalink: match.url ?? null };
}
