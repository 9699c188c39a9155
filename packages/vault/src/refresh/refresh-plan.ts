// Decides, per platform, what a credential needs now: refresh, mark expired, send a reconnect notice, or nothing.
import type { AxiosInstance } from 'axios';
import type { ServableCredential } from '../db/credential-repository';
import type { RefreshConfig } from './refresh-config';
import { facebookExchangeStrategy, metaRefreshStrategy } from './strategies/meta';
import { linkedinRefreshStrategy, xRefreshStrategy } from './strategies/oauth2';
import type { RefreshStrategy } from './strategies/types';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Refresh windows (ms before expiry) and age rules, from the seeds' refresh rules per platform. */
export const REFRESH_WINDOWS_MS = {
  /** Meta long-lived tokens (Facebook Login and Instagram Login): < 14 days left. */
  instagram: 14 * DAY_MS,
  /** Threads: < 14 days left (and the token > 24 h old). */
  threads: 14 * DAY_MS,
  /** X 2-hour tokens: < 30 minutes left. */
  x: 30 * MINUTE_MS,
  /** LinkedIn 60-day tokens with a refresh token: < 7 days left. */
  linkedin: 7 * DAY_MS,
  /** LinkedIn without a refresh token: reconnect notice 7 days before expiry. */
  linkedinNotice: 7 * DAY_MS,
  /** Instagram-Login and Threads tokens must be at least 24 h old to be refreshed. */
  minimumAge: DAY_MS,
} as const;

/** The widest window: the sweep only looks at credentials expiring within it. */
export const WIDEST_WINDOW_MS = Math.max(
  REFRESH_WINDOWS_MS.instagram,
  REFRESH_WINDOWS_MS.threads,
  REFRESH_WINDOWS_MS.x,
  REFRESH_WINDOWS_MS.linkedin,
  REFRESH_WINDOWS_MS.linkedinNotice,
);

/** The refresh calls available with this configuration (absent = app credentials missing). */
export interface PlatformStrategies {
  facebook?: RefreshStrategy;
  instagramLogin: RefreshStrategy;
  threads: RefreshStrategy;
  x?: RefreshStrategy;
  linkedin?: RefreshStrategy;
}

/** What to do with a credential now; `reason` is a sentence for logs, audit rows and the CLI. */
export type RefreshPlan =
  | { action: 'refresh'; strategy: RefreshStrategy; reason: string }
  | { action: 'expire'; reason: string }
  | { action: 'notify'; reason: string }
  | { action: 'none'; reason: string };

/**
 * Builds the strategies from config. `disabled` lists, one line each, the platforms that will not
 * be refreshed because their app credentials are missing (the vault logs them once at start).
 */
export function buildStrategies(
  config: RefreshConfig,
  http: AxiosInstance,
): { strategies: PlatformStrategies; disabled: string[] } {
  const { endpoints, apps } = config;
  const disabled: string[] = [];
  if (!apps.meta) disabled.push('instagram (Facebook Login): META_APP_ID and META_APP_SECRET are not set');
  if (!apps.x) disabled.push('x: X_CLIENT_ID (and X_CLIENT_SECRET for a confidential client) is not set');
  if (!apps.linkedin) disabled.push('linkedin: LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET are not set');
  return {
    strategies: {
      ...(apps.meta ? { facebook: facebookExchangeStrategy(http, endpoints.metaGraphUrl, apps.meta) } : {}),
      instagramLogin: metaRefreshStrategy(http, endpoints.instagramGraphUrl, 'ig_refresh_token'),
      threads: metaRefreshStrategy(http, endpoints.threadsTokenUrl, 'th_refresh_token'),
      ...(apps.x ? { x: xRefreshStrategy(http, endpoints.xApiUrl, apps.x) } : {}),
      ...(apps.linkedin
        ? { linkedin: linkedinRefreshStrategy(http, endpoints.linkedinOAuthUrl, apps.linkedin) }
        : {}),
    },
    disabled,
  };
}

const iso = (date: Date) => date.toISOString();
const none = (reason: string): RefreshPlan => ({ action: 'none', reason });

/** A token that must be refreshed with itself (Meta): past expiry it can only be marked expired. */
function planSelfRefresh(
  record: ServableCredential & { tokenExpiresAt: Date },
  now: Date,
  windowMs: number,
  strategy: RefreshStrategy | undefined,
  missing: string,
  minimumAgeMs = 0,
): RefreshPlan {
  const expiresAt = record.tokenExpiresAt;
  if (expiresAt <= now) {
    return {
      action: 'expire',
      reason: `token expired at ${iso(expiresAt)} and an expired token cannot be refreshed`,
    };
  }
  const dueFrom = new Date(expiresAt.getTime() - windowMs);
  if (now < dueFrom) return none(`not due until ${iso(dueFrom)}`);
  const oldEnoughAt = new Date(record.tokenIssuedAt.getTime() + minimumAgeMs);
  if (now < oldEnoughAt) return none(`token is less than 24 h old; refreshable from ${iso(oldEnoughAt)}`);
  if (!strategy) return none(missing);
  return { action: 'refresh', strategy, reason: `expires at ${iso(expiresAt)}` };
}

