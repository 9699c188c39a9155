// JSON entities of the simulated instances: Status, Account (and CredentialAccount), MediaAttachment, Instance.
// @see https://docs.joinmastodon.org/entities/
import type {
  SimMastodonAccount,
  SimMastodonInstance,
  SimMastodonMedia,
  SimMastodonStatus,
} from './instance';
import { renderStatusHtml } from './text';

/** Supported upload types and what Mastodon turns them into. */
export const MASTODON_SIM_MEDIA_TYPES: Record<string, SimMastodonMedia['type']> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'gifv',
  'video/mp4': 'video',
  'video/webm': 'video',
  'audio/mpeg': 'audio',
};

const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'mp4',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
};

export const mediaFileUrl = (baseUrl: string, media: SimMastodonMedia) =>
  `${baseUrl}/system/media_attachments/${media.id}/original.${EXTENSION[media.contentType] ?? 'bin'}`;

/** MediaAttachment; `url` is null while the media is being processed. */
export function mediaView(media: SimMastodonMedia, baseUrl: string): Record<string, unknown> {
  const ready = media.pendingReads === 0;
  return {
    id: media.id,
    type: media.type,
    url: ready ? mediaFileUrl(baseUrl, media) : null,
    preview_url: mediaFileUrl(baseUrl, media),
    remote_url: null,
    text_url: null,
    meta: media.type === 'image' ? { original: { width: 320, height: 320, size: '320x320', aspect: 1 } } : {},
    description: media.description,
    blurhash: 'UFQT7j?bD%ay~qj[t7j[%MofM{ofM{of',
  };
}

/** Account; with `credential` the CredentialAccount of verify_credentials (adds `source`). */
export function accountView(
  instance: SimMastodonInstance,
  account: SimMastodonAccount,
  baseUrl: string,
  credential = false,
): Record<string, unknown> {
  const statuses = instance.statusesOf(account.id);
  return {
    id: account.id,
    username: account.username,
    acct: account.username,
    display_name: account.display_name,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: account.createdAt.toISOString(),
    note: account.note ? `<p>${account.note}</p>` : '',
    url: `${baseUrl}/@${account.username}`,
    avatar: `${baseUrl}/avatars/original/missing.png`,
    header: `${baseUrl}/headers/original/missing.png`,
    followers_count: account.followers_count,
    following_count: account.following_count,
    statuses_count: statuses.length,
    last_status_at: statuses[0] ? statuses[0].createdAt.toISOString().slice(0, 10) : null,
    emojis: [],
    fields: [],
    ...(credential
      ? { source: { privacy: 'public', sensitive: false, language: null, note: account.note, fields: [] } }
      : {}),
  };
}

/** Status with deterministic engagement counts that grow with its publication order. */
export function statusView(
  instance: SimMastodonInstance,
  status: SimMastodonStatus,
  baseUrl: string,
): Record<string, unknown> {
  const account = instance.accounts.get(status.accountId)!;
  return {
    id: status.id,
    created_at: status.createdAt.toISOString(),
    in_reply_to_id: status.inReplyToId,
    in_reply_to_account_id: null,
    sensitive: status.sensitive,
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    language: status.language,
    uri: `${baseUrl}/users/${account.username}/statuses/${status.id}`,
    url: `${baseUrl}/@${account.username}/${status.id}`,
    replies_count: status.seq % 3,
    reblogs_count: 1 + (status.seq % 4),
    favourites_count: 2 + (status.seq % 6),
    edited_at: null,
    content: renderStatusHtml(status.text),
    reblog: null,
    application: { name: 'socialvault', website: null },
    account: accountView(instance, account, baseUrl),
    media_attachments: status.mediaIds
      .map((id) => instance.media.get(id))
      .filter((media): media is SimMastodonMedia => media !== undefined)
      .map((media) => mediaView(media, baseUrl)),
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  };
}

/** `GET /api/v2/instance`: identity and the limits clients must respect. */
export function instanceView(instance: SimMastodonInstance, baseUrl: string, host: string) {
  const { settings } = instance;
  return {
    domain: `${settings.name}.${host.split(':')[0]}`,
    title: settings.title ?? `Simulated Mastodon (${settings.name})`,
    version: '4.5.0',
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'A simulated Mastodon server for socialvault tests and demos.',
    usage: { users: { active_month: instance.accounts.size } },
    thumbnail: { url: `${baseUrl}/packs/media/images/preview.png` },
    languages: ['en'],
    configuration: {
      urls: { streaming: baseUrl.replace(/^http/, 'ws') },
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      statuses: {
        max_characters: settings.max_characters,
        max_media_attachments: settings.max_media_attachments,
        characters_reserved_per_url: 23,
      },
      media_attachments: {
        supported_mime_types: Object.keys(MASTODON_SIM_MEDIA_TYPES),
        description_limit: 1500,
        image_size_limit: 16_777_216,
        image_matrix_limit: 33_177_600,
        video_size_limit: 103_809_024,
        video_frame_rate_limit: 120,
        video_matrix_limit: 8_294_400,
      },
      polls: {
        max_options: 4,
        max_characters_per_option: 50,
        min_expiration: 300,
        max_expiration: 2_629_746,
      },
      translation: { enabled: false },
    },
    registrations: { enabled: false, approval_required: false, message: null },
    contact: { email: 'admin@example.invalid', account: null },
    rules: [],
  };
}
