// In-memory Instagram world of the simulator: accounts, tokens, media containers and published media.
import { z } from 'zod';
import { TokenBook, type BookedToken } from '../../tokens/token-book';
import { ContainerBook, type LifecycleContainer } from '../container-book';
import type { FetchedSimMedia } from './media-fetch';

/** Registration of an account and the token that may act for it (admin API and in-process). */
export const InstagramAccountInputSchema = z.object({
  access_token: z.string().min(8),
  ig_user_id: z.string().regex(/^[0-9]{1,40}$/, 'digits only'),
  username: z.string().min(1).max(30),
  name: z.string().max(100).optional(),
  biography: z.string().max(150).optional(),
  followers_count: z.number().int().min(0).default(0),
  follows_count: z.number().int().min(0).default(0),
  /** ISO-8601; a past instant registers an already expired token. */
  token_expires_at: z.iso.datetime({ offset: true }).optional(),
  /** API publishing quota per rolling 24 h (Meta documents 50 at the time of writing). */
  publishing_quota_total: z.number().int().min(1).max(10_000).default(50),
  /** The Facebook user the (Facebook Login) token belongs to: `DELETE /{meta_user_id}/permissions` revokes it. */
  meta_user_id: z
    .string()
    .regex(/^[0-9]{1,40}$/, 'digits only')
    .optional(),
});
export type InstagramAccountInput = z.input<typeof InstagramAccountInputSchema>;

export interface SimInstagramAccount {
  id: string;
  username: string;
  name?: string;
  biography?: string;
  followers_count: number;
  follows_count: number;
  publishingQuotaTotal: number;
  /** Publish times (ms since epoch), for content_publishing_limit. */
  publishedAtMs: number[];
}

/** Who an Instagram token acts for. */
export interface InstagramTokenHolder {
  /**
   * The accounts it may act for: one for a registered or Instagram-Login token; for a Facebook-Login
   * user token, the Instagram business account of each of the user's pages (the first is the default).
   */
  igUserIds: string[];
  /** The Facebook user who granted the token (Facebook Login; answers `/me`), when known. */
  metaUserId?: string;
}

/** A token the simulated Instagram API accepts. */
export type SimToken = BookedToken<InstagramTokenHolder>;

export type SimContainerKind = 'IMAGE' | 'VIDEO' | 'CAROUSEL' | 'REELS';
/** An Instagram media container; `failure` is the `status` text of one that settles in ERROR. */
export interface SimContainer extends LifecycleContainer {
  igUserId: string;
  kind: SimContainerKind;
  isCarouselItem: boolean;
  caption?: string;
  imageUrl?: string;
  videoUrl?: string;
  children?: string[];
  /** What the simulator downloaded from `imageUrl`/`videoUrl` when the container was created. */
  fetchedMedia?: FetchedSimMedia;
  mediaId?: string;
}

export interface SimMedia {
  id: string;
  igUserId: string;
  /** Order of publication, the base of the deterministic insight numbers. */
  seq: number;
  caption?: string;
  media_type: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_product_type: 'FEED' | 'REELS';
  media_url?: string;
  permalink: string;
  shortcode: string;
  timestamp: Date;
  children?: string[];
  /** Carousel children are media too, but never listed on the account. */
  isCarouselChild: boolean;
}

export const PUBLISH_WINDOW_S = 86_400;

const SHORTCODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function shortcodeFor(seq: number): string {
  let n = seq * 7919 + 104_729;
  let out = '';
  for (let i = 0; i < 11; i += 1) {
    out += SHORTCODE_ALPHABET[n % 64];
    n = Math.floor(n / 64) + (i + 1) * 31 * seq;
  }
  return out;
}

export class InstagramSimState {
  readonly accounts = new Map<string, SimInstagramAccount>();
  /** Instagram and Facebook-Login user tokens; the OAuth simulator issues and rotates into it. */
  readonly tokens = new TokenBook<InstagramTokenHolder>();
  readonly containers = new ContainerBook<SimContainer>(() => this.nextId('container'));
  readonly media = new Map<string, SimMedia>();
  private seq = 0;
  private mediaSeq = 0;

