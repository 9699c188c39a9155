// Instagram via Facebook Login: code → user token → long-lived (fb_exchange_token) → /me, /me/accounts
// (pages with instagram_business_account) → one page: the seed Meta form; several: the page picker.
// @see https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
import type { ConnectFlow, FlowResult, MetaPage, VaultPayload } from './types';
import { codeRedirect } from './types';
import { field, optionalSeconds } from './provider-http';

const META_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
];

/** The seed's Meta form for one chosen page; `access_token` is the long-lived user token. */
export function metaPayload(input: {
  userToken: string;
  page: MetaPage;
  metaUserId: string;
  adAccountId?: string;
  expiresInS?: number;
  scopes?: string[];
}): VaultPayload {
  return {
    access_token: input.userToken,
    instagram_business_account_id: input.page.instagram_business_account_id,
    facebook_page_id: input.page.facebook_page_id,
    meta_user_id: input.metaUserId,
    ...(input.adAccountId ? { ad_account_id: input.adAccountId } : {}),
    ...(input.expiresInS ? { expires_in: input.expiresInS } : {}),
    ...(input.scopes ? { scopes: input.scopes } : {}),
    ...(input.page.instagram_username ? { username: input.page.instagram_username } : {}),
  };
}

function pagesOf(body: Record<string, unknown>): MetaPage[] {
  const data = Array.isArray(body.data) ? (body.data as Record<string, unknown>[]) : [];
  return data.flatMap((page) => {
    const iba = page.instagram_business_account as Record<string, unknown> | undefined;
    if (!iba || typeof iba.id !== 'string' || typeof page.id !== 'string') return [];
    return [
      {
        facebook_page_id: page.id,
        page_name: typeof page.name === 'string' ? page.name : page.id,
        instagram_business_account_id: iba.id,
        ...(typeof iba.username === 'string' ? { instagram_username: iba.username } : {}),
      },
    ];
  });
}

export const metaFlow: ConnectFlow = {
  key: 'instagram',
  platform: 'instagram',
  title: 'Instagram (Facebook Login)',
  pkce: false,
  missingApp: (config) => (config.apps.meta ? undefined : 'META_APP_ID and META_APP_SECRET'),
  authorizeUrl: (config, input) =>
    codeRedirect(config.urls.metaDialogUrl, config.apps.meta!.clientId, input, META_SCOPES.join(',')),
  exchange: async (config, http, input): Promise<FlowResult> => {
    const app = config.apps.meta!;
    const graph = config.urls.metaGraphUrl;
    const short = await http.json('Facebook token exchange', {
      url: `${graph}/oauth/access_token`,
      params: {
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: input.redirectUri,
        code: input.code,
      },
    });
    const shortToken = field('Facebook token exchange', short, 'access_token');
    const long = await http.json('Facebook long-lived exchange', {
      url: `${graph}/oauth/access_token`,
      params: {
        grant_type: 'fb_exchange_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        fb_exchange_token: shortToken,
      },
    });
    const userToken = field('Facebook long-lived exchange', long, 'access_token');
    const me = await http.json('Facebook /me', {
      url: `${graph}/me`,
      params: { fields: 'id', access_token: userToken },
    });
    const metaUserId = field('Facebook /me', me, 'id');
    const accounts = await http.json('Facebook /me/accounts', {
      url: `${graph}/me/accounts`,
      params: { fields: 'id,name,instagram_business_account{id,username}', access_token: userToken },
    });
    const pages = pagesOf(accounts);
    const granted = await http
      .json('Facebook /me/permissions', {
        url: `${graph}/me/permissions`,
        params: { access_token: userToken },
      })
      .then((body) =>
        (Array.isArray(body.data) ? (body.data as Record<string, unknown>[]) : [])
          .filter((entry) => entry.status === 'granted' && typeof entry.permission === 'string')
          .map((entry) => entry.permission as string),
      )
      // Optional facts: a provider without this edge still connects.
      .catch(() => undefined);
    const adAccountId = await http
      .json('Facebook /me/adaccounts', {
        url: `${graph}/me/adaccounts`,
        params: { fields: 'id', access_token: userToken },
      })
      .then((body) => {
        const first = Array.isArray(body.data)
          ? (body.data[0] as Record<string, unknown> | undefined)
          : undefined;
        return typeof first?.id === 'string' ? first.id : undefined;
      })
      .catch(() => undefined);
    // A provider without the permissions edge: record the scopes asked for.
    const scopes = granted && granted.length > 0 ? granted : META_SCOPES;
    const expiresInS = optionalSeconds(long, 'expires_in');
    if (pages.length === 1) {
      const page = pages[0]!;
      return {
        kind: 'forward',
        accountId: page.instagram_business_account_id,
        username: page.instagram_username,
        payload: metaPayload({ userToken, page, metaUserId, adAccountId, expiresInS, scopes }),
      };
    }
    return {
      kind: 'pick_page',
      accountId: metaUserId,
      userToken,
      expiresInS,
      metaUserId,
      adAccountId,
      scopes,
      pages,
    };
  },
};
