// GET /{ig-user-id}, GET /{ig-user-id}/media and GET /{ig-media-id}, with field selection like Graph.
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media
import { nonexistingField } from '../errors';
import { cursorPage } from '../cursor-page';
import { parseFields, selectFields } from '../params';
import { mediaNumbers } from './metrics';
import type { InstagramSimState, SimInstagramAccount, SimMedia } from './state';

/** Graph's timestamp format: ISO-8601 UTC with a `+0000` offset, e.g. `2025-05-01T09:30:00+0000`. */
export function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export const USER_FIELDS = [
  'id',
  'ig_id',
  'username',
  'name',
  'biography',
  'followers_count',
  'follows_count',
  'media_count',
  'profile_picture_url',
  'website',
] as const;

export const MEDIA_FIELDS = [
  'id',
  'ig_id',
  'caption',
  'media_type',
  'media_product_type',
  'media_url',
  'thumbnail_url',
  'permalink',
  'shortcode',
  'timestamp',
  'username',
  'owner',
  'like_count',
  'comments_count',
  'is_comment_enabled',
  'children',
] as const;

/** The account node. `origin` is the simulator's own origin (for the profile picture URL). */
export function userNode(
  state: InstagramSimState,
  account: SimInstagramAccount,
  fields: string | undefined,
  origin: string,
): Record<string, unknown> {
  const node = {
    id: account.id,
    ig_id: Number(account.id.slice(-10)),
    username: account.username,
    name: account.name,
    biography: account.biography,
    followers_count: account.followers_count,
    follows_count: account.follows_count,
    media_count: state.mediaOf(account.id).length,
    profile_picture_url: `${origin}/_sim/media/sample.jpg`,
  };
  return selectFields(node, fields, USER_FIELDS, 'ShadowIGUser');
}

/** One media node; `children` is Graph's `{data:[{id}]}` edge for carousels. */
export function mediaNode(
  media: SimMedia,
  account: SimInstagramAccount | undefined,
  fields: string | undefined,
  origin: string,
): Record<string, unknown> {
  const numbers = mediaNumbers(media, account);
  const node = {
    id: media.id,
    ig_id: String(media.seq * 1_000_003),
    caption: media.caption,
    media_type: media.media_type,
    media_product_type: media.media_product_type,
    media_url: media.media_url,
    thumbnail_url: media.media_type === 'VIDEO' ? `${origin}/_sim/media/sample.jpg` : undefined,
    permalink: media.permalink,
    shortcode: media.shortcode,
    timestamp: graphTime(media.timestamp),
    username: account?.username,
    owner: { id: media.igUserId },
    like_count: numbers.likes,
    comments_count: numbers.comments,
    is_comment_enabled: true,
    children: media.children ? { data: media.children.map((id) => ({ id })) } : undefined,
  };
  return selectFields(node, fields, MEDIA_FIELDS, 'ShadowIGMedia');
}

/**
 * `GET /{ig-user-id}/media?fields&limit&after`: newest first, `limit` default 25 (capped at 100),
 * `paging.cursors` and a `next` URL (without any token) when more media exist.
 */
export function mediaEdge(
  state: InstagramSimState,
  account: SimInstagramAccount,
  params: Record<string, string>,
  origin: string,
  path: string,
): unknown {
  // Validate fields even when the account has no media yet.
  for (const field of parseFields(params.fields)) {
    if (!(MEDIA_FIELDS as readonly string[]).includes(field)) throw nonexistingField(field, 'ShadowIGMedia');
  }
  return cursorPage(state.mediaOf(account.id), params, {
    cursorPrefix: 'media',
    origin,
    path,
    render: (m) => mediaNode(m, account, params.fields, origin),
  });
}
