// Instagram Login (Instagram API with Instagram Login): code (strip `#_`) → short-lived → ig_exchange_token → /me.
// @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
import { registerSecret } from '@socialvault/common';
import type { ConnectFlow } from './types';
import { codeRedirect, forwardCredential, scopeList } from './types';
import { field, optionalSeconds } from './provider-http';
import { exchangeForLongLived } from './long-lived';

const INSTAGRAM_LOGIN_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_insights',
];

export const instagramLoginFlow: ConnectFlow = {
  key: 'instagram_login',
  platform: 'instagram',
  title: 'Instagram (Instagram Login)',
  pkce: false,
  missingApp: (config) => (config.apps.instagram ? undefined : 'INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET'),
  authorizeUrl: (config, input) =>
    codeRedirect(
      config.urls.instagramOAuthUrl,
      config.apps.instagram!.clientId,
      input,
      INSTAGRAM_LOGIN_SCOPES.join(','),
    ),
  exchange: async (config, http, input) => {
    const app = config.apps.instagram!;
    const { short, long, accessToken } = await exchangeForLongLived(http, {
      provider: 'Instagram',
      tokenUrl: `${config.urls.instagramApiUrl}/oauth/access_token`,
      longLivedUrl: `${config.urls.instagramGraphUrl}/access_token`,
      longLivedGrant: 'ig_exchange_token',
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      // Instagram appends `#_` to the code in the redirect; a browser drops it, an HTTP client may not.
      code: input.code.replace(/#_$/, ''),
      redirectUri: input.redirectUri,
      unwrapShort: unwrapData,
    });
    // `/me` names the professional account and its username; optional (reference §6 ends at the
    // long-lived exchange, whose short-lived answer already carries `user_id`).
    const me = await http
      .json('Instagram /me', {
        url: `${config.urls.instagramGraphUrl}/me`,
        params: { fields: 'user_id,username', access_token: accessToken },
      })
      .then(unwrapData)
      .catch(() => ({}) as Record<string, unknown>);
    const accountId =
      typeof me.user_id === 'string' || typeof me.user_id === 'number'
        ? String(me.user_id)
        : field('Instagram token exchange', short, 'user_id');
    const username = typeof me.username === 'string' ? me.username : undefined;
    return forwardCredential(
      'instagram',
      { accountId, accessToken, username },
      {
        expires_in: optionalSeconds(long, 'expires_in'),
        scopes: scopeList(short.permissions) ?? INSTAGRAM_LOGIN_SCOPES,
        extra: { login_type: 'instagram' },
      },
    );
  },
};

/** Instagram Login answers flat, or (as its docs show) as `{data: [{…}]}`: the object either way. */
function unwrapData(body: Record<string, unknown>): Record<string, unknown> {
  const first: unknown = Array.isArray(body.data) ? body.data[0] : undefined;
  if (!first || typeof first !== 'object') return body;
  registerSecret((first as Record<string, unknown>).access_token as string | undefined);
  return first as Record<string, unknown>;
}
