// One provider's token revocation call each: X /2/oauth2/revoke, Mastodon /oauth/revoke, Graph DELETE /{user-id}/permissions.
import type { AxiosInstance } from 'axios';
import { describeProviderError, providerErrorOf } from '../refresh/strategies/provider-error';
import {
  sendProviderRequest,
  type AddressGuard,
  type TokenRequest,
} from '../refresh/strategies/provider-http';
import { RefreshFailure } from '../refresh/strategies/types';

/** What one revocation call came to: done, or the reason it failed (bounded, redacted, never a token). */
export type CallResult = { ok: true } | { ok: false; error: string };

/**
 * Sends one revocation request; a 2xx whose body passes `accepted` is success. Network errors, timeouts
 * and every other status are failures described without the request (the known, bounded, redacted fields of the provider's answer only).
 */
async function revocationCall(
  http: AxiosInstance,
  request: TokenRequest,
  accepted: (body: unknown) => boolean = () => true,
): Promise<CallResult> {
  try {
    const { status, data } = await sendProviderRequest(http, request, 'revocation endpoint');
    if (status >= 200 && status < 300 && accepted(data)) return { ok: true };
    return {
      ok: false,
      error: `${request.label} revocation endpoint answered HTTP ${status}: ${describeProviderError(providerErrorOf(data))}`,
    };
  } catch (error) {
    if (error instanceof RefreshFailure) return { ok: false, error: error.message };
    throw error;
  }
}

/**
 * X: `POST {X_API_URL}/2/oauth2/revoke`, form `token, token_type_hint, client_id`; a confidential client
 * (X_CLIENT_SECRET set) also sends `Authorization: Basic base64(client_id:client_secret)`, as at the token
 * endpoint. Answer `{"revoked": true}`.
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 */
export function revokeXToken(
  http: AxiosInstance,
  xApiUrl: string,
  app: { clientId: string; clientSecret?: string },
  token: string,
  tokenTypeHint: 'access_token' | 'refresh_token',
): Promise<CallResult> {
  return revocationCall(
    http,
    {
      label: 'X',
      method: 'POST',
      url: `${xApiUrl}/2/oauth2/revoke`,
      form: { token, token_type_hint: tokenTypeHint, client_id: app.clientId },
      ...(app.clientSecret ? { basicAuth: { username: app.clientId, password: app.clientSecret } } : {}),
    },
    (body) => (body as { revoked?: unknown } | null)?.revoked !== false,
  );
}

/**
 * Mastodon: `POST {instance_url}/oauth/revoke`, form `client_id, client_secret, token` → `{}`. Apps are
 * confidential: without the app's secret the instance answers 403 `unauthorized_client`. `addressGuard`
 * (absent only for an allowlisted private instance) keeps the token off private addresses: a refused
 * host is a failure, and nothing is sent.
 * @see https://docs.joinmastodon.org/methods/oauth/#revoke
 */
export function revokeMastodonToken(
  http: AxiosInstance,
  instanceUrl: string,
  app: { clientId: string; clientSecret: string },
  token: string,
  addressGuard: AddressGuard | undefined,
): Promise<CallResult> {
  return revocationCall(http, {
    label: 'Mastodon',
    method: 'POST',
    url: `${instanceUrl}/oauth/revoke`,
    form: { client_id: app.clientId, client_secret: app.clientSecret, token },
    ...(addressGuard ? { addressGuard } : {}),
  });
}

/**
 * Meta (Facebook Login): `DELETE {META_GRAPH_URL}/{user-id}/permissions` with the user token (as
 * `Authorization: Bearer`) → `{"success": true}`: the user's authorization of the app is withdrawn and
 * every token it issued for that user stops working. `userId` is `extra.meta_user_id`, or `me`.
 * @see https://developers.facebook.com/docs/facebook-login/guides/permissions/request-revoke
 */
export function revokeMetaPermissions(
  http: AxiosInstance,
  metaGraphUrl: string,
  userId: string,
  token: string,
): Promise<CallResult> {
  return revocationCall(
    http,
    {
      label: 'Graph',
      method: 'DELETE',
      url: `${metaGraphUrl}/${encodeURIComponent(userId)}/permissions`,
      bearer: token,
    },
    (body) => (body as { success?: unknown } | null)?.success === true,
  );
}
