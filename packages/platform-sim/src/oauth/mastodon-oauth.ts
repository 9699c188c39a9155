// A simulated Mastodon instance's OAuth side: app registration, server metadata and the authorization_code token grant.
// @see https://docs.joinmastodon.org/methods/apps/ and https://docs.joinmastodon.org/methods/oauth/
import crypto from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { MastodonError, mastodonErrorHandler } from '../mastodon/errors';
import type { SimMastodonInstance } from '../mastodon/instance';
import { MASTODON_SIM_PATH } from '../mastodon/state';
import type { SimState } from '../state';
import { MASTODON_SCOPES } from './authorize/providers';
import { OAuth2Error } from './errors';
import { redeemCode } from './exchange-common';
import { singleParam, tokenEndpoint } from './token-call';

/** Doorkeeper's wording (verified in Mastodon answers). */
const invalidClient = () =>
  new OAuth2Error(
    401,
    'invalid_client',
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  );
const invalidGrant = () =>
  new OAuth2Error(
    400,
    'invalid_grant',
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  );

const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s]+/) : [])
    .map(String)
    .filter(Boolean);

function instanceOf(sim: SimState, req: Request): SimMastodonInstance {
  const instance = sim.mastodon.instances.get(req.params.instance as string);
  if (!instance) throw new MastodonError(404, 'Record not found');
  return instance;
}

/** Validates and stores an app; 422 "Validation failed: …" as Mastodon answers. */
function registerApp(instance: SimMastodonInstance, body: Record<string, unknown>) {
  const name = typeof body.client_name === 'string' ? body.client_name.trim() : '';
  if (!name) throw new MastodonError(422, "Validation failed: Application name can't be blank");
  const redirectUris = listOf(body.redirect_uris);
  if (redirectUris.length === 0)
    throw new MastodonError(422, "Validation failed: Redirect URI can't be blank");
  for (const uri of redirectUris) {
    if (uri === 'urn:ietf:wg:oauth:2.0:oob') continue;
    let url: URL | undefined;
    try {
      url = new URL(uri);
    } catch {
      url = undefined;
    }
    if (!url || url.hash)
      throw new MastodonError(422, 'Validation failed: Redirect URI must be an absolute URI.');
  }
  const scopes = body.scopes === undefined ? ['read'] : listOf(body.scopes);
  if (scopes.some((scope) => !MASTODON_SCOPES.includes(scope))) {
    throw new MastodonError(422, "Validation failed: Scopes doesn't match configured on the server.");
  }
  const app = {
    id: instance.nextId(),
    clientId: crypto.randomBytes(32).toString('base64url'),
    clientSecret: crypto.randomBytes(32).toString('base64url'),
    name,
    website: typeof body.website === 'string' && body.website ? body.website : null,
    redirectUris,
    scopes,
  };
  instance.apps.set(app.clientId, app);
  return app;
}

/** The client of a token request: `client_secret_post` (form) or `client_secret_basic`. */
function clientOf(instance: SimMastodonInstance, req: Request, form: Record<string, unknown>) {
  const basic = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const [basicId, basicSecret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
  const clientId = basicId ? decodeURIComponent(basicId) : singleParam(form, 'client_id');
  const secret =
    basicSecret !== undefined ? decodeURIComponent(basicSecret) : singleParam(form, 'client_secret');
  const app = clientId ? instance.apps.get(clientId) : undefined;
  if (!app || !secret || app.clientSecret !== secret) throw invalidClient();
  return app;
}

/**
 * Under `/mastodon/:instance`: `POST /api/v1/apps` (form or JSON `client_name, redirect_uris, scopes,
 * website`) → `{id, name, website, scopes, redirect_uri, redirect_uris, client_id, client_secret,
 * client_secret_expires_at, vapid_key}`; `GET /.well-known/oauth-authorization-server`; `POST
 * /oauth/token` (`grant_type=authorization_code, code, client_id, client_secret, redirect_uri,
 * code_verifier`) → `{access_token, token_type: "Bearer", scope, created_at}` (no expiry, no refresh
 * token). The token works at once on that instance's API for the consenting account.
 */
export function mastodonOAuthRouter(sim: SimState): Router {
  const router = Router({ mergeParams: true });
  const body = [express.json({ limit: '64kb' }), express.urlencoded({ extended: true, limit: '64kb' })];

  router.post('/api/v1/apps', ...body, (req: Request, res: Response) => {
    const done = sim.oauth.log.track({
      endpoint: 'mastodon',
      step: 'register_app',
      method: req.method,
      path: req.originalUrl.split('?')[0]!,
      query: {},
      form: { ...(req.body as Record<string, unknown>) },
      ...(req.get('content-type') ? { contentType: req.get('content-type') } : {}),
    });
    res.on('close', () => done(res.statusCode));
    const app = registerApp(instanceOf(sim, req), (req.body ?? {}) as Record<string, unknown>);
    res.json({
      id: app.id,
      name: app.name,
      website: app.website,
      scopes: app.scopes,
      redirect_uri: app.redirectUris.join('\n'),
      redirect_uris: app.redirectUris,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      client_secret_expires_at: 0,
      vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
    });
  });

  router.get('/.well-known/oauth-authorization-server', (req: Request, res: Response) => {
    const instance = instanceOf(sim, req);
    const base = `${req.protocol}://${req.get('host')}${MASTODON_SIM_PATH}/${instance.name}`;
    res.json({
      issuer: `${base}/`,
      service_documentation: 'https://docs.joinmastodon.org/',
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      revocation_endpoint: `${base}/oauth/revoke`,
      app_registration_endpoint: `${base}/api/v1/apps`,
      scopes_supported: MASTODON_SCOPES,
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  router.post(
    '/oauth/token',
    ...body,
    tokenEndpoint(sim.oauth, 'mastodon', (req) => {
      const form = (req.body ?? {}) as Record<string, unknown>;
      const instance = sim.mastodon.instances.get(req.params.instance as string);
      if (!instance) throw invalidClient();
      const grantType = singleParam(form, 'grant_type');
      if (grantType !== 'authorization_code') {
        throw new OAuth2Error(
          400,
          'unsupported_grant_type',
          'The authorization grant type is not supported by the authorization server.',
        );
      }
      const app = clientOf(instance, req, form);
      const code = redeemCode(
        sim,
        singleParam(form, 'code') ?? '',
        {
          provider: 'mastodon',
          realm: instance.name,
          clientId: app.clientId,
          redirectUri: singleParam(form, 'redirect_uri'),
          codeVerifier: singleParam(form, 'code_verifier'),
        },
        invalidGrant,
      );
      return () => {
        const accessToken = crypto.randomBytes(32).toString('base64url');
        instance.tokens.issue(accessToken, {
          accountId: code.userRef,
          scopes: code.scopes,
          clientId: app.clientId,
        });
        code.issuedTokens.push(accessToken);
        return {
          access_token: accessToken,
          token_type: 'Bearer',
          scope: code.scopes.join(' '),
          created_at: Math.floor(Date.now() / 1000),
        };
      };
    }),
  );

  router.use(mastodonErrorHandler);
  return router;
}
