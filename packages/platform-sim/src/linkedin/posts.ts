// Simulated Posts API: create a member post (strict schema, little text, image checks) and find posts by author.
// @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
import type { Request } from 'express';
import { illegalArgument, schemaErrors, accessDenied } from './errors';
import { parseLittleText } from './little-text';
import type { LinkedInCaller } from './gate';
import type { LinkedInSimState, SimLinkedInPost } from './state';

/** LinkedIn's commentary limit, in visible characters. */
export const LINKEDIN_SIM_COMMENTARY_MAX = 3000;

const REQUIRED = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState'] as const;
const ALLOWED = new Set<string>([
  ...REQUIRED,
  'content',
  'isReshareDisabledByAuthor',
  'contentLandingPage',
  'contentCallToActionLabel',
  'reshareContext',
  'adContext',
  'container',
]);
const VISIBILITIES = ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN', 'CONTAINER'];
const LIFECYCLE_STATES = ['PUBLISHED', 'DRAFT'];
const FEED_DISTRIBUTIONS = ['MAIN_FEED', 'NONE'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every schema problem of a create body, as LinkedIn lists them (`/field :: problem`). */
function schemaProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(body)) {
    if (!ALLOWED.has(key)) problems.push(`/${key} :: unrecognized field found but not allowed`);
  }
  for (const key of REQUIRED) {
    if (body[key] === undefined) {
      problems.push(`/${key} :: field is required but not found and has no default value`);
    }
  }
  const enumCheck = (path: string, value: unknown, allowed: string[]) => {
    if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
      problems.push(`${path} :: ${JSON.stringify(value)} is not an enum symbol`);
    }
  };
  if (body.author !== undefined && typeof body.author !== 'string') {
    problems.push('/author :: not a valid URN');
  }
  if (body.commentary !== undefined && typeof body.commentary !== 'string') {
    problems.push('/commentary :: expected string');
  }
  enumCheck('/visibility', body.visibility, VISIBILITIES);
  enumCheck('/lifecycleState', body.lifecycleState, LIFECYCLE_STATES);
  if (body.distribution !== undefined) {
    if (!isObject(body.distribution)) problems.push('/distribution :: expected record');
    else if (body.distribution.feedDistribution === undefined) {
      problems.push(
        '/distribution/feedDistribution :: field is required but not found and has no default value',
      );
    } else
      enumCheck('/distribution/feedDistribution', body.distribution.feedDistribution, FEED_DISTRIBUTIONS);
  }
  if (body.isReshareDisabledByAuthor !== undefined && typeof body.isReshareDisabledByAuthor !== 'boolean') {
    problems.push('/isReshareDisabledByAuthor :: expected boolean');
  }
  if (body.content !== undefined) {
    const media = isObject(body.content) ? body.content.media : undefined;
    if (!isObject(media) || typeof media.id !== 'string') {
      problems.push('/content/media/id :: field is required but not found and has no default value');
    }
  }
  return problems;
}

/**
 * `POST /rest/posts` for a member: the author must be the caller, the image (if any) theirs and
 * uploaded, the commentary at most 3,000 visible characters. Text after an unescaped little-text
 * reserved character is dropped, as LinkedIn does. Throws LinkedInError.
 */
export function createPost(state: LinkedInSimState, caller: LinkedInCaller, body: unknown): SimLinkedInPost {
  if (!isObject(body)) throw illegalArgument('Request body could not be converted to data map');
  const problems = schemaProblems(body);
  if (problems.length > 0) throw schemaErrors(problems);
  const author = body.author as string;
  if (!/^urn:li:(person|organization):[A-Za-z0-9_-]+$/.test(author)) {
    throw illegalArgument(`/author :: "${author.slice(0, 80)}" is not a valid person or organization URN`);
  }
  if (author !== caller.member.personUrn) throw accessDenied('partnerApiPostsExternal.CREATE (author)');
  const commentary = parseLittleText(body.commentary as string);
  if ([...commentary.visible].length > LINKEDIN_SIM_COMMENTARY_MAX) {
    throw schemaErrors([
      `/commentary :: length ${[...commentary.visible].length} exceeds maximum length ${LINKEDIN_SIM_COMMENTARY_MAX}`,
    ]);
  }
  let content: SimLinkedInPost['content'];
  if (body.content !== undefined) {
    const media = (body.content as { media: { id: string; altText?: unknown } }).media;
    const image = state.images.get(media.id);
    if (!image || image.owner !== author) {
      throw illegalArgument(
        `/content/media/id :: ${media.id.slice(0, 80)} does not exist or is not owned by the author`,
      );
    }
    if (image.status !== 'AVAILABLE') {
      throw illegalArgument(
        `/content/media/id :: ${media.id} is ${image.status}, not AVAILABLE; upload it first`,
      );
    }
    content = {
      media: { id: media.id, ...(typeof media.altText === 'string' ? { altText: media.altText } : {}) },
    };
  }
  return state.addPost({
    author,
    commentary: commentary.kept,
    visibility: body.visibility as string,
    lifecycleState: body.lifecycleState as string,
    distribution: body.distribution as Record<string, unknown>,
    isReshareDisabledByAuthor: (body.isReshareDisabledByAuthor as boolean | undefined) ?? false,
    ...(content ? { content } : {}),
  });
}

