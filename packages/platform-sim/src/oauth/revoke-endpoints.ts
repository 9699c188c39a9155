// The simulated revocation endpoints: X `POST /2/oauth2/revoke`, Mastodon `POST /oauth/revoke`, Graph `DELETE /{user-id}/permissions`.
import express, { Router, type Request } from 'express';
import { META_GRAPH_VERSION } from '@socialvault/vault-api';
import { unsupportedRequest } from '../graph/errors';
import { graphTokenOf } from '../graph/token-gate';
import type { SimState } from '../state';
import { mastodonRevokeRefused, OAuth2Error, xInvalidToken } from './errors';
import { xClientOf, basicCredentials, formOf, xMissing } from './refresh-grant-endpoints';
import { singleParam, tokenEndpoint, type TokenHandler } from './token-call';

/** Revocation paths below the simulator origin (X under X_API_URL, Mastodon under an instance URL, Graph under META_GRAPH_URL). */
export const REVOCATION_PATHS = {
  x: '/x/2/oauth2/revoke',
  mastodon: '/mastodon/:instance/oauth/revoke',
  metaPermissions: `/${META_GRAPH_VERSION}/:userId/permissions`,
} as const;

const TOKEN_TYPE_HINTS = new Set(['access_token', 'refresh_token']);

/**
 * X: `POST /2/oauth2/revoke`, form `token, token_type_hint?, client_id`; confidential clients authenticate
 * with `Authorization: Basic` (as at the token endpoint). Revoking either token of a grant ends the whole
 * grant: its refresh token stops refreshing and its access tokens answer 401 on the X API. An unknown
 * token is a 200 (RFC 7009 §2.2); a token issued to another client is refused.
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 */
function xRevoke(state: SimState): TokenHandler {
  return (req) => {
    const form = formOf(req);
    const clientId = xClientOf(state.oauth, req, form);
    const token = singleParam(form, 'token');
    if (!token) throw xMissing('token');
    const hint = singleParam(form, 'token_type_hint');
    if (hint !== undefined && !TOKEN_TYPE_HINTS.has(hint)) {
      throw new OAuth2Error(400, 'unsupported_token_type', `token_type_hint ${hint} is not supported`);
    }
    const grant = state.oauth.grantHolding('x', token);
    if (grant?.clientId !== undefined && grant.clientId !== clientId) throw xInvalidToken();
    return () => {
      const accessTokens = grant
        ? [grant.accessToken, ...grant.previousAccessTokens.map((p) => p.token)]
        : [token];
      if (grant) grant.revoked = true;
      for (const accessToken of accessTokens) state.x.tokens.revoke(accessToken);
      return { revoked: true };
    };
  };
}

/** Doorkeeper's client authentication: `client_id` + `client_secret` in the body, or HTTP Basic. */
function mastodonClientOf(
  req: Request,
  body: Record<string, unknown>,
): { id: string; secret: string } | undefined {
  const basic = basicCredentials(req);
  if (basic) return { id: basic.clientId, secret: basic.clientSecret };
  const id = singleParam(body, 'client_id');
  const secret = singleParam(body, 'client_secret');
  return id && secret ? { id, secret } : undefined;
}

/**
 * Mastodon: `POST {instance}/oauth/revoke`, form or JSON `client_id, client_secret, token` → 200 `{}`.
 * Apps are confidential, so a missing or wrong client, a missing token or a token issued to another app
 * is 403 `unauthorized_client`; an unknown token is a 200 `{}` (RFC 7009). The token then answers 401
 * "The access token was revoked".
 * @see https://docs.joinmastodon.org/methods/oauth/#revoke
 */
function mastodonRevoke(state: SimState): TokenHandler {
  return (req) => {
    const instance = state.mastodon.instances.get(String(req.params.instance));
    if (!instance) {
      throw new OAuth2Error(
        404,
        'not_found',
        `No simulated Mastodon instance is named ${req.params.instance}`,
      );
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const client = mastodonClientOf(req, body);
    const app = client ? instance.apps.get(client.id) : undefined;
    if (!client || !app || app.clientSecret !== client.secret) throw mastodonRevokeRefused();
    const token = singleParam(body, 'token');
    if (!token) throw mastodonRevokeRefused();
    const entry = instance.tokens.get(token);
    if (entry?.clientId !== undefined && entry.clientId !== app.clientId) throw mastodonRevokeRefused();
    return () => {
      if (entry) entry.revoked = true;
      return {};
    };
  };
}

/**
 * Graph: `DELETE /{user-id}/permissions` with the user token (`me` or the token's own Facebook user)
 * → `{success: true}`: the user withdraws the app, and every token of that user answers code 190 from
 * then on (its `fb_exchange_token` grant is revoked too).
 * @see https://developers.facebook.com/docs/facebook-login/guides/permissions/request-revoke
 */
function metaPermissionsDelete(state: SimState): TokenHandler {
  return (req) => {
    const token = graphTokenOf(req, state.instagram.tokens);
    const userId = String(req.params.userId);
    if (userId !== 'me' && userId !== token.metaUserId) throw unsupportedRequest(req.method, userId);
    return () => {
      for (const removed of state.instagram.deauthorize(token)) {
        const grant = state.oauth.grantHolding('facebook', removed);
        if (grant) grant.revoked = true;
      }
      return { success: true };
    };
  };
}

/**
 * The revocation endpoints, recorded in `state.oauth` (`calls('x_revoke' | 'mastodon_revoke' |
 * 'meta_permissions')`) and faulted through its queue like the token endpoints. Mount before the
 * platform routers so these exact paths are answered here.
 */
export function revocationRouter(state: SimState): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const json = express.json({ limit: '64kb' });
  router.post(REVOCATION_PATHS.x, form, tokenEndpoint(state.oauth, 'x_revoke', xRevoke(state)));
  router.post(
    REVOCATION_PATHS.mastodon,
    form,
    json,
    tokenEndpoint(state.oauth, 'mastodon_revoke', mastodonRevoke(state)),
  );
  router.delete(
    REVOCATION_PATHS.metaPermissions,
    form,
    tokenEndpoint(state.oauth, 'meta_permissions', metaPermissionsDelete(state)),
  );
  return router;
}