  /** Adds (or updates) an account and registers its token. Throws a ZodError on bad input. */
  registerAccount(input: InstagramAccountInput): SimInstagramAccount {
    const parsed = InstagramAccountInputSchema.parse(input);
    const existing = this.accounts.get(parsed.ig_user_id);
    const account: SimInstagramAccount = {
      id: parsed.ig_user_id,
      username: parsed.username,
      name: parsed.name,
      biography: parsed.biography,
      followers_count: parsed.followers_count,
      follows_count: parsed.follows_count,
      publishingQuotaTotal: parsed.publishing_quota_total,
      publishedAtMs: existing?.publishedAtMs ?? [],
    };
    this.accounts.set(account.id, account);
    this.tokens.issue(
      parsed.access_token,
      { igUserIds: [account.id], ...(parsed.meta_user_id ? { metaUserId: parsed.meta_user_id } : {}) },
      parsed.token_expires_at,
    );
    return account;
  }

  /** An account by id, created with `username` and no token when absent (a page's business account). */
  ensureAccount(id: string, username: string): SimInstagramAccount {
    const existing = this.accounts.get(id);
    if (existing) return existing;
    const account: SimInstagramAccount = {
      id,
      username,
      followers_count: 0,
      follows_count: 0,
      publishingQuotaTotal: 50,
      publishedAtMs: [],
    };
    this.accounts.set(id, account);
    return account;
  }

  /**
   * The app's authorization by the user of `token` is withdrawn (Graph `DELETE /{user-id}/permissions`):
   * every token of that Facebook user (or, without one, of that Instagram account) is revoked and
   * answers 190 as an unknown token does. Returns the tokens revoked now.
   */
  deauthorize(token: SimToken): string[] {
    const revoked = [...this.tokens.values()]
      .filter(
        (t) =>
          !t.revoked &&
          (token.metaUserId
            ? t.metaUserId === token.metaUserId
            : !t.metaUserId && t.igUserIds[0] === token.igUserIds[0]),
      )
      .map((t) => t.token);
    for (const value of revoked) this.tokens.revoke(value);
    return revoked;
  }

  /** A new 17-digit id; containers start with 179, media with 180. */
  nextId(kind: 'container' | 'media'): string {
    this.seq += 1;
    return `${kind === 'container' ? '179' : '180'}${String(this.seq).padStart(14, '0')}`;
  }

  /** Turns a FINISHED container into published media (children first for a carousel). */
  publish(container: SimContainer, now = new Date()): SimMedia {
    const children = (container.children ?? []).map(
      (childId) => this.createMedia(this.containers.get(childId)!, now, true).id,
    );
    const media = this.createMedia(container, now, false, children);
    container.status = 'PUBLISHED';
    container.mediaId = media.id;
    this.accounts.get(container.igUserId)?.publishedAtMs.push(now.getTime());
    return media;
  }

  private createMedia(
    container: SimContainer,
    now: Date,
    isCarouselChild: boolean,
    children?: string[],
  ): SimMedia {
    this.mediaSeq += 1;
    const shortcode = shortcodeFor(this.mediaSeq);
    const isReel = container.kind === 'REELS';
    const media: SimMedia = {
      id: this.nextId('media'),
      igUserId: container.igUserId,
      seq: this.mediaSeq,
      caption: container.caption,
      media_type:
        container.kind === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : container.kind === 'IMAGE' ? 'IMAGE' : 'VIDEO',
      media_product_type: isReel ? 'REELS' : 'FEED',
      media_url: container.imageUrl ?? container.videoUrl,
      permalink: `https://www.instagram.com/${isReel ? 'reel' : 'p'}/${shortcode}/`,
      shortcode,
      timestamp: now,
      isCarouselChild,
      ...(children && children.length > 0 ? { children } : {}),
    };
    this.media.set(media.id, media);
    return media;
  }

  /** The account's published media, newest first (carousel children excluded). */
  mediaOf(igUserId: string): SimMedia[] {
    return [...this.media.values()]
      .filter((m) => m.igUserId === igUserId && !m.isCarouselChild)
      .sort((a, b) => b.seq - a.seq);
  }

  /** API publishes in the rolling window ending `nowMs`. */
  publishesInWindow(igUserId: string, nowMs = Date.now()): number {
    const account = this.accounts.get(igUserId);
    return account ? account.publishedAtMs.filter((t) => nowMs - t < PUBLISH_WINDOW_S * 1000).length : 0;
  }

  reset(): void {
    this.accounts.clear();
    this.tokens.clear();
    this.containers.clear();
    this.media.clear();
    this.seq = 0;
    this.mediaSeq = 0;
  }
}
