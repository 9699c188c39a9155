// Per-instance cache of /api/v2/instance limits, so each publish checks the text length without a round trip.
import { MASTODON_DEFAULT_MAX_CHARACTERS, MASTODON_DEFAULT_MAX_MEDIA } from './limits';
import type { MastodonInstanceInfo } from './types';

interface Entry {
  info: Promise<MastodonInstanceInfo>;
  expiresAtMs: number;
}

/** What a failed instance read is replaced by: Mastodon's defaults (500 characters, 4 attachments). */
export const MASTODON_DEFAULT_INSTANCE_INFO: MastodonInstanceInfo = {
  maxCharacters: MASTODON_DEFAULT_MAX_CHARACTERS,
  maxMediaAttachments: MASTODON_DEFAULT_MAX_MEDIA,
  supportedMimeTypes: [],
};

/**
 * Instance info by instance URL: kept `ttlMs` (default 1 hour); concurrent callers share one read.
 * When the read fails the defaults are used and kept only `failureTtlMs` (default 60 s), so a
 * transient failure does not pin the default limit. Keys are the normalised instance URL, so two
 * instances never share an entry.
 */
export class MastodonInstanceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;

  constructor(options: { ttlMs?: number; failureTtlMs?: number } = {}) {
    this.ttlMs = options.ttlMs ?? 3600 * 1000;
    this.failureTtlMs = options.failureTtlMs ?? 60 * 1000;
  }

  /** The cached info of `instanceUrl`, or `read()`'s answer (defaults when it throws). Never throws. */
  get(
    instanceUrl: string,
    read: () => Promise<MastodonInstanceInfo>,
    nowMs = Date.now(),
  ): Promise<MastodonInstanceInfo> {
    const key = instanceUrl.replace(/\/+$/, '').toLowerCase();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAtMs > nowMs) return cached.info;
    const entry: Entry = {
      info: Promise.resolve(MASTODON_DEFAULT_INSTANCE_INFO),
      expiresAtMs: nowMs + this.ttlMs,
    };
    entry.info = read().catch(() => {
      entry.expiresAtMs = Date.now() + this.failureTtlMs;
      return MASTODON_DEFAULT_INSTANCE_INFO;
    });
    this.entries.set(key, entry);
    return entry.info;
  }

  /** Forgets every entry (tests, or after an instance changed its limits). */
  clear(): void {
    this.entries.clear();
  }
}
