// Each provider's authorize rules as data: paths, scope syntax and vocabulary, PKCE, code suffix.
import { META_GRAPH_VERSION } from '@socialvault/vault-api';
import type { OAuthProvider } from '../endpoints';

/** How one provider's authorize endpoint judges a request. */
export interface AuthorizeRules {
  provider: OAuthProvider;
  /** Shown on the consent page. */
  title: string;
  /** How the `scope` parameter is split: Meta takes commas (and spaces), the others spaces only. */
  scopeSeparator: RegExp;
  knownScopes: readonly string[];
  /** X and LinkedIn refuse a request without scope; the others grant `defaultScopes`. */
  scopeRequired: boolean;
  defaultScopes: readonly string[];
  /** `required`: code_challenge with method S256 (X, Mastodon); `optional`: honoured when sent. */
  pkce: 'required' | 'optional';
  /** Appended to the code in the redirect (Instagram Login's `#_`, which clients strip). */
  codeSuffix: string;
  /** Meta's denials also carry `error_reason=user_denied`. */
  metaDenial: boolean;
}

const META = { scopeSeparator: /[\s,]+/, scopeRequired: false, pkce: 'optional', metaDenial: true } as const;
const OAUTH2 = { scopeSeparator: / +/, codeSuffix: '', metaDenial: false } as const;

/** @see https://developers.facebook.com/docs/permissions */
const FACEBOOK_SCOPES = [
  'public_profile',
  'email',
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'business_management',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'instagram_manage_comments',
  'ads_management',
  'ads_read',
];
/** @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login */
const INSTAGRAM_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_insights',
  'instagram_business_manage_comments',
  'instagram_business_manage_messages',
];
/** @see https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions */
const THREADS_SCOPES = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_insights',
  'threads_manage_replies',
  'threads_read_replies',
  'threads_manage_mentions',
  'threads_keyword_search',
  'threads_delete',
];
/** @see https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code (scopes table) */
const X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'tweet.moderate.write',
  'users.read',
  'users.email',
  'follows.read',
  'follows.write',
  'offline.access',
  'space.read',
  'mute.read',
  'mute.write',
  'like.read',
  'like.write',
  'list.read',
  'list.write',
  'block.read',
  'block.write',
  'bookmark.read',
  'bookmark.write',
  'media.write',
];
/** Self-serve products (OIDC, Share on LinkedIn) plus the Community Management ones. */
const LINKEDIN_SCOPES = [
  'openid',
  'profile',
  'email',
  'w_member_social',
  'r_organization_social',
  'w_organization_social',
  'rw_organization_admin',
  'r_member_postAnalytics',
];
/** @see https://docs.joinmastodon.org/api/oauth-scopes/ */
export const MASTODON_SCOPES = [
  'read',
  'write',
  'follow',
  'push',
  'profile',
  ...['accounts', 'blocks', 'bookmarks', 'favourites', 'filters', 'follows', 'lists', 'mutes'].map(
    (s) => `read:${s}`,
  ),
  ...['notifications', 'search', 'statuses'].map((s) => `read:${s}`),
  ...['accounts', 'blocks', 'bookmarks', 'conversations', 'favourites', 'filters', 'follows'].map(
    (s) => `write:${s}`,
  ),
  ...['lists', 'media', 'mutes', 'notifications', 'reports', 'statuses'].map((s) => `write:${s}`),
];

export const AUTHORIZE_RULES: Record<OAuthProvider, AuthorizeRules> = {
  facebook: {
    ...META,
    provider: 'facebook',
    title: 'Facebook',
    knownScopes: FACEBOOK_SCOPES,
    defaultScopes: ['public_profile'],
    codeSuffix: '',
  },
  instagram: {
    ...META,
    provider: 'instagram',
    title: 'Instagram',
    knownScopes: INSTAGRAM_SCOPES,
    defaultScopes: ['instagram_business_basic'],
    codeSuffix: '#_',
  },
  threads: {
    ...META,
    provider: 'threads',
    title: 'Threads',
    knownScopes: THREADS_SCOPES,
    defaultScopes: ['threads_basic'],
    codeSuffix: '',
  },
  x: {
    ...OAUTH2,
    provider: 'x',
    title: 'X',
    knownScopes: X_SCOPES,
    scopeRequired: true,
    defaultScopes: [],
    pkce: 'required',
  },
  linkedin: {
    ...OAUTH2,
    provider: 'linkedin',
    title: 'LinkedIn',
    knownScopes: LINKEDIN_SCOPES,
    scopeRequired: true,
    defaultScopes: [],
    pkce: 'optional',
  },
  // Doorkeeper's default scope is `read`; requested scopes must also be among the app's.
  mastodon: {
    ...OAUTH2,
    provider: 'mastodon',
    title: 'Mastodon',
    knownScopes: MASTODON_SCOPES,
    scopeRequired: false,
    defaultScopes: ['read'],
    pkce: 'required',
  },
};

/**
 * Authorize paths, relative to the simulator origin (the real host's path under a host-like prefix).
 * Mastodon's is `/mastodon/<instance>/oauth/authorize`. With the simulator at `${sim}`:
 * META_OAUTH_DIALOG_URL=`${sim}/facebook-www/v25.0/dialog/oauth`,
 * INSTAGRAM_OAUTH_URL=`${sim}/instagram-www/oauth/authorize`, THREADS_OAUTH_URL=`${sim}/threads-www/oauth/authorize`,
 * X_OAUTH_AUTHORIZE_URL=`${sim}/x-www/i/oauth2/authorize`, LINKEDIN_OAUTH_URL=`${sim}/linkedin-oauth/oauth/v2`
 * (→ `/authorization`).
 */
export const AUTHORIZE_PATHS = {
  facebook: `/facebook-www/${META_GRAPH_VERSION}/dialog/oauth`,
  instagram: '/instagram-www/oauth/authorize',
  threads: '/threads-www/oauth/authorize',
  x: '/x-www/i/oauth2/authorize',
  linkedin: '/linkedin-oauth/oauth/v2/authorization',
} as const;
