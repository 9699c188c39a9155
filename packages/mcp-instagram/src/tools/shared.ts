// What several Instagram tools share: the caption and media fields, insight metric checks and output pieces.
import { z } from 'zod';
import { AppError } from '@socialvault/common';
import {
  metricValuesShape,
  textField,
  withResumableIdempotency,
  type ImageRules,
  type PublishResumePoint,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  checkInstagramMetrics,
  currentInstagramMetrics,
  INSTAGRAM_CAPTION_MAX_CHARS,
  INSTAGRAM_CAPTION_MAX_HASHTAGS,
  INSTAGRAM_CAPTION_MAX_MENTIONS,
  normalizeMetricName,
  type DeprecatedMetric,
  type InsightsKind,
  type MetaPublishProgress,
} from '@socialvault/platforms';
import type { InstagramToolConfig } from '../config';

// ── Publishing: caption and media ────────────────────────────────────────────

/** `caption`: 1-2,200 characters; hashtag and mention counts are checked by the handler before any call. */
export const captionField = textField({
  maxLength: INSTAGRAM_CAPTION_MAX_CHARS,
  description:
    `Post caption, 1-${INSTAGRAM_CAPTION_MAX_CHARS} characters (emoji count as one), at most ` +
    `${INSTAGRAM_CAPTION_MAX_HASHTAGS} #hashtags and ${INSTAGRAM_CAPTION_MAX_MENTIONS} @mentions. ` +
    'Line breaks are kept.',
});

/** Instagram takes JPEG up to 8 MiB, width/height 4:5 … 1.91:1; PNG and WebP are converted to JPEG first. */
export const INSTAGRAM_IMAGE_RULES: ImageRules = {
  keepTypes: ['image/jpeg'],
  aspectRatio: { min: 0.8, max: 1.91, label: '4:5 … 1.91:1' },
  maxBytes: 8 * 1024 * 1024,
};

/** What the tools take inline (or to re-host): JPEG, PNG or WebP of at most 8 MiB. */
export const INSTAGRAM_IMAGE_INPUT = {
  allowedContentTypes: ['image/jpeg', 'image/png', 'image/webp'],
  maxBytes: 8 * 1024 * 1024,
};

export const imageItemDescription =
  'The image as a media item, instead of a public URL: inline bytes (image_base64 with mime_type, or a data: URL) ' +
  'or a URL to copy first (rehost: true). JPEG, PNG or WebP up to 8 MB, aspect ratio 4:5 to 1.91:1 (refused, ' +
  'not cropped, outside it); PNG/WebP become JPEG. The server hosts it briefly for Instagram to fetch.';

export const imageUrlDescription =
  'Public https URL of a JPEG image (max 8 MB). Instagram downloads it itself, so it must be reachable ' +
  'from the internet without login; aspect ratio between 4:5 and 1.91:1.';

export const videoUrlDescription =
  'Public https URL of an MP4 or MOV video (H.264 or HEVC, AAC audio, 3 s to 15 min; 9:16 recommended). ' +
  'Instagram downloads it itself, so it must be reachable from the internet without login.';

// ── Insights: metric names in, metric values out ─────────────────────────────

function replacementText(kind: InsightsKind, deprecated: DeprecatedMetric): string {
  if (deprecated.replacement && currentInstagramMetrics(kind).includes(deprecated.replacement)) {
    return `${deprecated.metric} → ${deprecated.replacement}`;
  }
  if (deprecated.metric === 'profile_views' && kind === 'account') {
    return 'profile_views → no account-level replacement (get_media_insights has profile_visits per post)';
  }
  return deprecated.replacement
    ? `${deprecated.metric} → ${deprecated.replacement} (not served by this tool)`
    : `${deprecated.metric} → no replacement`;
}

/** The request rewritten with current metrics: replacements in place of deprecated names, duplicates dropped. */
function suggestedMetrics(kind: InsightsKind, requested: readonly string[]): string[] {
  const current = currentInstagramMetrics(kind);
  const { deprecated } = checkInstagramMetrics(kind, requested);
  const suggestion = requested.map(normalizeMetricName).flatMap((name) => {
    const old = deprecated.find((entry) => entry.metric === name);
    if (!old) return current.includes(name) ? [name] : [];
    return old.replacement && current.includes(old.replacement) ? [old.replacement] : [];
  });
  return [...new Set(suggestion)];
}

/**
 * Checks requested metric names before any Graph call and returns them normalised (trimmed,
 * lower-case, de-duplicated).
 * @throws AppError invalid_input when a metric is deprecated (the hint names what replaces each one and
 *   suggests a corrected `metrics` value) or unknown (the hint lists the current metrics).
 * @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights
 * @example checkMetrics('account', ['impressions', 'reach', 'profile_views'])
 *   // throws: hint "impressions → views; profile_views → no account-level replacement (…). Ask for ["views","reach"] instead. …"
 */