/** A token refreshed with a refresh token (X, LinkedIn): the access token's own expiry does not matter. */
function planRefreshTokenGrant(
  record: ServableCredential & { tokenExpiresAt: Date },
  now: Date,
  windowMs: number,
  strategy: RefreshStrategy | undefined,
  missing: string,
): RefreshPlan {
  if (record.refreshExpiresAt && record.refreshExpiresAt <= now) {
    return { action: 'expire', reason: `refresh token expired at ${iso(record.refreshExpiresAt)}` };
  }
  const dueFrom = new Date(record.tokenExpiresAt.getTime() - windowMs);
  if (now < dueFrom) return none(`not due until ${iso(dueFrom)}`);
  if (!strategy) return none(missing);
  return { action: 'refresh', strategy, reason: `expires at ${iso(record.tokenExpiresAt)}` };
}

function planPlatform(
  record: ServableCredential & { tokenExpiresAt: Date },
  now: Date,
  s: PlatformStrategies,
): RefreshPlan {
  const expired = record.tokenExpiresAt <= now;
  switch (record.platform) {
    case 'instagram':
      if (record.extra.login_type === 'instagram') {
        return planSelfRefresh(
          record,
          now,
          REFRESH_WINDOWS_MS.instagram,
          s.instagramLogin,
          '',
          REFRESH_WINDOWS_MS.minimumAge,
        );
      }
      return planSelfRefresh(
        record,
        now,
        REFRESH_WINDOWS_MS.instagram,
        s.facebook,
        'META_APP_ID/META_APP_SECRET not set',
      );
    case 'threads':
      return planSelfRefresh(
        record,
        now,
        REFRESH_WINDOWS_MS.threads,
        s.threads,
        '',
        REFRESH_WINDOWS_MS.minimumAge,
      );
    case 'x':
      if (record.refreshTokenCiphertext === null) {
        return expired
          ? {
              action: 'expire',
              reason: `token expired at ${iso(record.tokenExpiresAt)} and X issued no refresh token (offline.access)`,
            }
          : none('no refresh token (offline.access not granted); expires unrefreshed');
      }
      return planRefreshTokenGrant(record, now, REFRESH_WINDOWS_MS.x, s.x, 'X_CLIENT_ID not set');
    case 'linkedin': {
      if (record.refreshTokenCiphertext !== null) {
        return planRefreshTokenGrant(
          record,
          now,
          REFRESH_WINDOWS_MS.linkedin,
          s.linkedin,
          'LINKEDIN_CLIENT_ID/LINKEDIN_CLIENT_SECRET not set',
        );
      }
      if (expired) {
        return {
          action: 'expire',
          reason: `token expired at ${iso(record.tokenExpiresAt)} and LinkedIn issued no refresh token`,
        };
      }
      const noticeFrom = new Date(record.tokenExpiresAt.getTime() - REFRESH_WINDOWS_MS.linkedinNotice);
      if (now < noticeFrom) return none(`no refresh token; reconnect notice from ${iso(noticeFrom)}`);
      if (record.reconnectNotifiedAt) return none('no refresh token; reconnect notice already sent');
      return {
        action: 'notify',
        reason: `token expires at ${iso(record.tokenExpiresAt)} and LinkedIn issued no refresh token: reconnect before then`,
      };
    }
    case 'mastodon':
      return expired
        ? {
            action: 'expire',
            reason: `token expired at ${iso(record.tokenExpiresAt)} (the instance set an expiry)`,
          }
        : none('Mastodon tokens are not refreshed; it expires at the time the instance gave');
  }
}

/**
 * The plan for `record` at `now`. Only `active` rows with an expiry are considered; a refresh
 * inside its backoff (after a transient failure) waits, while marking an expired token does not.
 */
export function planRefresh(
  record: ServableCredential,
  now: Date,
  strategies: PlatformStrategies,
): RefreshPlan {
  if (record.status !== 'active') return none(`status is ${record.status}`);
  if (record.tokenExpiresAt === null) return none('the token has no expiry');
  const plan = planPlatform({ ...record, tokenExpiresAt: record.tokenExpiresAt }, now, strategies);
  if (plan.action === 'refresh' && record.nextRefreshAt && record.nextRefreshAt > now) {
    return none(`backing off after ${record.refreshFailures} failure(s) until ${iso(record.nextRefreshAt)}`);
  }
  return plan;
}
