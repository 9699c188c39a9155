// MastodonClient: one account on one instance — instance limits, profile, media upload (with the 202 flow),
// statuses and the account timeline.
import { AppError } from '@socialvault/common';
import { AccountAnswer, MediaAnswer, StatusAnswer, StatusListAnswer } from './answers';
import { htmlToText } from './html';
import { MastodonHttp } from './http';
import {
  MASTODON_DEFAULT_MAX_CHARACTERS,
  MASTODON_DEFAULT_MAX_MEDIA,
  MASTODON_STATUSES_MAX_LIMIT,
} from './limits';
import type {
  MastodonAccount,
  MastodonClientOptions,
  MastodonInstanceInfo,
  MastodonMediaAttachment,
  MastodonMediaInput,
  MastodonStatus,
  MastodonStatusInput,
  MastodonStatusPage,
} from './types';

const DEFAULT_MEDIA_POLL_INTERVAL_MS = 1000;
const MEDIA = 'a MediaAttachment with an id';
const STATUS = 'a Status with id, uri and created_at';
const DEFAULT_MEDIA_MAX_POLLS = 30;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The `rel="next"` URL's `max_id` of a Link header, or null. */
export function nextMaxIdFromLink(link: unknown): string | null {
  if (typeof link !== 'string') return null;
  for (const part of link.split(',')) {
    if (!/rel="?next"?/.test(part)) continue;
    const url = /<([^>]+)>/.exec(part)?.[1];
    const maxId = url ? new URL(url, 'http://x').searchParams.get('max_id') : null;
    if (maxId) return maxId;
  }
  return null;
}

/**
 * One account, one token, one instance (the credential's `extra.instance_url`); the token is sent to
 * that instance only. Every method throws AppError (see mastodonFailureToAppError): reconnect_required
 * (401/403), rate_limited (X-RateLimit-Reset), invalid_input (422), not_found, platform_error.
 * @see https://docs.joinmastodon.org/methods/statuses/
 * @example
 * const m = new MastodonClient({ instanceUrl: credential.extra.instance_url, accessToken });
 * const { id, url } = await m.createStatus({ status: 'Hello', visibility: 'public', idempotencyKey: 'row-42' });
 */