export function checkMetrics(kind: InsightsKind, requested: readonly string[]): string[] {
  const current = currentInstagramMetrics(kind);
  const { deprecated, unknown } = checkInstagramMetrics(kind, requested);
  const currentList = `Current ${kind} metrics: ${current.join(', ')}.`;
  if (requested.length === 0) {
    throw new AppError('invalid_input', `No ${kind} metrics were named`, {
      hint: `Omit metrics for the defaults, or name one or more. ${currentList}`,
      details: { field: 'metrics' },
    });
  }
  if (deprecated.length > 0) {
    const suggestion = suggestedMetrics(kind, requested);
    const names = deprecated.map((entry) => entry.metric).join(', ');
    throw new AppError(
      'invalid_input',
      `Instagram no longer serves the ${kind} metric${deprecated.length > 1 ? 's' : ''} ${names}: ` +
        `Meta retired ${deprecated.length > 1 ? 'them' : 'it'} from the Graph API`,
      {
        hint:
          `Replace them: ${deprecated.map((entry) => replacementText(kind, entry)).join('; ')}. ` +
          (suggestion.length > 0 ? `Ask for metrics ${JSON.stringify(suggestion)} instead. ` : '') +
          currentList,
        details: { field: 'metrics', deprecated: deprecated.map((entry) => entry.metric) },
      },
    );
  }
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_input',
      `Unknown Instagram ${kind} metric${unknown.length > 1 ? 's' : ''}: ${unknown.map((name) => JSON.stringify(name.slice(0, 64))).join(', ')}`,
      { hint: currentList, details: { field: 'metrics' } },
    );
  }
  return [...new Set(requested.map(normalizeMetricName))];
}

/** What each metric counts, for the output schema an LLM reads. */
const METRIC_MEANINGS: Record<string, string> = {
  reach: 'unique accounts that saw the content',
  views: 'times the content was played or displayed (replaces impressions and plays)',
  likes: 'likes',
  comments: 'comments',
  shares: 'shares',
  saves: 'saves',
  saved: 'saves',
  replies: 'replies (to stories)',
  total_interactions: 'likes + saves + comments + shares + replies',
  accounts_engaged: 'unique accounts that interacted',
  profile_links_taps: 'taps on the profile buttons (call, email, directions, text)',
  follows_and_unfollows: 'net follows: accounts that followed minus those that unfollowed',
  follower_count: 'new followers per day, summed over the range (needs 100+ followers)',
  profile_visits: 'profile visits from this post',
  profile_activity: 'actions taken on the profile after seeing this post',
  follows: 'accounts that followed after seeing this post',
  ig_reels_avg_watch_time: 'average watch time of the reel, in milliseconds',
  ig_reels_video_view_total_time: 'total watch time of the reel, in milliseconds',
  navigation: 'story navigation actions (taps forward/back, exits)',
};

/** One optional number per current metric of `kind`, e.g. `{ reach?: number, views?: number, … }`. */
export function instagramMetricValuesShape(kind: InsightsKind): Record<string, z.ZodOptional<z.ZodNumber>> {
  return metricValuesShape(currentInstagramMetrics(kind), METRIC_MEANINGS, 'Graph');
}

/** One row of Graph's insights answer, as Graph sent it. */
export const GraphInsightOutput = z
  .object({
    name: z.string().describe('Metric name'),
    period: z.string().describe('Aggregation period Graph used (day, lifetime, …)'),
    title: z.string().optional().describe("Graph's title of the metric"),
    description: z.string().optional().describe("Graph's description of the metric"),
    id: z.string().optional().describe('Graph id of this insight row'),
    values: z
      .array(
        z.object({
          value: z
            .union([z.number(), z.record(z.string(), z.unknown())])
            .describe('The number, or a breakdown object'),
          end_time: z.string().optional().describe('End of the interval, ISO-8601'),
        }),
      )
      .optional()
      .describe('A series of values (lifetime or daily metrics)'),
    total_value: z
      .object({
        value: z.number().describe('The total over the range'),
        breakdowns: z.array(z.unknown()).optional().describe('Breakdowns, when asked for'),
      })
      .optional()
      .describe('The total (metrics read with metric_type=total_value)'),
  })
  .describe('One metric as the Graph API returned it');

/** Fields every publishing tool returns. */
export const publishResultShape = {
  media_id: z.string().describe('Id of the published Instagram media; pass it to get_media_insights'),
  container_id: z.string().describe('Id of the media container that was published'),
  permalink: z
    .string()
    .optional()
    .describe('Public URL of the post (absent when Instagram did not return it in time; the post is live)'),
  account_id: z.string().describe('Instagram business account id the post was published to'),
};

/** What the InstagramClient answers a publish with. */
interface InstagramPublished {
  mediaId: string;
  containerId: string;
  permalink?: string;
}

/**
 * Runs one publish of the three publishing tools through the kit's idempotency ledger, resuming from a stored
 * container id, and shapes its result: `publishResultShape`'s fields for `post.accountId`, `media_type`, and
 * what `post.extra` adds from the client's answer. Resolves with `deduplicated`.
 * @throws AppError as withIdempotency and the InstagramClient.
 * @example publishOnce(ctx, args, { accountId: igUserId, mediaType: 'IMAGE' }, (resume) => ig.publishImage(input, resume))
 */
export function publishOnce<
  T extends string,
  P extends InstagramPublished,
  E extends Record<string, unknown> = Record<never, never>,
>(
  ctx: ToolContext<InstagramToolConfig>,
  args: { idempotency_key?: string },
  post: { accountId: string; mediaType: T; extra?: (published: NoInfer<P>) => E },
  publish: (resume: PublishResumePoint<MetaPublishProgress>) => Promise<P>,
) {
  return withResumableIdempotency(
    ctx,
    { key: args.idempotency_key, request: args },
    async (resume: PublishResumePoint<MetaPublishProgress>) => {
      const published = await publish(resume);
      const result = {
        media_id: published.mediaId,
        container_id: published.containerId,
        ...(published.permalink ? { permalink: published.permalink } : {}),
        account_id: post.accountId,
        media_type: post.mediaType,
        ...(post.extra?.(published) as E),
      };
      return { result, platformPostId: published.mediaId, permalink: published.permalink };
    },
  );
}
