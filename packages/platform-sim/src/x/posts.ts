// POST /2/tweets, GET /2/tweets/:id and GET /2/users/:id/tweets: posting with X's checks, reads with fields.
// @see https://docs.x.com/x-api/posts/creation-of-a-post
// @see https://docs.x.com/x-api/posts/get-post-by-id
// @see https://docs.x.com/x-api/posts/get-posts
import { duplicateContent, invalidRequest, replyTargetMissing, textTooLong } from './errors';
import type { SimXPost, SimXUser, XSimState } from './state';
import { fitsPost } from './text';

/** `tweet.fields` X serves (a subset of the data dictionary; others answer 400 here). */
export const TWEET_FIELDS = [
  'id',
  'text',
  'created_at',
  'author_id',
  'public_metrics',
  'conversation_id',
  'in_reply_to_user_id',
  'attachments',
  'referenced_tweets',
  'edit_history_tweet_ids',
  'lang',
  'possibly_sensitive',
  'reply_settings',
  'source',
] as const;
/** `user.fields` served. */
export const USER_FIELDS = [
  'id',
  'name',
  'username',
  'created_at',
  'description',
  'profile_image_url',
  'public_metrics',
  'verified',
  'protected',
  'url',
] as const;

const MAX_MEDIA = 4;
/** X refuses the same text from the same author within this window. */
const DUPLICATE_WINDOW_MS = 24 * 3600 * 1000;

/** Checks a `tweet.fields`/`user.fields` list against what is served; 400 naming the first unknown one. */
export function checkFields(raw: unknown, allowed: readonly string[], parameter: string): string[] {
  if (raw === undefined) return [];
  const fields = String(raw)
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const field of fields) {
    if (!allowed.includes(field)) {
      throw invalidRequest(
        parameter,
        [field],
        `The \`${parameter}\` query parameter value [${field}] is not one of [${allowed.join(',')}]`,
      );
    }
  }
  return fields;
}

/** Deterministic public metrics: they grow with publication order and the author's followers. */
export function publicMetrics(post: SimXPost, author: SimXUser | undefined): Record<string, number> {
  const k = post.seq;
  const followers = author?.followers_count ?? 0;
  return {
    retweet_count: k % 4,
    reply_count: k % 3,
    like_count: 2 + 3 * k + Math.floor(followers * 0.01),
    quote_count: k % 2,
    bookmark_count: k % 5,
    impression_count: 25 + 19 * k + Math.floor(followers * 0.08),
  };
}

/** A post object with the default fields (id, text, edit_history_tweet_ids) plus the requested ones. */
export function postObject(
  state: XSimState,
  post: SimXPost,
  fields: readonly string[],
): Record<string, unknown> {
  const author = state.users.get(post.authorId);
  const all: Record<string, unknown> = {
    id: post.id,
    text: post.text,
    edit_history_tweet_ids: [post.id],
    created_at: post.createdAt.toISOString(),
    author_id: post.authorId,
    public_metrics: publicMetrics(post, author),
    conversation_id: post.conversationId,
    in_reply_to_user_id: post.inReplyToUserId,
    attachments: post.mediaKeys.length > 0 ? { media_keys: post.mediaKeys } : undefined,
    referenced_tweets: post.inReplyToId ? [{ type: 'replied_to', id: post.inReplyToId }] : undefined,
    lang: 'en',
    possibly_sensitive: false,
    reply_settings: 'everyone',
    source: 'socialvault',
  };
  const out: Record<string, unknown> = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
  for (const field of fields) if (all[field] !== undefined) out[field] = all[field];
  return out;
}

/**
 * Validates one `POST /2/tweets` body and creates the post: text or media required; text at most 280
 * weighted characters (403); the same text as a post of the last 24 h refused (403 duplicate); each
 * media id uploaded by this user, unexpired and unused, at most 4 (400 "Your media IDs are invalid.");
 * a reply target that exists (403).
 */
