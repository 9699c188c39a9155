// LinkedIn: authorization code (OIDC scopes), then /v2/userinfo for the member's `sub` (person URN).
// @see https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
import type { ConnectFlow } from './types';
import { codeRedirect, forwardCredential, scopeList } from './types';
import { field, form, optionalSeconds } from './provider-http';

const LINKEDIN_SCOPES = ['openid', 'profile', 'w_member_social'];

export const linkedinFlow: ConnectFlow = {
  key: 'linkedin',
  platform: 'linkedin',
  title: 'LinkedIn',
  pkce: false,
  missingApp: (config) =>
    config.apps.linkedin ? undefined : 'LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET',
  authorizeUrl: (config, input) =>
    codeRedirect(
      `${config.urls.linkedinOAuthUrl}/authorization`,
      config.apps.linkedin!.clientId,
      input,
      LINKEDIN_SCOPES.join(' '),
    ),
  exchange: async (config, http, input) => {
    const app = config.apps.linkedin!;
    const token = await http.json('LinkedIn token exchange', {
      method: 'POST',
      url: `${config.urls.linkedinOAuthUrl}/accessToken`,
      data: form({
        grant_type: 'authorization_code',
        code: input.code,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: input.redirectUri,
      }),
    });
    const accessToken = field('LinkedIn token exchange', token, 'access_token');
    const userinfo = await http.json('LinkedIn /v2/userinfo', {
      url: `${config.urls.linkedinApiUrl}/v2/userinfo`,
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const sub = field('LinkedIn /v2/userinfo', userinfo, 'sub');
    const username = typeof userinfo.name === 'string' ? userinfo.name : undefined;
    const refreshToken = typeof token.refresh_token === 'string' ? token.refresh_token : undefined;
    return forwardCredential(
      'linkedin',
      { accountId: sub, accessToken, username },
      {
        expires_in: optionalSeconds(token, 'expires_in'),
        ...(refreshToken
          ? {
              refresh_token: refreshToken,
              refresh_token_expires_in: optionalSeconds(token, 'refresh_token_expires_in'),
            }
          : {}),
        scopes: scopeList(token.scope) ?? LINKEDIN_SCOPES,
        extra: { person_urn: `urn:li:person:${sub}` },
      },
    );
  },
};
