// The simulated token endpoints and the platform (as the vault names it) whose tokens each issues.

/**
 * The simulated token endpoints: `facebook` (Graph `fb_exchange_token`, Instagram via Facebook
 * Login), `instagram` (Instagram-Login `ig_refresh_token`), `threads` (`th_refresh_token`), `x`
 * (OAuth 2.0 `refresh_token` grant, rotating) and `linkedin` (`refresh_token` grant).
 */
export const OAUTH_ENDPOINTS = ['facebook', 'instagram', 'threads', 'x', 'linkedin'] as const;
export type OAuthEndpoint = (typeof OAUTH_ENDPOINTS)[number];

/**
 * Providers of the connect flows (authorize + code exchange): the token endpoints' platforms plus
 * Mastodon, whose apps and tokens live on each simulated instance. The call log is kept per provider.
 */
export const OAUTH_PROVIDERS = [...OAUTH_ENDPOINTS, 'mastodon'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/**
 * The simulated revocation endpoints: X `POST /2/oauth2/revoke`, Mastodon `POST /oauth/revoke` and
 * Graph `DELETE /{user-id}/permissions`. Their calls are logged and faulted like the token endpoints'.
 */
export const REVOCATION_ENDPOINTS = ['x_revoke', 'mastodon_revoke', 'meta_permissions'] as const;

/** Every endpoint whose calls the OAuth simulator records and may fault: the providers and the revocations. */
export const LOGGED_ENDPOINTS = [...OAUTH_PROVIDERS, ...REVOCATION_ENDPOINTS] as const;
export type LoggedEndpoint = (typeof LOGGED_ENDPOINTS)[number];

/**
 * Endpoints whose apps the simulator registers (`/_sim/oauth/apps`): `facebook` (Facebook Login),
 * `instagram` (Instagram Login), `threads`, `x`, `linkedin`. Mastodon apps come from `POST /api/v1/apps`.
 */
export const APP_ENDPOINTS = ['facebook', 'instagram', 'threads', 'x', 'linkedin'] as const;
export type AppEndpoint = (typeof APP_ENDPOINTS)[number];

/** The platform (as the vault names it) whose tokens an endpoint issues. */
export type RotatedPlatform = 'instagram' | 'threads' | 'x' | 'linkedin';
export const PLATFORM_OF_ENDPOINT: Record<OAuthEndpoint, RotatedPlatform> = {
  facebook: 'instagram',
  instagram: 'instagram',
  threads: 'threads',
  x: 'x',
  linkedin: 'linkedin',
};
