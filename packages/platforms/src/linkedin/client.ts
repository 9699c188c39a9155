// LinkedInClient: the typed LinkedIn client the MCP server uses (userinfo, Images API, Posts API, Social Metadata).
import { AppError } from '@socialvault/common';
import { LinkedInHttp } from './http';
import {
  LINKEDIN_IMAGE_TYPES,
  LINKEDIN_POST_METRICS,
  LINKEDIN_RECENT_POSTS_MAX_COUNT,
  validateLinkedInText,
  type LinkedInPostMetric,
} from './limits';
import { escapeLittleText, unescapeLittleText } from './little-text';
import type {
  LinkedInClientOptions,
  LinkedInPost,
  LinkedInPostEngagement,
  LinkedInPostPage,
  LinkedInPublishInput,
  LinkedInPublishResult,
  LinkedInUserInfo,
} from './types';

const PERSON_URN = /^urn:li:person:[A-Za-z0-9_-]{1,100}$/;

/** `https://www.linkedin.com/feed/update/<urn>/`, the public page of a post. */
export const linkedinPostUrl = (postUrn: string) => `https://www.linkedin.com/feed/update/${postUrn}/`;

/** True when `value` is a member URN `urn:li:person:<id>`. */
export const isPersonUrn = (value: unknown): value is string =>
  typeof value === 'string' && PERSON_URN.test(value);

interface RawPost {
  id: string;
  author: string;
  commentary?: string;
  visibility?: string;
  lifecycleState?: string;
  createdAt?: number;
  publishedAt?: number;
  content?: { media?: { id?: string } };
}

interface RawSocialMetadata {
  reactionSummaries?: Record<string, { count?: number }>;
  commentSummary?: { count?: number };
}

const iso = (ms: number | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : undefined);

/**
 * One member, one token. Every method throws AppError (see linkedinFailureToAppError): reconnect_required
 * (401, missing permission), rate_limited, invalid_input (checked locally first, or LinkedIn's 400/422),
 * not_found, platform_error (version sunset, partner-only data, 5xx). `/rest` calls always carry
 * `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0`.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
 * @example
 * const li = new LinkedInClient({ baseUrl: config.linkedinApiUrl, version: '202609', accessToken });
 * const author = await li.authorUrn(credential.extra.person_urn);
 * const { postUrn } = await li.publishPost({ author, text: 'Hello', visibility: 'PUBLIC' });
 */
export class LinkedInClient {
  private readonly http: LinkedInHttp;

  constructor(options: LinkedInClientOptions) {
    this.http = new LinkedInHttp(options);
  }

  /** The member's OpenID Connect profile (`GET /v2/userinfo`, scopes `openid profile`). */
  async getUserInfo(): Promise<LinkedInUserInfo> {
    const answer = await this.http.get<LinkedInUserInfo>('/v2/userinfo', {
      operation: 'read the member profile',
      permission: 'openid profile',
    });
    return answer.body;
  }

  /** `known` when it is a person URN (the credential's `extra.person_urn`), else `urn:li:person:<sub>` from userinfo. */
  async authorUrn(known?: unknown): Promise<string> {
    if (isPersonUrn(known)) return known;
    const { sub } = await this.getUserInfo();
    return `urn:li:person:${sub}`;
  }

