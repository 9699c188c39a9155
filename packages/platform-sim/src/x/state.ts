// In-memory X world of the simulator: users, OAuth 2.0 tokens with scopes, uploaded media, posts.
import { z } from 'zod';
import { TokenBook, type BookedToken } from '../tokens/token-book';
import { XRateLimits } from './rate-limits';

/** The scopes a connected account has unless the registration says otherwise. */
export const DEFAULT_X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'];

/** Registration of an X user and the user-context token that acts for it (admin API and in-process). */
export const XUserInputSchema = z.object({
  access_token: z.string().min(8),
  user_id: z.string().regex(/^[0-9]{1,19}$/, 'digits only'),
  username: z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'letters, digits and _ (at most 15)'),
  name: z.string().min(1).max(50),
  description: z.string().max(160).optional(),
  followers_count: z.number().int().min(0).default(0),
  following_count: z.number().int().min(0).default(0),
  /** Space-separated or array; default tweet.read tweet.write users.read media.write offline.access. */
  scopes: z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((value) => (typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value)),
  /** ISO-8601; X access tokens last 2 hours. A past instant registers an expired token. */
  token_expires_at: z.iso.datetime({ offset: true }).optional(),
  /** When given, the OAuth simulator may refresh the token with it (X rotates refresh tokens). */
  refresh_token: z.string().min(8).optional(),
  /** The OAuth app (client id) the grant was issued to; default: the X app registered in the OAuth simulator. */
  client_id: z.string().min(1).optional(),
});
export type XUserInput = z.input<typeof XUserInputSchema>;

export interface SimXUser {
  id: string;
  username: string;
  name: string;
  description?: string;
  createdAt: Date;
  followers_count: number;
  following_count: number;
}

/** Who an X user-context token acts for, with which scopes. */
export interface XTokenHolder {
  userId: string;
  scopes: string[];
}

/** A token the simulated X API accepts. */
export type SimXToken = BookedToken<XTokenHolder>;

export interface SimXMedia {
  id: string;
  mediaKey: string;
  userId: string;
  contentType: string;
  size: number;
  width: number;
  height: number;
  createdAt: Date;
  expiresAt: Date;
  /** The post it was attached to (media attach once). */
  postId?: string;
}

export interface SimXPost {
  id: string;
  authorId: string;
  seq: number;
  text: string;
  createdAt: Date;
  mediaKeys: string[];
  inReplyToId?: string;
  inReplyToUserId?: string;
  conversationId: string;
}

/** Uploaded media must be attached within 24 h. */
export const MEDIA_TTL_S = 86_400;

export class XSimState {
  readonly users = new Map<string, SimXUser>();
  /** OAuth 2.0 user-context tokens; the OAuth simulator issues and rotates into it (scopes carry over). */
  readonly tokens = new TokenBook<XTokenHolder>();
  readonly media = new Map<string, SimXMedia>();
  readonly posts = new Map<string, SimXPost>();
  /** Per-user, per-endpoint windows; `POST /_sim/x/rate-limit` configures them. */
  readonly rateLimits = new XRateLimits();
  private seq = 0;
  private postSeq = 0;

  /** Adds (or updates) a user and registers its token. Throws a ZodError on bad input. */
  registerUser(input: XUserInput): SimXUser {
    const parsed = XUserInputSchema.parse(input);
    const existing = this.users.get(parsed.user_id);
    const user: SimXUser = {
      id: parsed.user_id,
      username: parsed.username,
      name: parsed.name,
      description: parsed.description,
      createdAt: existing?.createdAt ?? new Date('2020-01-15T12:00:00.000Z'),
      followers_count: parsed.followers_count,
      following_count: parsed.following_count,
    };
    this.users.set(user.id, user);
    this.tokens.issue(
      parsed.access_token,
      { userId: user.id, scopes: parsed.scopes ?? [...DEFAULT_X_SCOPES] },
      parsed.token_expires_at,
    );
    return user;
  }

  /** A new 19-digit id (snowflake-sized): media start with 17, posts with 18. */
  nextId(kind: 'media' | 'post'): string {
    this.seq += 1;
    return `${kind === 'media' ? '17' : '18'}${String(Date.now()).slice(-8)}${String(this.seq).padStart(9, '0')}`;
  }

  addMedia(
    media: Omit<SimXMedia, 'id' | 'mediaKey' | 'createdAt' | 'expiresAt'>,
    now = new Date(),
  ): SimXMedia {
    const id = this.nextId('media');
    const full: SimXMedia = {
      ...media,
      id,
      mediaKey: `3_${id}`,
      createdAt: now,
      expiresAt: new Date(now.getTime() + MEDIA_TTL_S * 1000),
    };
    this.media.set(id, full);
    return full;
  }

  addPost(post: Omit<SimXPost, 'id' | 'seq' | 'createdAt' | 'conversationId'>, now = new Date()): SimXPost {
    this.postSeq += 1;
    const id = this.nextId('post');
    const parent = post.inReplyToId ? this.posts.get(post.inReplyToId) : undefined;
    const full: SimXPost = {
      ...post,
      id,
      seq: this.postSeq,
      createdAt: now,
      conversationId: parent?.conversationId ?? id,
    };
    this.posts.set(id, full);
    return full;
  }

  /** A user's posts, newest first. */
  postsOf(userId: string): SimXPost[] {
    return [...this.posts.values()].filter((p) => p.authorId === userId).sort((a, b) => b.seq - a.seq);
  }

  reset(): void {
    this.users.clear();
    this.tokens.clear();
    this.media.clear();
    this.posts.clear();
    this.rateLimits.reset();
    this.seq = 0;
    this.postSeq = 0;
  }
}
