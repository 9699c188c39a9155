// In-memory OAuth world of the simulator: app credentials, token grants, rotation listeners, call counters.
import crypto from 'node:crypto';
import { z } from 'zod';
import { TokenCallLog, type OAuthEndpointStats, type RecordedTokenCall } from './call-log';
import { AuthCodeStore } from './codes';
import {
  APP_ENDPOINTS,
  OAUTH_ENDPOINTS,
  PLATFORM_OF_ENDPOINT,
  type AppEndpoint,
  type LoggedEndpoint,
  type OAuthEndpoint,
  type RotatedPlatform,
} from './endpoints';
import { OAuthFaultQueue } from './faults';

export { OAUTH_ENDPOINTS, APP_ENDPOINTS, PLATFORM_OF_ENDPOINT, REVOCATION_ENDPOINTS } from './endpoints';
export type { OAuthEndpoint, AppEndpoint, RotatedPlatform, LoggedEndpoint } from './endpoints';
export type { OAuthEndpointStats, RecordedTokenCall } from './call-log';

/**
 * Called when an endpoint issues a new access token for an account. Platform simulators register
 * one so that the new token works on their API (the old one keeps working until it expires).
 * `expiresAt` is when the new token expires.
 */
export type AccessTokenRotatedListener = (
  platform: RotatedPlatform,
  oldToken: string,
  newToken: string,
  accountRef: string,
  expiresAt: Date,
) => void;

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * An app allowed to call a token endpoint. X apps without a secret are public (PKCE) clients.
 * `redirect_uris` are the URIs its authorize requests may name (exact match); `programmatic_refresh`
 * makes LinkedIn's code exchange return a refresh token (approved partners only, in reality).
 */
export const OAuthAppInputSchema = z.object({
  endpoint: z.enum(APP_ENDPOINTS),
  client_id: z.string().min(1).max(200),
  client_secret: z.string().min(1).max(200).optional(),
  name: z.string().min(1).max(200).optional(),
  redirect_uris: z
    .array(z.url({ protocol: /^https?$/ }))
    .max(20)
    .default([]),
  programmatic_refresh: z.boolean().default(false),
});
export type OAuthAppInput = z.input<typeof OAuthAppInputSchema>;

/** A user's grant: the access token it issued and, for X and LinkedIn, its refresh token. */
export const OAuthGrantInputSchema = z.object({
  endpoint: z.enum(OAUTH_ENDPOINTS),
  /** The account the tokens act for (ig_user_id, threads user id, X user id, person id). */
  account_ref: z.string().min(1).max(200),
  access_token: z.string().min(8),
  /** ISO-8601; default 60 days (2 hours for X) after `issued_at`. */
  access_expires_at: isoDate.optional(),
  /** When the access token was issued (ISO-8601, default now); refresh needs it ≥ 24 h old for instagram and threads. */
  issued_at: isoDate.optional(),
  refresh_token: z.string().min(8).optional(),
  /** ISO-8601; LinkedIn refresh tokens last 365 days from the first authorization. */
  refresh_expires_at: isoDate.optional(),
  /** The app the grant was issued to (x, linkedin); default: the endpoint's only registered app. */
  client_id: z.string().min(1).optional(),
  scope: z.string().optional(),
});
export type OAuthGrantInput = z.input<typeof OAuthGrantInputSchema>;

export interface SimOAuthApp {
  endpoint: AppEndpoint;
  clientId: string;
  clientSecret?: string;
  /** Shown on the consent page (default: the client id). */
  name: string;
  redirectUris: string[];
  programmaticRefresh: boolean;
}

export interface SimOAuthGrant {
  endpoint: OAuthEndpoint;
  accountRef: string;
  accessToken: string;
  accessExpiresAt: Date;
  issuedAt: Date;
  refreshToken?: string;
  refreshExpiresAt?: Date;
  clientId?: string;
  scope?: string;
  revoked: boolean;
  /** Access tokens issued before the current one; Meta keeps them valid until they expire. */
  previousAccessTokens: { token: string; issuedAt: Date; expiresAt: Date }[];
}

/** An access token a grant issued, current or previous, with its own times. */
export interface IssuedAccessToken {
  grant: SimOAuthGrant;
  token: string;
  issuedAt: Date;
  expiresAt: Date;
}

const DAY_MS = 24 * 3600 * 1000;
/** Lifetimes the real endpoints answer with (seconds). */
export const LIFETIME_S: Record<OAuthEndpoint, number> = {
  facebook: 5_183_944,
  instagram: 5_184_000,
  threads: 5_184_000,
  x: 7_200,
  linkedin: 5_184_000,
};

