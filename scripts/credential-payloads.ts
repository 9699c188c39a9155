// The broker's generic credential payloads (SPEC "Broker ingress") that the scripts store, one builder per
// platform, with the scopes and lifetimes a real connect gives.

/** Threads' and LinkedIn's long-lived tokens: 60 days. */
const SIXTY_DAYS_S = 60 * 24 * 3600;
const THREADS_SCOPES = ['threads_basic', 'threads_content_publish', 'threads_manage_insights'];
const X_SCOPES = 'tweet.read tweet.write users.read media.write offline.access';
/** An app approved for r_member_social, so get_recent_posts can read posts back (plain apps cannot). */
export const LINKEDIN_SCOPES = ['openid', 'profile', 'email', 'w_member_social', 'r_member_social'];

/** The account a payload stores: the vault's account id, its token and (optionally) a display name. */
export interface PayloadAccount {
  accountId: string;
  accessToken: string;
  username?: string;
}

/** A Threads long-lived token (60 days) with the three Threads scopes. */
export function threadsPayload(account: PayloadAccount): Record<string, unknown> {
  return {
    platform: 'threads',
    account_id: account.accountId,
    access_token: account.accessToken,
    expires_in: SIXTY_DAYS_S,
    scopes: THREADS_SCOPES,
    username: account.username,
  };
}

/** An X token with its rotating refresh token; `expiresInS` defaults to X's 2 hours. */
export function xPayload(
  account: PayloadAccount & { refreshToken: string; expiresInS?: number },
): Record<string, unknown> {
  return {
    platform: 'x',
    account_id: account.accountId,
    access_token: account.accessToken,
    refresh_token: account.refreshToken,
    expires_in: account.expiresInS ?? 7200,
    scopes: X_SCOPES,
    username: account.username,
  };
}

/** A LinkedIn member token (60 days, LINKEDIN_SCOPES) with its person URN in `extra`. */
export function linkedinPayload(account: PayloadAccount): Record<string, unknown> {
  return {
    platform: 'linkedin',
    account_id: account.accountId,
    access_token: account.accessToken,
    expires_in: SIXTY_DAYS_S,
    scopes: LINKEDIN_SCOPES,
    username: account.username,
    extra: { person_urn: `urn:li:person:${account.accountId}` },
  };
}

/** A Mastodon token (no expiry) with its instance URL in `extra`. */
export function mastodonPayload(account: PayloadAccount & { instanceUrl: string }): Record<string, unknown> {
  return {
    platform: 'mastodon',
    account_id: account.accountId,
    access_token: account.accessToken,
    scopes: 'read write',
    username: account.username,
    extra: { instance_url: account.instanceUrl },
  };
}