  /**
   * Uploads an image for `owner` through the Images API: initializeUpload, then PUT the bytes to the
   * upload URL. Resolves the image URN.
   * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
   */
  async uploadImage(owner: string, bytes: Buffer, contentType: string): Promise<string> {
    if (!(LINKEDIN_IMAGE_TYPES as readonly string[]).includes(contentType)) {
      throw new AppError(
        'invalid_input',
        `image: LinkedIn takes ${LINKEDIN_IMAGE_TYPES.join(', ')}, not ${contentType}`,
        {
          hint: 'Use a JPEG, PNG or GIF image.',
        },
      );
    }
    const context = { operation: 'upload the image', permission: 'w_member_social' };
    const init = await this.http.rest<{ value?: { uploadUrl?: string; image?: string } }>(
      'POST',
      '/images?action=initializeUpload',
      { initializeUploadRequest: { owner } },
      context,
    );
    const { uploadUrl, image } = init.body.value ?? {};
    if (!uploadUrl || !image) {
      throw new AppError(
        'platform_error',
        'LinkedIn could not upload the image: initializeUpload returned no upload URL',
        {
          hint: 'Retry in a minute; report it if it persists.',
        },
      );
    }
    await this.http.putBytes(uploadUrl, bytes, contentType, context);
    return image;
  }

  /** Publishes a member post (uploading the image first, if any). Text is escaped to little text. */
  async publishPost(input: LinkedInPublishInput): Promise<LinkedInPublishResult> {
    validateLinkedInText(input.text);
    const imageUrn = input.image
      ? await this.uploadImage(input.author, input.image.bytes, input.image.contentType)
      : undefined;
    const answer = await this.http.rest<unknown>(
      'POST',
      '/posts',
      {
        author: input.author,
        commentary: escapeLittleText(input.text),
        visibility: input.visibility,
        distribution: {
          feedDistribution: 'MAIN_FEED',
          targetEntities: [],
          thirdPartyDistributionChannels: [],
        },
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
        ...(imageUrn
          ? {
              content: {
                media: { id: imageUrn, ...(input.image?.altText ? { altText: input.image.altText } : {}) },
              },
            }
          : {}),
      },
      { operation: 'create the post', permission: 'w_member_social' },
    );
    const raw = answer.headers['x-restli-id'] ?? answer.headers['x-linkedin-id'];
    const postUrn = Array.isArray(raw) ? String(raw[0]) : typeof raw === 'string' ? raw : '';
    if (!postUrn) {
      throw new AppError('platform_error', 'LinkedIn created the post but sent no x-restli-id', {
        hint: 'The post is probably live; check the LinkedIn feed before publishing again.',
      });
    }
    return { postUrn, postUrl: linkedinPostUrl(postUrn), ...(imageUrn ? { imageUrn } : {}) };
  }

  /**
   * The member's posts, newest first (`GET /rest/posts?q=author`). Needs r_member_social, which LinkedIn
   * grants only to approved partners: without it this throws platform_error saying so.
   */
  async getPostsByAuthor(
    author: string,
    options: { count?: number; start?: number } = {},
  ): Promise<LinkedInPostPage> {
    const count = Math.min(Math.max(options.count ?? 10, 1), LINKEDIN_RECENT_POSTS_MAX_COUNT);
    const start = Math.max(options.start ?? 0, 0);
    const query = `q=author&author=${encodeURIComponent(author)}&count=${count}&start=${start}&sortBy=LAST_MODIFIED`;
    const answer = await this.http.rest<{ elements?: RawPost[]; paging?: { links?: { rel?: string }[] } }>(
      'GET',
      `/posts?${query}`,
      undefined,
      { operation: 'list the member posts', permission: 'r_member_social', restrictedPermission: true },
    );
    const elements = answer.body.elements ?? [];
    const hasNext = (answer.body.paging?.links ?? []).some((link) => link.rel === 'next');
    return {
      posts: elements.map((post) => ({
        postUrn: post.id,
        postUrl: linkedinPostUrl(post.id),
        author: post.author,
        text: unescapeLittleText(post.commentary ?? ''),
        visibility: post.visibility ?? 'PUBLIC',
        lifecycleState: post.lifecycleState ?? 'PUBLISHED',
        ...(iso(post.createdAt) ? { createdAt: iso(post.createdAt) } : {}),
        ...(iso(post.publishedAt) ? { publishedAt: iso(post.publishedAt) } : {}),
        ...(post.content?.media?.id ? { imageUrn: post.content.media.id } : {}),
      })),
      nextStart: hasNext ? start + elements.length : null,
    };
  }