export function createPost(state: XSimState, user: SimXUser, body: unknown): SimXPost {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest('body', [], 'The request body must be a JSON object.');
  }
  const input = body as {
    text?: unknown;
    media?: { media_ids?: unknown };
    reply?: { in_reply_to_tweet_id?: unknown };
  };
  const text = typeof input.text === 'string' ? input.text : undefined;
  if (input.text !== undefined && text === undefined)
    throw invalidRequest('text', [String(input.text)], 'text must be a string');
  const mediaIds = input.media?.media_ids;
  if (mediaIds !== undefined && (!Array.isArray(mediaIds) || mediaIds.some((id) => typeof id !== 'string'))) {
    throw invalidRequest('media.media_ids', [], 'media.media_ids must be an array of strings');
  }
  const ids = (mediaIds as string[] | undefined) ?? [];
  if ((text === undefined || text === '') && ids.length === 0) {
    throw invalidRequest('text', [], 'You must specify either text or media.');
  }
  if (text !== undefined && !fitsPost(text)) throw textTooLong();
  if (ids.length > MAX_MEDIA) {
    throw invalidRequest('media.media_ids', ids, `media.media_ids: size must be between 1 and ${MAX_MEDIA}`);
  }
  const now = Date.now();
  for (const id of ids) {
    const media = state.media.get(id);
    if (
      !media ||
      media.userId !== user.id ||
      media.postId !== undefined ||
      media.expiresAt.getTime() <= now
    ) {
      throw invalidRequest('media.media_ids', ids, 'Your media IDs are invalid.');
    }
  }
  const replyTo = input.reply?.in_reply_to_tweet_id;
  let parent: SimXPost | undefined;
  if (replyTo !== undefined) {
    parent = typeof replyTo === 'string' ? state.posts.get(replyTo) : undefined;
    if (!parent) throw replyTargetMissing();
  }
  if (
    text &&
    state.postsOf(user.id).some((p) => p.text === text && now - p.createdAt.getTime() < DUPLICATE_WINDOW_MS)
  ) {
    throw duplicateContent();
  }
  const post = state.addPost({
    authorId: user.id,
    text: text ?? '',
    mediaKeys: ids.map((id) => state.media.get(id)!.mediaKey),
    ...(parent ? { inReplyToId: parent.id, inReplyToUserId: parent.authorId } : {}),
  });
  for (const id of ids) state.media.get(id)!.postId = post.id;
  return post;
}

/**
 * `GET /2/users/:id/tweets?max_results=5..100&pagination_token|until_id|since_id&exclude&tweet.fields`:
 * newest first; `meta: {result_count, newest_id, oldest_id, next_token?}`.
 */
export function userTimeline(
  state: XSimState,
  userId: string,
  query: Record<string, unknown>,
): Record<string, unknown> {
  const fields = checkFields(query['tweet.fields'], TWEET_FIELDS, 'tweet.fields');
  const raw = query.max_results === undefined ? '10' : String(query.max_results);
  const max = Number(raw);
  if (!/^\d+$/.test(raw) || max < 5 || max > 100) {
    throw invalidRequest(
      'max_results',
      [raw],
      `The \`max_results\` query parameter value [${raw}] is not between 5 and 100`,
    );
  }
  const exclude = String(query.exclude ?? '')
    .split(',')
    .filter(Boolean);
  let posts = state.postsOf(userId).filter((p) => !(exclude.includes('replies') && p.inReplyToId));
  if (typeof query.until_id === 'string') {
    const until = state.posts.get(query.until_id);
    posts = posts.filter((p) => (until ? p.seq < until.seq : p.id < String(query.until_id)));
  }
  if (typeof query.since_id === 'string') {
    const since = state.posts.get(query.since_id);
    posts = posts.filter((p) => (since ? p.seq > since.seq : p.id > String(query.since_id)));
  }
  let start = 0;
  if (typeof query.pagination_token === 'string') {
    const match = /^p(\d+)$/.exec(Buffer.from(query.pagination_token, 'base64url').toString('utf8'));
    if (!match)
      throw invalidRequest(
        'pagination_token',
        [query.pagination_token],
        'The `pagination_token` query parameter value is invalid',
      );
    start = Number(match[1]);
  }
  const page = posts.slice(start, start + max);
  if (page.length === 0) return { meta: { result_count: 0 } };
  const more = start + max < posts.length;
  return {
    data: page.map((p) => postObject(state, p, fields)),
    meta: {
      result_count: page.length,
      newest_id: page[0]!.id,
      oldest_id: page[page.length - 1]!.id,
      ...(more ? { next_token: Buffer.from(`p${start + max}`).toString('base64url') } : {}),
    },
  };
}

/** The user object with the default fields (id, name, username) plus the requested ones. */
export function userObject(
  state: XSimState,
  user: SimXUser,
  fields: readonly string[],
  origin: string,
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: user.id,
    name: user.name,
    username: user.username,
    created_at: user.createdAt.toISOString(),
    description: user.description ?? '',
    profile_image_url: `${origin}/_sim/media/sample.jpg`,
    public_metrics: {
      followers_count: user.followers_count,
      following_count: user.following_count,
      tweet_count: state.postsOf(user.id).length,
      listed_count: Math.floor(user.followers_count / 100),
      like_count: 0,
      media_count: state.postsOf(user.id).filter((p) => p.mediaKeys.length > 0).length,
    },
    verified: false,
    protected: false,
    url: '',
  };
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  for (const field of fields) out[field] = all[field];
  return out;
}
