// Shapes the Mastodon client takes and returns. Mastodon's entities keep their snake_case field names.
import type { AxiosInstance } from 'axios';
import type { AddressPolicy } from '@socialvault/common';
import type { RequestPolicy } from '../request-guard';
import type { MastodonVisibility } from './limits';

export interface MastodonClientOptions {
  /** The instance URL (`extra.instance_url`), e.g. `https://mastodon.social`; a path prefix is kept. */
  instanceUrl: string;
  accessToken: string;
  /** Per-request timeout; default 15 000 ms (uploads get three times that). */
  timeoutMs?: number;
  /** Wait between reads of a media attachment still processing (202/206); default 1 000 ms. */
  mediaPollIntervalMs?: number;
  /** Reads of a processing attachment before giving up with platform_error; default 30. */
  mediaMaxPolls?: number;
  /** Injected for tests: replaces setTimeout between media reads. */
  sleep?: (ms: number) => Promise<void>;
  http?: AxiosInstance;
  /** Rate-limit memory and read retries on 5xx (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
  /**
   * Origins allowed to live on private, loopback or link-local addresses (MASTODON_PRIVATE_INSTANCE_ALLOWLIST:
   * simulators, LAN instances). Any other instance is connected to only at public addresses. Default none.
   */
  privateInstanceAllowlist?: readonly string[];
  /** How the address guard resolves and judges hosts; tests only (default: system DNS, public addresses). */
  addressPolicy?: AddressPolicy;
}

/** What `GET /api/v2/instance` says that clients must respect. */
export interface MastodonInstanceInfo {
  domain?: string;
  title?: string;
  version?: string;
  /** `configuration.statuses.max_characters` (500 when not announced). */
  maxCharacters: number;
  /** `configuration.statuses.max_media_attachments` (4 when not announced). */
  maxMediaAttachments: number;
  /** `configuration.media_attachments.supported_mime_types` (empty when not announced). */
  supportedMimeTypes: string[];
}

/** Account (`verify_credentials` answers the CredentialAccount, a superset). */
export interface MastodonAccount {
  id: string;
  username: string;
  /** `username` for local accounts, `username@domain` for remote ones. */
  acct: string;
  display_name?: string;
  url?: string;
  note?: string;
  avatar?: string;
  locked?: boolean;
  bot?: boolean;
  created_at?: string;
  followers_count?: number;
  following_count?: number;
  statuses_count?: number;
  last_status_at?: string | null;
}

/** A media file to upload. */
export interface MastodonMediaInput {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** Alt text (at most 1,500 characters on default instances). */
  description?: string;
}

export interface MastodonMediaAttachment {
  id: string;
  type: string;
  /** Null while the instance is still processing the file. */
  url: string | null;
  preview_url?: string | null;
  description?: string | null;
}

export interface MastodonStatusInput {
  status: string;
  visibility: MastodonVisibility;
  spoilerText?: string;
  /** ISO 639-1 code, e.g. `en`. */
  language?: string;
  mediaIds?: string[];
  /** Sent as `Idempotency-Key`: the instance returns the earlier status for a repeated key (1 hour). */
  idempotencyKey?: string;
}

/** Status, with the fields tools use. */
export interface MastodonStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  /** HTML. */
  content: string;
  visibility: string;
  spoiler_text: string;
  language: string | null;
  in_reply_to_id: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  reblog?: MastodonStatus | null;
  media_attachments: MastodonMediaAttachment[];
}

export interface MastodonStatusPage {
  statuses: MastodonStatus[];
  /** Pass as `maxId` for the next (older) page; null when this page is the last. */
  nextMaxId: string | null;
}
