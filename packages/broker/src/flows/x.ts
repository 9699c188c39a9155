// X: OAuth 2.0 authorization code with PKCE S256 and offline.access (refresh token), then /2/users/me.
// @see https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
import type { ConnectFlow } from './types';
import { codeRedirect, forwardCredential, scopeList } from './types';
import { field, form, optionalSeconds } from './provider-http';

const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];

export const xFlow: ConnectFlow = {
  key: 'x',
  platform: 'x',
  title: 'X',
  pkce: true,
  missingApp: (config) =>
    config.apps.x ? undefined : 'X_CLIENT_ID (and X_CLIENT_SECRET for a confidential app)',
  authorizeUrl: (config, input) =>
    codeRedirect(config.urls.xAuthorizeUrl, config.apps.x!.clientId, input, X_SCOPES.join(' ')),
  exchange: async (config, http, input) => {
    const app = config.apps.x!;
    const token = await http.json('X token exchange', {
      method: 'POST',
      url: `${config.urls.xApiUrl}/2/oauth2/token`,
      data: form({
        code: input.code,
        grant_type: 'authorization_code',
        redirect_uri: input.redirectUri,
        code_verifier: input.codeVerifier,
        client_id: app.clientId,
      }),
      ...(app.clientSecret ? { auth: { username: app.clientId, password: app.clientSecret } } : {}),
    });
    const accessToken = field('X token exchange', token, 'access_token');
    const me = await http.json('X /2/users/me', {
      url: `${config.urls.xApiUrl}/2/users/me`,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const user = (me.data ?? {}) as Record<string, unknown>;
    const accountId = field('X /2/users/me', user, 'id');
    const username = typeof user.username === 'string' ? user.username : undefined;
    return forwardCredential(
      'x',
      { accountId, accessToken, username },
      {
        ...(typeof token.refresh_token === 'string' ? { refresh_token: token.refresh_token } : {}),
        expires_in: optionalSeconds(token, 'expires_in'),
        scopes: scopeList(token.scope),
      },
    );
  },
};