/** Token prefixes resembling each platform's, so logs and tests can tell them apart. */
const PREFIX: Record<OAuthEndpoint, string> = {
  facebook: 'EAA',
  instagram: 'IGAA',
  threads: 'THAA',
  x: 'xat-',
  linkedin: 'AQV',
};

export class OAuthSimState {
  readonly apps = new Map<string, SimOAuthApp>();
  readonly faults = new OAuthFaultQueue();
  private grants: SimOAuthGrant[] = [];
  private listeners: AccessTokenRotatedListener[] = [];
  /** Calls received and counters per provider. */
  readonly log = new TokenCallLog();
  /** Added to the wall clock for codes and consent pages (tests age them with `advanceClock`). */
  private clockOffsetMs = 0;
  /** Authorization requests on the consent page and issued codes. */
  readonly codes = new AuthCodeStore(() => this.nowMs());

  /** Registers an app for `endpoint` (replacing one with the same client id). Throws a ZodError on bad input. */
  registerApp(input: OAuthAppInput): SimOAuthApp {
    const parsed = OAuthAppInputSchema.parse(input);
    const app: SimOAuthApp = {
      endpoint: parsed.endpoint,
      clientId: parsed.client_id,
      name: parsed.name ?? parsed.client_id,
      redirectUris: parsed.redirect_uris,
      programmaticRefresh: parsed.programmatic_refresh,
      ...(parsed.client_secret ? { clientSecret: parsed.client_secret } : {}),
    };
    this.apps.set(`${app.endpoint}:${app.clientId}`, app);
    return app;
  }

  app(endpoint: AppEndpoint, clientId: string): SimOAuthApp | undefined {
    return this.apps.get(`${endpoint}:${clientId}`);
  }

  /** Registers a grant whose tokens the endpoint will accept. Throws a ZodError on bad input. */
  registerGrant(input: OAuthGrantInput): SimOAuthGrant {
    const parsed = OAuthGrantInputSchema.parse(input);
    const issuedAt = parsed.issued_at ?? new Date();
    const clientId = parsed.client_id ?? this.onlyAppOf(parsed.endpoint)?.clientId;
    const grant: SimOAuthGrant = {
      endpoint: parsed.endpoint,
      accountRef: parsed.account_ref,
      accessToken: parsed.access_token,
      accessExpiresAt:
        parsed.access_expires_at ?? new Date(issuedAt.getTime() + LIFETIME_S[parsed.endpoint] * 1000),
      issuedAt,
      revoked: false,
      previousAccessTokens: [],
      ...(parsed.refresh_token ? { refreshToken: parsed.refresh_token } : {}),
      ...(parsed.refresh_expires_at ? { refreshExpiresAt: parsed.refresh_expires_at } : {}),
      ...(clientId ? { clientId } : {}),
      ...(parsed.scope ? { scope: parsed.scope } : {}),
    };
    this.grants = this.grants.filter(
      (g) => !(g.endpoint === grant.endpoint && g.accessToken === grant.accessToken),
    );
    this.grants.push(grant);
    return grant;
  }

  /** The access token `token` of a live grant at `endpoint`: its current one or one it issued before. */
  findAccessToken(endpoint: OAuthEndpoint, token: string): IssuedAccessToken | undefined {
    for (const grant of this.grants) {
      if (grant.endpoint !== endpoint || grant.revoked) continue;
      if (grant.accessToken === token)
        return { grant, token, issuedAt: grant.issuedAt, expiresAt: grant.accessExpiresAt };
      const previous = grant.previousAccessTokens.find((p) => p.token === token);
      if (previous) return { grant, ...previous };
    }
    return undefined;
  }

  /** The live grant whose current refresh token is `token` at `endpoint`. */
  grantByRefreshToken(endpoint: OAuthEndpoint, token: string): SimOAuthGrant | undefined {
    return this.grants.find((g) => g.endpoint === endpoint && g.refreshToken === token && !g.revoked);
  }

  /** Every grant of an account (newest last), e.g. to read the current rotated refresh token. */
  grantsOf(endpoint: OAuthEndpoint, accountRef: string): SimOAuthGrant[] {
    return this.grants.filter((g) => g.endpoint === endpoint && g.accountRef === accountRef);
  }

