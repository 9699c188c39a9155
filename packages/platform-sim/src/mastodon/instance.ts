// One simulated Mastodon server: its settings, accounts, tokens, statuses, media and idempotency keys.
import { z } from 'zod';
import { TokenBook, type BookedToken } from '../tokens/token-book';

/** Settings of one instance (admin API and in-process). */
export const MastodonInstanceInputSchema = z.object({
  /** Path segment under /mastodon: the instance URL is `${sim.url}/mastodon/<name>`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -'),
  title: z.string().min(1).max(200).optional(),
  /** `configuration.statuses.max_characters` (Mastodon's default 500). */
  max_characters: z.number().int().min(1).max(100_000).default(500),
  max_media_attachments: z.number().int().min(1).max(20).default(4),
  /**
   * Reads of `GET /api/v1/media/:id` that answer 206 before an upload is processed. 0 (default): images
   * are processed synchronously (200), as Mastodon ≥ 4.0 does; > 0: every upload answers 202 first.
   */
  media_processing_reads: z.number().int().min(0).max(100).default(0),
  /** Requests per account per 5 minutes (Mastodon's default 300). */
  rate_limit: z.number().int().min(1).max(1_000_000).default(300),
  /** Media uploads per account per 30 minutes (Mastodon's default 30). */
  media_rate_limit: z.number().int().min(1).max(1_000_000).default(30),
});
export type MastodonInstanceInput = z.input<typeof MastodonInstanceInputSchema>;
export type MastodonInstanceSettings = z.output<typeof MastodonInstanceInputSchema>;

/** An account and its token on one instance. */
export const MastodonAccountInputSchema = z.object({
  access_token: z.string().min(8),
  username: z.string().regex(/^[A-Za-z0-9_]{1,30}$/, 'letters, digits and _ (at most 30)'),
  display_name: z.string().max(100).optional(),
  note: z.string().max(500).optional(),
  followers_count: z.number().int().min(0).default(0),
  following_count: z.number().int().min(0).default(0),
  /** Space-separated or array; default `read write`. */
  scopes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      value === undefined ? ['read', 'write'] : typeof value === 'string' ? value.split(/[\s,]+/) : value,
    ),
  /** ISO-8601; tokens do not expire unless this is set. */
  token_expires_at: z.iso.datetime({ offset: true }).optional(),
  /** The app (`client_id` of `POST /api/v1/apps`) the token was issued to; only it may revoke the token. */
  client_id: z.string().min(1).max(200).optional(),
});
export type MastodonAccountInput = z.input<typeof MastodonAccountInputSchema>;

export interface SimMastodonAccount {
  id: string;
  username: string;
  display_name: string;
  note: string;
  followers_count: number;
  following_count: number;
  createdAt: Date;
}

/** Who a Mastodon token acts for on one instance, with which scopes. */
export interface MastodonTokenHolder {
  accountId: string;
  scopes: string[];
  /** The app the token was issued to (absent: issued to no app, any app may revoke it). */
  clientId?: string;
}

/** A token one simulated instance accepts. */
export type SimMastodonToken = BookedToken<MastodonTokenHolder>;

/** An OAuth application registered on one instance (confidential, as `POST /api/v1/apps` creates them). */
export const MastodonAppInputSchema = z.object({
  client_id: z.string().min(8).max(200),
  client_secret: z.string().min(8).max(200),
  client_name: z.string().min(1).max(200).default('socialvault'),
});
export type MastodonAppInput = z.input<typeof MastodonAppInputSchema>;

export interface SimMastodonMedia {
  id: string;
  accountId: string;
  type: 'image' | 'video' | 'gifv' | 'audio' | 'unknown';
  contentType: string;
  bytes: Buffer;
  description: string | null;
  /** Reads of GET /api/v1/media/:id still answering 206. */
  pendingReads: number;
  statusId?: string;
}

export interface SimMastodonStatus {
  id: string;
  seq: number;
  accountId: string;
  text: string;
  spoilerText: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  language: string | null;
  sensitive: boolean;
  inReplyToId: string | null;
  mediaIds: string[];
  createdAt: Date;
}

/** An OAuth app registered on the instance with `POST /api/v1/apps`. */
export interface SimMastodonApp {
  id: string;
  clientId: string;
  clientSecret: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
}