/** A post as the Posts API returns it. */
export function postView(post: SimLinkedInPost): Record<string, unknown> {
  return {
    id: post.urn,
    author: post.author,
    commentary: post.commentary,
    visibility: post.visibility,
    lifecycleState: post.lifecycleState,
    distribution: post.distribution,
    isReshareDisabledByAuthor: post.isReshareDisabledByAuthor,
    ...(post.content ? { content: post.content } : {}),
    createdAt: post.createdAt,
    publishedAt: post.publishedAt,
    lastModifiedAt: post.publishedAt,
    lifecycleStateInfo: { isEditedByAuthor: false },
  };
}

const intParam = (value: unknown, fallback: number, min: number, max: number, name: string): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw illegalArgument(`Invalid value ${JSON.stringify(value)} for parameter ${name}`);
  }
  return parsed;
};

/**
 * `GET /rest/posts?q=author&author=<urn>&count&start` (needs r_member_social): the caller's posts,
 * newest first, `{paging:{start,count,links}, elements}`.
 */
export function findPostsByAuthor(
  state: LinkedInSimState,
  caller: LinkedInCaller,
  req: Request,
  basePath: string,
): Record<string, unknown> {
  const query = req.query as Record<string, unknown>;
  if (query.q !== 'author')
    throw illegalArgument(`Unsupported finder ${JSON.stringify(query.q)}; use q=author`);
  if (typeof query.author !== 'string') throw illegalArgument('Missing required parameter author');
  if (query.author !== caller.member.personUrn) throw accessDenied('partnerApiPostsExternal.FINDER-author');
  const count = intParam(query.count, 10, 1, 100, 'count');
  const start = intParam(query.start, 0, 0, 100_000, 'start');
  const all = state.postsOf(caller.member.personUrn);
  const page = all.slice(start, start + count);
  const links =
    start + count < all.length
      ? [
          {
            type: 'application/json',
            rel: 'next',
            href: `${basePath}/rest/posts?q=author&author=${encodeURIComponent(query.author)}&count=${count}&start=${start + count}`,
          },
        ]
      : [];
  return { paging: { start, count, links }, elements: page.map(postView) };
}

/** Deterministic reactions and comments of a post (grow with its publication order). */
export function socialMetadataView(post: SimLinkedInPost): Record<string, unknown> {
  const likes = 3 + (post.seq % 5);
  const praise = post.seq % 3;
  const comments = post.seq % 4;
  return {
    reactionSummaries: {
      LIKE: { reactionType: 'LIKE', count: likes },
      ...(praise > 0 ? { PRAISE: { reactionType: 'PRAISE', count: praise } } : {}),
    },
    commentsState: 'OPEN',
    commentSummary: { count: comments, topLevelCount: comments },
    entity: post.urn,
  };
}

/**
 * `GET /rest/socialMetadata?ids=List(<encoded urn>,…)` (needs r_member_social): a Rest.li 2.0 batch get,
 * `{results:{urn:metadata}, statuses:{urn:200|404}, errors:{urn:{status,message}}}`.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/social-metadata-api
 */
export function batchSocialMetadata(state: LinkedInSimState, caller: LinkedInCaller, req: Request) {
  const raw = /(?:^|&)ids=List\(([^)]*)\)/.exec(req.originalUrl.split('?')[1] ?? '');
  if (!raw) throw illegalArgument('Missing or malformed ids parameter; expected ids=List(<encoded urn>,…)');
  const urns = raw[1]!.split(',').filter(Boolean).map(decodeURIComponent);
  const results: Record<string, unknown> = {};
  const statuses: Record<string, number> = {};
  const errors: Record<string, unknown> = {};
  for (const urn of urns) {
    const post = state.posts.get(urn);
    if (post && post.author === caller.member.personUrn) {
      results[urn] = socialMetadataView(post);
      statuses[urn] = 200;
    } else {
      statuses[urn] = 404;
      errors[urn] = { status: 404, message: `Not found: ${urn}` };
    }
  }
  return { results, statuses, errors };
}
