// Mastodon: the app registered per instance (mastodon/apps.ts), authorization code with PKCE S256,
// then verify_credentials; the account id is `<username>@<instance host and path>`.
// @see https://docs.joinmastodon.org/spec/oauth/ and https://docs.joinmastodon.org/methods/accounts/#verify_credentials
import { MASTODON_SCOPES } from '../mastodon/apps';
import type { ConnectFlow } from './types';
import { codeRedirect, forwardCredential, scopeList } from './types';
import { field, form } from './provider-http';

/** `alice` on `https://mastodon.social` → `alice@mastodon.social` (a path, as on the simulator, is kept). */
function mastodonAccountId(username: string, instanceUrl: string): string {
  const url = new URL(instanceUrl);
  return `${username}@${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export const mastodonFlow: ConnectFlow = {
  key: 'mastodon',
  platform: 'mastodon',
  title: 'Mastodon',
  pkce: true,
  missingApp: () => undefined,
  authorizeUrl: (_config, input) =>
    codeRedirect(
      `${input.mastodon!.instanceUrl}/oauth/authorize`,
      input.mastodon!.clientId,
      input,
      MASTODON_SCOPES.join(' '),
    ),
  exchange: async (_config, http, input) => {
    const instance = input.mastodon!;
    const token = await http.mastodonJson('Mastodon token exchange', {
      method: 'POST',
      url: `${instance.instanceUrl}/oauth/token`,
      data: form({
        grant_type: 'authorization_code',
        code: input.code,
        client_id: instance.clientId,
        client_secret: instance.clientSecret,
        redirect_uri: input.redirectUri,
        code_verifier: input.codeVerifier,
      }),
    });
    const accessToken = field('Mastodon token exchange', token, 'access_token');
    const account = await http.mastodonJson('Mastodon verify_credentials', {
      url: `${instance.instanceUrl}/api/v1/accounts/verify_credentials`,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const username = field('Mastodon verify_credentials', account, 'username');
    const accountId = mastodonAccountId(username, instance.instanceUrl);
    return forwardCredential(
      'mastodon',
      { accountId, accessToken, username },
      {
        scopes: scopeList(token.scope) ?? MASTODON_SCOPES,
        extra: {
          instance_url: instance.instanceUrl,
          // The vault's provider revocation (POST /oauth/revoke) names the app the token was issued to.
          client_id: instance.clientId,
          mastodon_account_id: field('Mastodon verify_credentials', account, 'id'),
        },
      },
    );
  },
};