/** Idempotency keys are honoured for one hour (Mastodon keeps them in Redis with a 3600 s TTL). */
export const IDEMPOTENCY_TTL_MS = 3600 * 1000;

export class SimMastodonInstance {
  readonly settings: MastodonInstanceSettings;
  readonly accounts = new Map<string, SimMastodonAccount>();
  /** Account tokens (they never rotate: Mastodon issues no refresh tokens). */
  readonly tokens = new TokenBook<MastodonTokenHolder>();
  readonly statuses = new Map<string, SimMastodonStatus>();
  readonly media = new Map<string, SimMastodonMedia>();
  /** OAuth apps by client_id (`POST /api/v1/apps`). */
  readonly apps = new Map<string, SimMastodonApp>();
  /** `${accountId}:${key}` → the status it created and when. */
  readonly idempotency = new Map<string, { statusId: string; atMs: number }>();
  /** `${bucket}:${accountId}:${windowStart}` → requests counted in that window. */
  readonly counters = new Map<string, number>();
  private seq = 0;

  constructor(settings: MastodonInstanceSettings) {
    this.settings = settings;
  }

  get name(): string {
    return this.settings.name;
  }

  /** A snowflake-like id (milliseconds in the high bits, as Mastodon's ids are). */
  nextId(now = Date.now()): string {
    this.seq += 1;
    return ((BigInt(now) << 16n) | BigInt(this.seq & 0xffff)).toString();
  }

  /** Adds an account (or updates the one with that username) and registers its token. */
  registerAccount(input: MastodonAccountInput): SimMastodonAccount {
    const parsed = MastodonAccountInputSchema.parse(input);
    const existing = [...this.accounts.values()].find((account) => account.username === parsed.username);
    const account: SimMastodonAccount = {
      id: existing?.id ?? this.nextId(),
      username: parsed.username,
      display_name: parsed.display_name ?? parsed.username,
      note: parsed.note ?? '',
      followers_count: parsed.followers_count,
      following_count: parsed.following_count,
      createdAt: existing?.createdAt ?? new Date(),
    };
    this.accounts.set(account.id, account);
    this.tokens.issue(
      parsed.access_token,
      {
        accountId: account.id,
        scopes: parsed.scopes.filter(Boolean),
        ...(parsed.client_id ? { clientId: parsed.client_id } : {}),
      },
      parsed.token_expires_at,
    );
    return account;
  }

  /** Registers (or replaces) an OAuth application. Throws a ZodError on bad input. */
  registerApp(input: MastodonAppInput): SimMastodonApp {
    const parsed = MastodonAppInputSchema.parse(input);
    const app: SimMastodonApp = {
      id: this.nextId(),
      clientId: parsed.client_id,
      clientSecret: parsed.client_secret,
      name: parsed.client_name,
      website: null,
      redirectUris: [],
      scopes: [],
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  addMedia(media: Omit<SimMastodonMedia, 'id'>): SimMastodonMedia {
    const full = { ...media, id: this.nextId() };
    this.media.set(full.id, full);
    return full;
  }

  addStatus(
    status: Omit<SimMastodonStatus, 'id' | 'seq' | 'createdAt'>,
    now = new Date(),
  ): SimMastodonStatus {
    const full: SimMastodonStatus = {
      ...status,
      id: this.nextId(now.getTime()),
      seq: this.seq,
      createdAt: now,
    };
    this.statuses.set(full.id, full);
    for (const mediaId of full.mediaIds) {
      const media = this.media.get(mediaId);
      if (media) media.statusId = full.id;
    }
    return full;
  }

  /** Statuses of `accountId`, newest first. */
  statusesOf(accountId: string): SimMastodonStatus[] {
    return [...this.statuses.values()]
      .filter((status) => status.accountId === accountId)
      .sort((a, b) => b.seq - a.seq);
  }

  /** The status an idempotency key already created for this account within the hour, if any. */
  idempotentStatus(accountId: string, key: string, now = Date.now()): SimMastodonStatus | undefined {
    const entry = this.idempotency.get(`${accountId}:${key}`);
    if (!entry || now - entry.atMs > IDEMPOTENCY_TTL_MS) return undefined;
    return this.statuses.get(entry.statusId);
  }

  rememberIdempotency(accountId: string, key: string, statusId: string, now = Date.now()): void {
    this.idempotency.set(`${accountId}:${key}`, { statusId, atMs: now });
  }
}
