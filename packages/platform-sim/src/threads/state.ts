// In-memory Threads world of the simulator: profiles, tokens, media containers and published posts.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { FetchedSimMedia } from '../graph/instagram/media-fetch';
import { ContainerBook, type LifecycleContainer } from '../graph/container-book';
import { TokenBook, type BookedToken } from '../tokens/token-book';

/** Registration of a Threads profile and the token that may act for it (admin API and in-process). */
export const ThreadsAccountInputSchema = z.object({
  access_token: z.string().min(8),
  threads_user_id: z.string().regex(/^[0-9]{1,40}$/, 'digits only'),
  username: z.string().min(1).max(30),
  name: z.string().max(100).optional(),
  biography: z.string().max(500).optional(),
  followers_count: z.number().int().min(0).default(0),
  /** ISO-8601; a past instant registers an already expired token. */
  token_expires_at: z.iso.datetime({ offset: true }).optional(),
  /** Posts per rolling 24 h (Threads documents 250). */
  posts_quota_total: z.number().int().min(1).max(10_000).default(250),
  /** Replies per rolling 24 h (Threads documents 1,000). */
  replies_quota_total: z.number().int().min(1).max(10_000).default(1000),
});
export type ThreadsAccountInput = z.input<typeof ThreadsAccountInputSchema>;

export interface SimThreadsAccount {
  id: string;
  username: string;
  name?: string;
  biography?: string;
  followers_count: number;
  postsQuotaTotal: number;
  repliesQuotaTotal: number;
  /** Publish times (ms since epoch) of top-level posts and of replies, for the quotas. */
  postTimesMs: number[];
  replyTimesMs: number[];
}

/** A token the simulated Threads API accepts, acting for the profile `userId`. */
export type SimThreadsToken = BookedToken<{ userId: string }>;

/** A Threads media container; `failure` is the `error_message` of one that settles in ERROR. */
export interface SimThreadsContainer extends LifecycleContainer {
  userId: string;
  mediaType: 'TEXT' | 'IMAGE';
  text?: string;
  imageUrl?: string;
  /** What the simulator downloaded from `imageUrl` when the container was created. */
  fetchedMedia?: FetchedSimMedia;
  replyToId?: string;
  postId?: string;
}

export interface SimThreadsPost {
  id: string;
  userId: string;
  /** Order of publication: the base of the deterministic metrics. */
  seq: number;
  text?: string;
  media_type: 'TEXT_POST' | 'IMAGE';
  media_url?: string;
  permalink: string;
  shortcode: string;
  timestamp: Date;
  replyToId?: string;
}

export const THREADS_QUOTA_WINDOW_S = 86_400;

export class ThreadsSimState {
  readonly accounts = new Map<string, SimThreadsAccount>();
  /** Threads user tokens; the OAuth simulator issues and rotates into it. */
  readonly tokens = new TokenBook<{ userId: string }>();
  readonly containers = new ContainerBook<SimThreadsContainer>(() => this.nextId('container'));
  readonly posts = new Map<string, SimThreadsPost>();
  private seq = 0;
  private postSeq = 0;

  /** Adds (or updates) a profile and registers its token. Throws a ZodError on bad input. */
  registerAccount(input: ThreadsAccountInput): SimThreadsAccount {
    const parsed = ThreadsAccountInputSchema.parse(input);
    const existing = this.accounts.get(parsed.threads_user_id);
    const account: SimThreadsAccount = {
      id: parsed.threads_user_id,
      username: parsed.username,
      name: parsed.name,
      biography: parsed.biography,
      followers_count: parsed.followers_count,
      postsQuotaTotal: parsed.posts_quota_total,
      repliesQuotaTotal: parsed.replies_quota_total,
      postTimesMs: existing?.postTimesMs ?? [],
      replyTimesMs: existing?.replyTimesMs ?? [],
    };
    this.accounts.set(account.id, account);
    this.tokens.issue(parsed.access_token, { userId: account.id }, parsed.token_expires_at);
    return account;
  }

  /** A new 17-digit id; containers start with 178, posts with 181 (distinct from Instagram's 179/180). */
  nextId(kind: 'container' | 'post'): string {
    this.seq += 1;
    return `${kind === 'container' ? '178' : '181'}${String(this.seq).padStart(14, '0')}`;
  }

  /** Turns a FINISHED container into a published post. */
  publish(container: SimThreadsContainer, now = new Date()): SimThreadsPost {
    this.postSeq += 1;
    const shortcode = crypto
      .createHash('sha256')
      .update(`threads:${this.postSeq}:${container.id}`)
      .digest('base64url')
      .slice(0, 11);
    const account = this.accounts.get(container.userId);
    const post: SimThreadsPost = {
      id: this.nextId('post'),
      userId: container.userId,
      seq: this.postSeq,
      text: container.text,
      media_type: container.mediaType === 'IMAGE' ? 'IMAGE' : 'TEXT_POST',
      media_url: container.imageUrl,
      permalink: `https://www.threads.net/@${account?.username ?? 'unknown'}/post/${shortcode}`,
      shortcode,
      timestamp: now,
      ...(container.replyToId ? { replyToId: container.replyToId } : {}),
    };
    this.posts.set(post.id, post);
    container.status = 'PUBLISHED';
    container.postId = post.id;
    (container.replyToId ? account?.replyTimesMs : account?.postTimesMs)?.push(now.getTime());
    return post;
  }

  /** The profile's posts, newest first. */
  postsOf(userId: string): SimThreadsPost[] {
    return [...this.posts.values()].filter((p) => p.userId === userId).sort((a, b) => b.seq - a.seq);
  }

  /** Publishes in the rolling 24 h window ending now: `posts` (top level) and `replies`. */
  usage(userId: string, nowMs = Date.now()): { posts: number; replies: number } {
    const account = this.accounts.get(userId);
    const inWindow = (times: number[]) =>
      times.filter((t) => nowMs - t < THREADS_QUOTA_WINDOW_S * 1000).length;
    return { posts: inWindow(account?.postTimesMs ?? []), replies: inWindow(account?.replyTimesMs ?? []) };
  }

  reset(): void {
    this.accounts.clear();
    this.tokens.clear();
    this.containers.clear();
    this.posts.clear();
    this.seq = 0;
    this.postSeq = 0;
  }
}
