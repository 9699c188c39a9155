// The code → short-lived → long-lived token exchange that Instagram Login and Threads share (Meta's pattern).
// @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
// @see https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions
import type { ProviderHttp } from './provider-http';
import { field, form } from './provider-http';

/** What one short → long-lived exchange needs; `provider` names the steps in errors. */
export interface LongLivedExchangeInput {
  provider: string;
  /** POST endpoint that turns the code into a short-lived token (`…/oauth/access_token`). */
  tokenUrl: string;
  /** GET endpoint that turns the short-lived token into a long-lived one (`…/access_token`). */
  longLivedUrl: string;
  /** `ig_exchange_token` or `th_exchange_token`. */
  longLivedGrant: string;
  clientId: string;
  /** Optional in the app config type (X public clients); Meta apps always have one. */
  clientSecret: string | undefined;
  code: string;
  redirectUri: string;
  /** Reshapes the short-lived answer before it is read (Instagram may wrap it in `{data: [{…}]}`). */
  unwrapShort?: (body: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Exchanges an authorization code for a short-lived token, then that for a long-lived one.
 * @returns the short-lived answer (`user_id`, `permissions`), the long-lived answer (`expires_in`) and its token
 * @throws ProviderCallError naming `<provider> token exchange` or `<provider> long-lived exchange`
 */
export async function exchangeForLongLived(
  http: ProviderHttp,
  input: LongLivedExchangeInput,
): Promise<{ short: Record<string, unknown>; long: Record<string, unknown>; accessToken: string }> {
  const shortStep = `${input.provider} token exchange`;
  const longStep = `${input.provider} long-lived exchange`;
  const shortAnswer = await http.json(shortStep, {
    method: 'POST',
    url: input.tokenUrl,
    data: form({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      grant_type: 'authorization_code',
      redirect_uri: input.redirectUri,
      code: input.code,
    }),
  });
  const short = input.unwrapShort ? input.unwrapShort(shortAnswer) : shortAnswer;
  const shortToken = field(shortStep, short, 'access_token');
  const long = await http.json(longStep, {
    url: input.longLivedUrl,
    params: { grant_type: input.longLivedGrant, client_secret: input.clientSecret, access_token: shortToken },
  });
  return { short, long, accessToken: field(longStep, long, 'access_token') };
}