  /** Revokes the grant holding `token` (access or refresh token): refreshes answer invalid_grant. */
  revoke(token: string): boolean {
    const grant = this.grants.find(
      (g) =>
        g.accessToken === token ||
        g.refreshToken === token ||
        g.previousAccessTokens.some((p) => p.token === token),
    );
    if (grant) grant.revoked = true;
    return grant !== undefined;
  }

  /**
   * The grant at `endpoint` holding `token` (its access token, an earlier access token or its refresh
   * token), revoked or not; undefined when no grant holds it.
   */
  grantHolding(endpoint: OAuthEndpoint, token: string): SimOAuthGrant | undefined {
    return this.grants.find(
      (g) =>
        g.endpoint === endpoint &&
        (g.accessToken === token ||
          g.refreshToken === token ||
          g.previousAccessTokens.some((p) => p.token === token)),
    );
  }

  /** Makes the access token `token` expired (as of `at`, default one second ago) at every endpoint. */
  expireAccessToken(token: string, at = new Date(Date.now() - 1000)): boolean {
    let found = false;
    for (const grant of this.grants) {
      if (grant.accessToken === token) {
        grant.accessExpiresAt = at;
        found = true;
      }
      for (const previous of grant.previousAccessTokens) {
        if (previous.token === token) {
          previous.expiresAt = at;
          found = true;
        }
      }
    }
    return found;
  }

  /**
   * Issues a new access token for `grant` (and, when `rotateRefreshToken`, a new refresh token that
   * replaces the old one, which stops working), then tells every rotation listener.
   */
  rotate(grant: SimOAuthGrant, options: { rotateRefreshToken: boolean }, now = new Date()): SimOAuthGrant {
    const oldToken = grant.accessToken;
    grant.previousAccessTokens.push({
      token: oldToken,
      issuedAt: grant.issuedAt,
      expiresAt: grant.accessExpiresAt,
    });
    grant.accessToken = `${PREFIX[grant.endpoint]}${crypto.randomBytes(24).toString('base64url')}`;
    grant.issuedAt = now;
    grant.accessExpiresAt = new Date(now.getTime() + LIFETIME_S[grant.endpoint] * 1000);
    if (options.rotateRefreshToken) grant.refreshToken = `rt-${crypto.randomBytes(24).toString('base64url')}`;
    for (const listener of this.listeners) {
      listener(
        PLATFORM_OF_ENDPOINT[grant.endpoint],
        oldToken,
        grant.accessToken,
        grant.accountRef,
        grant.accessExpiresAt,
      );
    }
    return grant;
  }

  /** Subscribes to new access tokens; returns a function that unsubscribes. */
  onAccessTokenRotated(listener: AccessTokenRotatedListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The OAuth clock of codes and consent pages (ms since epoch): the wall clock plus `advanceClock`. */
  nowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the OAuth clock forward by `seconds` (e.g. 601 to expire every code issued so far). */
  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  /** Counters of one endpoint (zeros when it was never called). */
  statsOf(endpoint: LoggedEndpoint): OAuthEndpointStats {
    return { ...this.log.statsOf(endpoint) };
  }

  /** Copies of every endpoint's counters. */
  allStats(): Record<LoggedEndpoint, OAuthEndpointStats> {
    return this.log.allStats();
  }

  /** Copies of the recorded token and revocation calls, oldest first, optionally of one endpoint. */
  calls(endpoint?: LoggedEndpoint): RecordedTokenCall[] {
    return this.log.calls(endpoint);
  }

  /** Zeroes the counters (keeping in-flight calls counted) and forgets recorded calls. */
  resetStats(): void {
    this.log.resetStats();
  }

  /** Forgets apps, grants, codes, faults, counters and calls, and rewinds the clock (listeners stay: they belong to the simulator's wiring). */
  reset(): void {
    this.apps.clear();
    this.codes.clear();
    this.clockOffsetMs = 0;
    this.grants = [];
    this.faults.clear();
    this.log.reset();
  }

  private onlyAppOf(endpoint: OAuthEndpoint): SimOAuthApp | undefined {
    const apps = [...this.apps.values()].filter((a) => a.endpoint === endpoint);
    return apps.length === 1 ? apps[0] : undefined;
  }
}

/** True when the token was issued at least 24 hours before `now` (Instagram-Login and Threads refresh rule). */
export function isOldEnoughToRefresh(issued: { issuedAt: Date }, now = new Date()): boolean {
  return now.getTime() - issued.issuedAt.getTime() >= DAY_MS;
}
