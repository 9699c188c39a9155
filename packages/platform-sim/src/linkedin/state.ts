// In-memory LinkedIn world of the simulator: members, their tokens and scopes, uploaded images and posts.
import crypto from 'node:crypto';
import { z } from 'zod';
import { TokenBook, type BookedToken } from '../tokens/token-book';

/** Scopes a plain "Share on LinkedIn" + "Sign In with LinkedIn using OpenID Connect" app gets. */
export const DEFAULT_LINKEDIN_SCOPES = ['openid', 'profile', 'email', 'w_member_social'] as const;

/** Registration of a member and the token that acts for them (admin API and in-process). */
export const LinkedInMemberInputSchema = z.object({
  access_token: z.string().min(8),
  /** OIDC subject; the person URN is `urn:li:person:<sub>`. Generated when absent. */
  sub: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
    .optional(),
  name: z.string().min(1).max(200),
  given_name: z.string().max(100).optional(),
  family_name: z.string().max(100).optional(),
  email: z.email().optional(),
  picture: z.url().optional(),
  /** Space-separated string or array; default `openid profile email w_member_social`. */
  scopes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      value === undefined
        ? [...DEFAULT_LINKEDIN_SCOPES]
        : typeof value === 'string'
          ? value.split(/[\s,]+/)
          : value,
    ),
  /** ISO-8601; a past instant registers an already expired token. */
  token_expires_at: z.iso.datetime({ offset: true }).optional(),
});
export type LinkedInMemberInput = z.input<typeof LinkedInMemberInputSchema>;

export interface SimLinkedInMember {
  sub: string;
  personUrn: string;
  name: string;
  given_name?: string;
  family_name?: string;
  email?: string;
  picture?: string;
}

/** Who a LinkedIn member token acts for (the OIDC subject), with which scopes. */
export interface LinkedInTokenHolder {
  sub: string;
  scopes: string[];
}

/** A token the simulated LinkedIn API accepts. */
export type SimLinkedInToken = BookedToken<LinkedInTokenHolder>;

export type SimImageStatus = 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';

export interface SimLinkedInImage {
  /** `urn:li:image:<id>`. */
  urn: string;
  /** The path segment of the upload URL. */
  uploadId: string;
  owner: string;
  status: SimImageStatus;
  uploadUrlExpiresAt: number;
  contentType?: string;
  sizeBytes?: number;
}

export interface SimLinkedInPost {
  /** `urn:li:share:<19 digits>`. */
  urn: string;
  seq: number;
  author: string;
  /** As received: little-text escaped. */
  commentary: string;
  visibility: string;
  lifecycleState: string;
  distribution: Record<string, unknown>;
  isReshareDisabledByAuthor: boolean;
  content?: { media: { id: string; altText?: string } };
  createdAt: number;
  publishedAt: number;
}

export class LinkedInSimState {
  readonly members = new Map<string, SimLinkedInMember>();
  /**
   * Member tokens. A refresh whose old token this book does not know (a grant registered at the OAuth
   * simulator alone) acts for the grant's member with the default scopes.
   */
  readonly tokens = new TokenBook<LinkedInTokenHolder>({
    holderForUnknown: (sub) =>
      this.members.has(sub) ? { sub, scopes: [...DEFAULT_LINKEDIN_SCOPES] } : undefined,
  });
  readonly images = new Map<string, SimLinkedInImage>();
  readonly posts = new Map<string, SimLinkedInPost>();
  private seq = 0;

  /** Adds (or updates) a member and registers the token. Throws a ZodError on bad input. */
  registerMember(input: LinkedInMemberInput): SimLinkedInMember {
    const parsed = LinkedInMemberInputSchema.parse(input);
    const sub = parsed.sub ?? crypto.randomBytes(6).toString('base64url');
    const member: SimLinkedInMember = {
      sub,
      personUrn: `urn:li:person:${sub}`,
      name: parsed.name,
      ...(parsed.given_name ? { given_name: parsed.given_name } : {}),
      ...(parsed.family_name ? { family_name: parsed.family_name } : {}),
      ...(parsed.email ? { email: parsed.email } : {}),
      ...(parsed.picture ? { picture: parsed.picture } : {}),
    };
    this.members.set(sub, member);
    this.addToken(parsed.access_token, sub, parsed.scopes, parsed.token_expires_at);
    return member;
  }

  /**
   * Lets `token` act for the member `sub` with `scopes` (deduplicated) until `expiresAt` (absent: never
   * expires). Returns false when the member is unknown.
   */
  addToken(token: string, sub: string, scopes: readonly string[], expiresAt?: string | Date): boolean {
    if (!this.members.has(sub)) return false;
    this.tokens.issue(token, { sub, scopes: [...new Set(scopes.filter(Boolean))] }, expiresAt);
    return true;
  }

  /** A new image awaiting its upload. */
  createImage(owner: string, now = Date.now()): SimLinkedInImage {
    const id = `D4E10AQ${crypto.randomBytes(9).toString('base64url')}`;
    const image: SimLinkedInImage = {
      urn: `urn:li:image:${id}`,
      uploadId: crypto.randomBytes(12).toString('hex'),
      owner,
      status: 'WAITING_UPLOAD',
      uploadUrlExpiresAt: now + 24 * 3600 * 1000,
    };
    this.images.set(image.urn, image);
    return image;
  }

  imageByUploadId(uploadId: string): SimLinkedInImage | undefined {
    return [...this.images.values()].find((image) => image.uploadId === uploadId);
  }

  /** Stores a post and gives it a share URN. */
  addPost(post: Omit<SimLinkedInPost, 'urn' | 'seq' | 'createdAt' | 'publishedAt'>, now = Date.now()) {
    this.seq += 1;
    const urn = `urn:li:share:${(7_300_000_000_000_000_000n + BigInt(this.seq)).toString()}`;
    const full: SimLinkedInPost = { ...post, urn, seq: this.seq, createdAt: now, publishedAt: now };
    this.posts.set(urn, full);
    return full;
  }

  /** Posts of `author`, newest first. */
  postsOf(author: string): SimLinkedInPost[] {
    return [...this.posts.values()].filter((post) => post.author === author).sort((a, b) => b.seq - a.seq);
  }

  reset(): void {
    this.members.clear();
    this.tokens.clear();
    this.images.clear();
    this.posts.clear();
    this.seq = 0;
  }
}
