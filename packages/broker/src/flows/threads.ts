// Threads: code → short-lived token (POST /oauth/access_token) → long-lived (th_exchange_token) → /me.
// @see https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions
import { threadsTokenUrlOf } from '@socialvault/vault-api';
import type { ConnectFlow } from './types';
import { codeRedirect, forwardCredential, scopeList } from './types';
import { field, optionalSeconds } from './provider-http';
import { exchangeForLongLived } from './long-lived';

const THREADS_SCOPES = ['threads_basic', 'threads_content_publish', 'threads_manage_insights'];

export const threadsFlow: ConnectFlow = {
  key: 'threads',
  platform: 'threads',
  title: 'Threads',
  pkce: false,
  missingApp: (config) => (config.apps.threads ? undefined : 'THREADS_APP_ID and THREADS_APP_SECRET'),
  authorizeUrl: (config, input) =>
    codeRedirect(config.urls.threadsOAuthUrl, config.apps.threads!.clientId, input, THREADS_SCOPES.join(',')),
  exchange: async (config, http, input) => {
    const app = config.apps.threads!;
    const base = threadsTokenUrlOf(config.urls.threadsApiUrl);
    const { short, long, accessToken } = await exchangeForLongLived(http, {
      provider: 'Threads',
      tokenUrl: `${base}/oauth/access_token`,
      longLivedUrl: `${base}/access_token`,
      longLivedGrant: 'th_exchange_token',
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      code: input.code,
      redirectUri: input.redirectUri,
    });
    const me = await http.json('Threads /me', {
      url: `${config.urls.threadsApiUrl}/me`,
      params: { fields: 'id,username', access_token: accessToken },
    });
    const accountId = field('Threads /me', me, 'id');
    const username = typeof me.username === 'string' ? me.username : undefined;
    return forwardCredential(
      'threads',
      { accountId, accessToken, username },
      {
        expires_in: optionalSeconds(long, 'expires_in'),
        scopes: scopeList(short.permissions ?? short.scope) ?? THREADS_SCOPES,
      },
    );
  },
};
