// Everything a running simulator holds, with the admin actions tests call in-process.
import { type Fault, type FaultInput, FaultQueue } from './faults';
import {
  type InstagramAccountInput,
  InstagramSimState,
  type SimInstagramAccount,
} from './graph/instagram/state';
import { MetaUserDirectory, type MetaUserInput, type SimMetaUser } from './graph/meta-users';
import { OAuthSimState, type OAuthEndpoint, type OAuthGrantInput, type RotatedPlatform } from './oauth/state';
import { LinkedInSimState } from './linkedin/state';
import { MastodonSimState } from './mastodon/state';
import { type SimThreadsAccount, type ThreadsAccountInput, ThreadsSimState } from './threads/state';
import { type SimXUser, type XUserInput, XSimState } from './x/state';
import { type RecordedRequest, RequestLog } from './request-log';
import type { BookedToken, TokenBook } from './tokens/token-book';

/**
 * The simulator's in-memory world. Each platform keeps its own state module (`instagram` now;
 * Threads, X, LinkedIn and Mastodon later); requests and faults are shared.
 * The methods here are what `/_sim/…` exposes over HTTP, with the same snake_case inputs.
 */
export class SimState {
  readonly instagram = new InstagramSimState();
  /** Facebook users with their pages, for Facebook Login (`/me`, `/me/accounts`). */
  readonly metaUsers = new MetaUserDirectory();
  readonly faults = new FaultQueue();
  readonly log = new RequestLog();
  /** Token endpoints (refresh); platform states subscribe to `oauth.onAccessTokenRotated` to accept new tokens. */
  readonly oauth = new OAuthSimState();
  /** LinkedIn members, tokens, images and posts (served under /linkedin). */
  readonly linkedin = new LinkedInSimState();
  /** Mastodon instances by name (served under /mastodon/<name>). */
  readonly mastodon = new MastodonSimState();
  /** Threads profiles, tokens, containers and posts (served under /threads/v1.0). */
  readonly threads = new ThreadsSimState();
  /** X users, tokens, uploaded media, posts and rate-limit windows (served under /x). */
  readonly x = new XSimState();

  constructor() {
    this.oauth.onAccessTokenRotated((platform, oldToken, newToken, accountRef, expiresAt) => {
      this.tokensOf(platform).acceptRotated(oldToken, newToken, accountRef, expiresAt);
    });
  }

  /** The token book of the API whose tokens the OAuth simulator issues for `platform`. */
  tokensOf(platform: RotatedPlatform): TokenBook<object> {
    return this[platform].tokens;
  }

  /** Same as `POST /_sim/instagram/accounts`. Throws a ZodError on bad input. */
  registerInstagramAccount(input: InstagramAccountInput): SimInstagramAccount {
    const account = this.instagram.registerAccount(input);
    // The token is a Facebook-Login user token: fb_exchange_token may refresh it.
    this.registerGrantOf(this.instagram.tokens.get(input.access_token)!, 'facebook', account.id);
    return account;
  }

  /** Same as `POST /_sim/facebook/users`: a Facebook user and their pages. Throws a ZodError on bad input. */
  registerMetaUser(input: MetaUserInput): SimMetaUser {
    return this.metaUsers.register(input, this.instagram);
  }

  /** Makes `accessToken` answer 190/463 from now on. False when the token is unknown. */
  expireInstagramToken(accessToken: string): boolean {
    return this.expireToken('instagram', accessToken);
  }

  /**
   * Same as `POST /_sim/threads/accounts`. The token is also a grant of the OAuth simulator's Threads
   * endpoint (`th_refresh_token`), whose refreshed tokens the Threads API then accepts.
   * Throws a ZodError on bad input.
   */
  registerThreadsAccount(input: ThreadsAccountInput): SimThreadsAccount {
    const account = this.threads.registerAccount(input);
    this.registerGrantOf(this.threads.tokens.get(input.access_token)!, 'threads', account.id);
    return account;
  }

  /**
   * Same as `POST /_sim/x/users`. The token (and `refresh_token`, when given) is also a grant of the
   * OAuth simulator's X endpoint: a refresh there rotates both, and the X API accepts the new token.
   * Throws a ZodError on bad input.
   */
  registerXUser(input: XUserInput): SimXUser {
    const user = this.x.registerUser(input);
    const token = this.x.tokens.get(input.access_token)!;
    this.registerGrantOf(token, 'x', user.id, {
      scope: token.scopes.join(' '),
      ...(input.refresh_token ? { refresh_token: input.refresh_token } : {}),
      ...(input.client_id ? { client_id: input.client_id } : {}),
    });
    return user;
  }

  /** Makes a Threads token answer 190/463 (and its refresh fail) from now on. False when unknown. */
  expireThreadsToken(accessToken: string): boolean {
    return this.expireToken('threads', accessToken);
  }

  /** Makes an X access token answer 401 from now on (the OAuth grant's access token expires too). */
  expireXToken(accessToken: string): boolean {
    return this.expireToken('x', accessToken);
  }

  /** Makes an API token just registered a grant of the OAuth simulator's `endpoint`, so that it refreshes there. */
  private registerGrantOf(
    token: BookedToken<object>,
    endpoint: OAuthEndpoint,
    accountRef: string,
    extra: Pick<OAuthGrantInput, 'scope' | 'refresh_token' | 'client_id'> = {},
  ): void {
    this.oauth.registerGrant({
      endpoint,
      account_ref: accountRef,
      access_token: token.token,
      ...(token.expiresAt ? { access_expires_at: token.expiresAt.toISOString() } : {}),
      ...extra,
    });
  }

  /** Expires `accessToken` on the platform API and at the OAuth simulator (its refresh fails too). */
  private expireToken(platform: RotatedPlatform, accessToken: string): boolean {
    this.oauth.expireAccessToken(accessToken);
    return this.tokensOf(platform).expire(accessToken);
  }

  /** Same as `POST /_sim/faults`. Throws a ZodError on bad input. */
  injectFault(input: FaultInput): Fault {
    return this.faults.add(input);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Copies of the platform requests received so far, oldest first. */
  get requests(): RecordedRequest[] {
    return this.log.list();
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** Forgets accounts, tokens, containers, media, faults and recorded requests. */
  reset(): void {
    this.instagram.reset();
    this.metaUsers.reset();
    this.oauth.reset();
    this.linkedin.reset();
    this.mastodon.reset();
    this.threads.reset();
    this.x.reset();
    this.faults.clear();
    this.log.clear();
  }
}