  /**
   * Reactions and comment counts of posts, by URN (`GET /rest/socialMetadata?ids=List(…)`, a Rest.li 2.0
   * batch get; r_member_social). Posts LinkedIn does not answer for are left out.
   * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/social-metadata-api
   */
  async getEngagement(postUrns: readonly string[]): Promise<Record<string, LinkedInPostEngagement>> {
    if (postUrns.length === 0) return {};
    const ids = postUrns.map(encodeURIComponent).join(',');
    const answer = await this.http.rest<{ results?: Record<string, RawSocialMetadata> }>(
      'GET',
      `/socialMetadata?ids=List(${ids})`,
      undefined,
      {
        operation: 'read post reactions and comments',
        permission: 'r_member_social',
        restrictedPermission: true,
      },
    );
    const out: Record<string, LinkedInPostEngagement> = {};
    for (const [urn, metadata] of Object.entries(answer.body.results ?? {})) {
      const reactions: Record<string, number> = {};
      for (const [type, summary] of Object.entries(metadata.reactionSummaries ?? {})) {
        reactions[type] = summary.count ?? 0;
      }
      out[urn] = {
        reactions,
        totalReactions: Object.values(reactions).reduce((sum, n) => sum + n, 0),
        comments: metadata.commentSummary?.count ?? 0,
      };
    }
    return out;
  }

  /**
   * Lifetime totals of one member post (`GET /rest/memberCreatorPostAnalytics?q=entity&entity=(share:…)
   * &queryType=…&aggregation=TOTAL`, one request per metric, at once). Needs r_member_postAnalytics, a
   * restricted permission: without it this throws platform_error saying so.
   * @see /work/shared/reference/platform-apis.md "Analytics (member)"
   * @example await li.getPostAnalytics('urn:li:share:7300…', ['impressions', 'reactions']) // {impressions: 154, reactions: 5}
   */
  async getPostAnalytics(
    postUrn: string,
    metrics: readonly LinkedInPostMetric[],
  ): Promise<Partial<Record<LinkedInPostMetric, number>>> {
    const kind = /^urn:li:(share|ugcPost):/.exec(postUrn)?.[1];
    if (!kind) {
      throw new AppError('invalid_input', 'post_urn must be a urn:li:share:… or urn:li:ugcPost:… URN', {
        hint: 'Pass the post_urn that publish_post or get_recent_posts returned.',
        details: { field: 'post_urn' },
      });
    }
    const entity = `(${kind}:${encodeURIComponent(postUrn)})`;
    const counts = await Promise.all(
      metrics.map(async (metric) => {
        const query = `q=entity&entity=${entity}&queryType=${LINKEDIN_POST_METRICS[metric]}&aggregation=TOTAL`;
        const answer = await this.http.rest<{ elements?: { count?: number }[] }>(
          'GET',
          `/memberCreatorPostAnalytics?${query}`,
          undefined,
          {
            operation: 'read member post analytics',
            permission: 'r_member_postAnalytics',
            restrictedPermission: true,
          },
        );
        const total = (answer.body.elements ?? []).reduce((sum, element) => sum + (element.count ?? 0), 0);
        return [metric, total] as const;
      }),
    );
    return Object.fromEntries(counts);
  }

  /** getPostsByAuthor, then the engagement of those posts merged in. */
  async getRecentPosts(
    author: string,
    options: { count?: number; start?: number } = {},
  ): Promise<LinkedInPostPage> {
    const page = await this.getPostsByAuthor(author, options);
    const engagement = await this.getEngagement(page.posts.map((post) => post.postUrn));
    return {
      ...page,
      posts: page.posts.map((post: LinkedInPost) =>
        engagement[post.postUrn] ? { ...post, engagement: engagement[post.postUrn] } : post,
      ),
    };
  }
}
