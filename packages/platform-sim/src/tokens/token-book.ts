// The access tokens one simulated platform API accepts: issue, expire, revoke, rotate, and the verdict its gate maps to errors.

/** What the book keeps for every token; `H` adds who the token acts for (and its scopes). */
export type BookedToken<H extends object> = H & {
  readonly token: string;
  /** Absent: the token does not expire. */
  expiresAt?: Date;
  /** A revoked token stays in the book so that a platform can answer "revoked" apart from "unknown". */
  revoked: boolean;
};

/**
 * What the book says of a presented token, in the order a platform checks it: unknown, then revoked,
 * then expired (`expiresAt` at or before now). Each gate maps the refusals to its platform's errors.
 */
export type TokenVerdict<H extends object> =
  | { status: 'valid'; entry: BookedToken<H> }
  | { status: 'unknown' }
  | { status: 'revoked'; entry: BookedToken<H> }
  | { status: 'expired'; entry: BookedToken<H>; expiresAt: Date };

/** The errors a platform answers for a token it cannot use, one per refusal of `check`. */
export interface TokenRefusals {
  unknown: () => Error;
  revoked: () => Error;
  expired: (expiresAt: Date) => Error;
}

export interface TokenBookOptions<H extends object> {
  /**
   * Who a rotated token acts for when the book does not know the old token (e.g. a grant registered at
   * the OAuth simulator without an API token): `accountRef` is the grant's account. Default: nobody, the
   * new token is refused.
   */
  holderForUnknown?: (accountRef: string) => H | undefined;
}

/**
 * One platform API's access tokens. The Graph/Instagram, Threads, X, LinkedIn and every Mastodon
 * instance keep one each, and the OAuth simulator's code exchanges and refreshes write into them.
 */
export class TokenBook<H extends object> {
  private readonly entries = new Map<string, BookedToken<H>>();

  constructor(private readonly options: TokenBookOptions<H> = {}) {}

  /**
   * Lets `token` act for `holder` (replacing any earlier entry of that token, revoked or not) until
   * `expiresAt` (a Date or an ISO-8601 string; absent: never expires). Returns the new entry.
   */
  issue(token: string, holder: H, expiresAt?: Date | string): BookedToken<H> {
    const entry = {
      ...holder,
      token,
      revoked: false,
      ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}),
    } as BookedToken<H>;
    this.entries.set(token, entry);
    return entry;
  }

  /** The entry of `token`, revoked and expired ones included; undefined when unknown. */
  get(token: string): BookedToken<H> | undefined {
    return this.entries.get(token);
  }

  has(token: string): boolean {
    return this.entries.has(token);
  }

  /** Every entry, revoked and expired ones included, in issue order. */
  values(): IterableIterator<BookedToken<H>> {
    return this.entries.values();
  }

  /** Whether `token` may be used at `nowMs` (ms since epoch, default now), and if not why. */
  check(token: string, nowMs = Date.now()): TokenVerdict<H> {
    const entry = this.entries.get(token);
    if (!entry) return { status: 'unknown' };
    if (entry.revoked) return { status: 'revoked', entry };
    if (entry.expiresAt && entry.expiresAt.getTime() <= nowMs)
      return { status: 'expired', entry, expiresAt: entry.expiresAt };
    return { status: 'valid', entry };
  }

  /** The entry of `token` when it may be used at `nowMs`; otherwise throws the platform's refusal. */
  use(token: string, refusals: TokenRefusals, nowMs = Date.now()): BookedToken<H> {
    const verdict = this.check(token, nowMs);
    if (verdict.status === 'unknown') throw refusals.unknown();
    if (verdict.status === 'revoked') throw refusals.revoked();
    if (verdict.status === 'expired') throw refusals.expired(verdict.expiresAt);
    return verdict.entry;
  }

  /** Makes `token` expired as of `at` (default one second ago). False for an unknown token. */
  expire(token: string, at = new Date(Date.now() - 1000)): boolean {
    const entry = this.entries.get(token);
    if (!entry) return false;
    entry.expiresAt = at;
    return true;
  }

  /** Makes `token` revoked from now on (it never works again). False for an unknown token. */
  revoke(token: string): boolean {
    const entry = this.entries.get(token);
    if (!entry) return false;
    entry.revoked = true;
    return true;
  }

  /**
   * Accepts `newToken`, issued by an OAuth refresh or exchange, for whoever `oldToken` acts for (a copy
   * of its holder: same account, same scopes), until `expiresAt`. The old token keeps working until it
   * expires, as every simulated platform's does. A revoked old token passes nothing on; an unknown one
   * falls back to `holderForUnknown(accountRef)`. False when the new token is refused.
   */
  acceptRotated(oldToken: string, newToken: string, accountRef: string, expiresAt?: Date): boolean {
    const old = this.entries.get(oldToken);
    if (old?.revoked) return false;
    const holder = old ? holderOf(old) : this.options.holderForUnknown?.(accountRef);
    if (!holder) return false;
    this.issue(newToken, holder, expiresAt);
    return true;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A deep copy of what an entry holds besides the token's own fields, so the two tokens share no arrays. */
function holderOf<H extends object>(entry: BookedToken<H>): H {
  const { token: _token, expiresAt: _expiresAt, revoked: _revoked, ...holder } = entry;
  return structuredClone(holder) as unknown as H;
}