export class MastodonClient {
  private readonly http: MastodonHttp;
  private readonly pollIntervalMs: number;
  private readonly maxPolls: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: MastodonClientOptions) {
    this.http = new MastodonHttp(options);
    this.pollIntervalMs = options.mediaPollIntervalMs ?? DEFAULT_MEDIA_POLL_INTERVAL_MS;
    this.maxPolls = options.mediaMaxPolls ?? DEFAULT_MEDIA_MAX_POLLS;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** The instance URL this client talks to (no trailing slash). */
  get instanceUrl(): string {
    return this.http.instanceUrl;
  }

  /**
   * The instance's limits (`GET /api/v2/instance`, no token sent). Missing values fall back to
   * Mastodon's defaults (500 characters, 4 attachments).
   * @see https://docs.joinmastodon.org/methods/instance/#v2
   */
  async getInstance(): Promise<MastodonInstanceInfo> {
    const answer = await this.http.get<{
      domain?: string;
      title?: string;
      version?: string;
      configuration?: {
        statuses?: { max_characters?: number; max_media_attachments?: number };
        media_attachments?: { supported_mime_types?: string[] };
      };
    }>('/api/v2/instance', {}, 'read the instance limits', true);
    const statuses = answer.body.configuration?.statuses;
    const positive = (n: unknown, fallback: number) => (typeof n === 'number' && n > 0 ? n : fallback);
    return {
      ...(answer.body.domain ? { domain: answer.body.domain } : {}),
      ...(answer.body.title ? { title: answer.body.title } : {}),
      ...(answer.body.version ? { version: answer.body.version } : {}),
      maxCharacters: positive(statuses?.max_characters, MASTODON_DEFAULT_MAX_CHARACTERS),
      maxMediaAttachments: positive(statuses?.max_media_attachments, MASTODON_DEFAULT_MAX_MEDIA),
      supportedMimeTypes: answer.body.configuration?.media_attachments?.supported_mime_types ?? [],
    };
  }

  /**
   * The token's own account (`GET /api/v1/accounts/verify_credentials`, scope read:accounts).
   * @see https://docs.joinmastodon.org/methods/accounts/#verify_credentials
   */
  async verifyCredentials(): Promise<MastodonAccount> {
    const operation = 'read the account';
    const answer = await this.http.get<unknown>('/api/v1/accounts/verify_credentials', {}, operation);
    return this.http.checked(answer.body, AccountAnswer, 'an Account with id, username and acct', operation);
  }

  /**
   * Uploads one file (`POST /api/v2/media`, multipart `file` + `description`). A 200 is ready; a 202 is
   * still processing: it is read again (`GET /api/v1/media/:id`: 206 while processing, 200 when done)
   * every `mediaPollIntervalMs`, at most `mediaMaxPolls` times, then platform_error.
   * @see https://docs.joinmastodon.org/methods/media/#v2
   */
  async uploadMedia(input: MastodonMediaInput): Promise<MastodonMediaAttachment> {
    const form = new FormData();
    form.append('file', new Blob([input.bytes], { type: input.contentType }), input.filename);
    if (input.description) form.append('description', input.description);
    const answer = await this.http.postForm<unknown>('/api/v2/media', form, 'upload the media');
    const uploaded = this.http.checked<MastodonMediaAttachment>(
      answer.body,
      MediaAnswer,
      MEDIA,
      'upload the media',
    );
    if (answer.status !== 202 && uploaded.url !== null) return uploaded;
    for (let attempt = 1; attempt <= this.maxPolls; attempt += 1) {
      await this.sleep(this.pollIntervalMs);
      const operation = 'read the media processing state';
      const read = await this.http.get<unknown>(
        `/api/v1/media/${encodeURIComponent(uploaded.id)}`,
        {},
        operation,
      );
      const media = this.http.checked<MastodonMediaAttachment>(read.body, MediaAnswer, MEDIA, operation);
      if (read.status === 200 && media.url !== null) return media;
    }
    throw new AppError(
      'platform_error',
      `Mastodon (${this.http.instance}) is still processing media ${uploaded.id} after ${this.maxPolls} checks`,
      {
        hint: 'Large videos take a while; retry the post later. Nothing was published.',
        details: { platform: 'mastodon', media_id: uploaded.id },
      },
    );
  }

  /**
   * Posts a status (`POST /api/v1/statuses`, JSON; scope write:statuses). `idempotencyKey` goes in the
   * `Idempotency-Key` header: the instance answers a repeated key (same account, within an hour) with the
   * status it created the first time.
   * @see https://docs.joinmastodon.org/methods/statuses/#create
   */
  async createStatus(input: MastodonStatusInput): Promise<MastodonStatus> {
    const answer = await this.http.postJson<unknown>(
      '/api/v1/statuses',
      {
        status: input.status,
        visibility: input.visibility,
        ...(input.spoilerText ? { spoiler_text: input.spoilerText } : {}),
        ...(input.language ? { language: input.language } : {}),
        ...(input.mediaIds && input.mediaIds.length > 0 ? { media_ids: input.mediaIds } : {}),
      },
      'create the status',
      input.idempotencyKey ? { 'Idempotency-Key': input.idempotencyKey } : {},
    );
    return this.http.checked(answer.body, StatusAnswer, STATUS, 'create the status');
  }

  /**
   * An account's statuses, newest first (`GET /api/v1/accounts/:id/statuses`; `limit` 1-40), with the
   * `max_id` of the next page from the Link header.
   * @see https://docs.joinmastodon.org/methods/accounts/#statuses
   */
  async getAccountStatuses(
    accountId: string,
    options: { limit?: number; maxId?: string; excludeReplies?: boolean; excludeReblogs?: boolean } = {},
  ): Promise<MastodonStatusPage> {
    if (!/^\d{1,30}$/.test(accountId)) {
      throw new AppError(
        'invalid_input',
        `account id ${JSON.stringify(accountId.slice(0, 40))} is not a Mastodon id`,
        {
          hint: 'Mastodon ids are digits.',
        },
      );
    }
    const limit = Math.min(Math.max(options.limit ?? 20, 1), MASTODON_STATUSES_MAX_LIMIT);
    const answer = await this.http.get<unknown>(
      `/api/v1/accounts/${accountId}/statuses`,
      {
        limit,
        max_id: options.maxId,
        exclude_replies: options.excludeReplies ? 'true' : undefined,
        exclude_reblogs: options.excludeReblogs ? 'true' : undefined,
      },
      'list the account statuses',
    );
    const statuses = this.http.checked<MastodonStatus[]>(
      answer.body,
      StatusListAnswer,
      'a list of Statuses with id, uri and created_at',
      'list the account statuses',
    );
    return { statuses, nextMaxId: nextMaxIdFromLink(answer.headers.link) };
  }
}

/** A status's HTML content as plain text. */
export const statusText = (status: Pick<MastodonStatus, 'content'>): string =>
  htmlToText(status.content ?? '');
