// Simulated statuses: POST /api/v1/statuses (validation, media checks, Idempotency-Key) and the account timeline.
// @see https://docs.joinmastodon.org/methods/statuses/#create
// @see https://docs.joinmastodon.org/methods/accounts/#statuses
import type { Request } from 'express';
import { MastodonError, mediaNotProcessed, recordNotFound, validationFailed } from './errors';
import type { MastodonCaller } from './gate';
import type { SimMastodonInstance, SimMastodonStatus } from './instance';
import { countableLength } from './text';

const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;

const asString = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined;

/** `media_ids[]` of a form body or `media_ids` of a JSON body, as strings. */
function mediaIdsOf(body: Record<string, unknown>): string[] {
  const raw = body.media_ids ?? body['media_ids[]'];
  if (raw === undefined || raw === null || raw === '') return [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

/**
 * Creates a status the way PostStatusService does: a known Idempotency-Key of this account (within the
 * hour) returns the status it created instead; then media (own, unattached, at most
 * max_media_attachments, processed), text (not blank without media, at most max_characters counted
 * over text + spoiler_text) and visibility are checked. Resolves `{status, replayed}`.
 */
export function createStatus(
  instance: SimMastodonInstance,
  caller: MastodonCaller,
  req: Request,
): { status: SimMastodonStatus; replayed: boolean } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const key = req.get('idempotency-key')?.trim();
  if (key) {
    const earlier = instance.idempotentStatus(caller.account.id, key);
    if (earlier) return { status: earlier, replayed: true };
  }

  const mediaIds = mediaIdsOf(body);
  const { max_media_attachments: maxMedia, max_characters: maxCharacters } = instance.settings;
  if (mediaIds.length > maxMedia) throw new MastodonError(422, `Cannot attach more than ${maxMedia} files`);
  const media = mediaIds.map((id) => instance.media.get(id));
  const missing = mediaIds.filter((id, index) => {
    const found = media[index];
    return !found || found.accountId !== caller.account.id || found.statusId !== undefined;
  });
  if (missing.length > 0) {
    throw new MastodonError(
      422,
      `Media attachment(s) ${missing.join(', ')} not found. Already attached to another post?`,
    );
  }
  if (media.some((item) => item!.pendingReads > 0)) throw mediaNotProcessed();

  const text = asString(body.status) ?? '';
  const spoilerText = asString(body.spoiler_text) ?? '';
  if (!text.trim() && mediaIds.length === 0) throw validationFailed("Text can't be blank");
  if (countableLength(text + spoilerText) > maxCharacters) {
    throw validationFailed(`Text character limit of ${maxCharacters} exceeded`);
  }
  const visibility = asString(body.visibility) ?? 'public';
  if (!(VISIBILITIES as readonly string[]).includes(visibility)) {
    throw validationFailed('Visibility is not included in the list');
  }
  const language = asString(body.language);
  const inReplyToId = asString(body.in_reply_to_id);
  if (inReplyToId && !instance.statuses.has(inReplyToId)) throw recordNotFound();
  const status = instance.addStatus({
    accountId: caller.account.id,
    text,
    spoilerText,
    visibility: visibility as SimMastodonStatus['visibility'],
    language: language && /^[a-z]{2,3}$/.test(language) ? language : null,
    sensitive: body.sensitive === true || body.sensitive === 'true' || spoilerText.length > 0,
    inReplyToId: inReplyToId ?? null,
    mediaIds,
  });
  if (key) instance.rememberIdempotency(caller.account.id, key, status.id);
  return { status, replayed: false };
}

/** True when `viewer` may see `status` (public and unlisted for everyone, the rest for its author). */
export function canSee(status: SimMastodonStatus, viewer: MastodonCaller | undefined): boolean {
  return (
    status.visibility === 'public' ||
    status.visibility === 'unlisted' ||
    viewer?.account.id === status.accountId
  );
}

const flag = (value: unknown) => value === 'true' || value === '1' || value === true;

/**
 * `GET /api/v1/accounts/:id/statuses?limit&max_id&exclude_replies&exclude_reblogs`: newest first,
 * `limit` default 20 (at most 40), and the Link header paging to older (`max_id`) posts.
 */
export function accountStatuses(
  instance: SimMastodonInstance,
  viewer: MastodonCaller | undefined,
  accountId: string,
  query: Record<string, unknown>,
  baseUrl: string,
): { statuses: SimMastodonStatus[]; link?: string } {
  if (!instance.accounts.has(accountId)) throw recordNotFound();
  const requested = Number(asString(query.limit) ?? 20);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, 40) : 20;
  const maxId = asString(query.max_id);
  let statuses = instance.statusesOf(accountId).filter((status) => canSee(status, viewer));
  if (flag(query.exclude_replies)) statuses = statuses.filter((status) => status.inReplyToId === null);
  if (maxId && /^\d+$/.test(maxId)) statuses = statuses.filter((status) => BigInt(status.id) < BigInt(maxId));
  const page = statuses.slice(0, limit);
  if (page.length === 0) return { statuses: page };
  const url = `${baseUrl}/api/v1/accounts/${accountId}/statuses`;
  const links = [`<${url}?min_id=${page[0]!.id}>; rel="prev"`];
  if (statuses.length > page.length)
    links.unshift(`<${url}?limit=${limit}&max_id=${page.at(-1)!.id}>; rel="next"`);
  return { statuses: page, link: links.join(', ') };
}
