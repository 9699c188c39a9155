// GET /me (profile), GET /{threads-user-id}/threads (posts) and GET /{threads-media-id}, with Graph-style fields.
// @see https://developers.facebook.com/docs/threads/threads-profiles
// @see https://developers.facebook.com/docs/threads/threads-media
import { nonexistingField } from '../graph/errors';
import { graphTime } from '../graph/instagram/reads';
import { cursorPage } from '../graph/cursor-page';
import { parseFields, selectFields } from '../graph/params';
import type { SimThreadsAccount, SimThreadsPost, ThreadsSimState } from './state';

export const PROFILE_FIELDS = [
  'id',
  'username',
  'name',
  'threads_profile_picture_url',
  'threads_biography',
  'is_verified',
] as const;

export const POST_FIELDS = [
  'id',
  'media_product_type',
  'media_type',
  'media_url',
  'permalink',
  'owner',
  'username',
  'text',
  'timestamp',
  'shortcode',
  'thumbnail_url',
  'is_quote_post',
  'is_reply',
  'has_replies',
  'replied_to',
  'root_post',
] as const;

/** The profile node. */
export function profileNode(account: SimThreadsAccount, fields: string | undefined, origin: string) {
  const node = {
    id: account.id,
    username: account.username,
    name: account.name,
    threads_profile_picture_url: `${origin}/_sim/media/sample.jpg`,
    threads_biography: account.biography,
    is_verified: false,
  };
  return selectFields(node, fields, PROFILE_FIELDS, 'ThreadsUser', ['id']);
}

/** One post node. */
export function postNode(
  state: ThreadsSimState,
  post: SimThreadsPost,
  account: SimThreadsAccount | undefined,
  fields: string | undefined,
) {
  const node = {
    id: post.id,
    media_product_type: 'THREADS',
    media_type: post.media_type,
    media_url: post.media_url,
    permalink: post.permalink,
    owner: { id: post.userId },
    username: account?.username,
    text: post.text,
    timestamp: graphTime(post.timestamp),
    shortcode: post.shortcode,
    is_quote_post: false,
    is_reply: post.replyToId !== undefined,
    has_replies: [...state.posts.values()].some((p) => p.replyToId === post.id),
    replied_to: post.replyToId ? { id: post.replyToId } : undefined,
    root_post: { id: post.replyToId ?? post.id },
  };
  return selectFields(node, fields, POST_FIELDS, 'ThreadsMedia', ['id']);
}

/**
 * `GET /{threads-user-id}/threads?fields&limit&after`: newest first, `limit` default 25 (max 100),
 * `paging.cursors` and a `next` URL (without any token) when more posts exist.
 */
export function postsEdge(
  state: ThreadsSimState,
  account: SimThreadsAccount,
  params: Record<string, string>,
  origin: string,
  path: string,
): unknown {
  for (const field of parseFields(params.fields)) {
    if (!(POST_FIELDS as readonly string[]).includes(field)) throw nonexistingField(field, 'ThreadsMedia');
  }
  return cursorPage(state.postsOf(account.id), params, {
    cursorPrefix: 'threads',
    origin,
    path,
    render: (post) => postNode(state, post, account, params.fields),
  });
}
