// One provider's authorize endpoint: GET validates and shows the consent page, POST answers it with a 302.
// @see https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.1 (request) and §4.1.2.1 (error response)
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AuthorizationRequest } from '../codes';
import type { OAuthSimState } from '../state';
import { consentPage, errorPage, type ConsentUser } from './page';
import type { AuthorizeRules } from './providers';

/** What the authorize endpoint needs to know about a registered app. */
export interface ConnectApp {
  name: string;
  redirectUris: readonly string[];
  /** Mastodon: the scopes the app registered; requests may ask for these only. */
  scopes?: readonly string[];
}

/** Binds the generic endpoint to one provider's apps and simulated users. */
export interface AuthorizeAdapter {
  rules: AuthorizeRules;
  /** The Mastodon instance of the request ('' elsewhere); undefined when it does not exist. */
  realmOf(req: Request): string | undefined;
  app(realm: string, clientId: string): ConnectApp | undefined;
  /** Who one may sign in as; `hint` tells the tester how to register one. */
  users(realm: string): ConsentUser[];
  registerHint: string;
}

/** A refusal shown as a page: the client or redirect URI cannot be trusted with a redirect. */
class PageRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
  ) {
    super(error);
  }
}

/** A refusal sent back to the (verified) redirect URI as `error=…&error_description=…&state=…`. */
class RedirectRefusal extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

function param(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new RedirectRefusal('invalid_request', `${name} must be given once`);
  return value;
}

/** Validates an authorize request in RFC 6749 order: client and redirect URI (pages), then the rest (redirects). */
function validate(adapter: AuthorizeAdapter, realm: string, query: Record<string, unknown>) {
  const { rules } = adapter;
  const clientId = typeof query.client_id === 'string' ? query.client_id : undefined;
  if (!clientId) throw new PageRefusal(400, 'invalid_request: client_id is missing');
  const app = adapter.app(realm, clientId);
  if (!app) throw new PageRefusal(400, `invalid_client: no ${rules.title} app has client_id ${clientId}`);
  const redirectUri = typeof query.redirect_uri === 'string' ? query.redirect_uri : undefined;
  if (!redirectUri) throw new PageRefusal(400, 'invalid_request: redirect_uri is missing');
  if (!app.redirectUris.includes(redirectUri)) {
    throw new PageRefusal(
      400,
      `invalid_request: redirect_uri ${redirectUri} is not registered for ${app.name} (exact match; registered: ${app.redirectUris.join(', ') || 'none'})`,
    );
  }
  return { clientId, app, redirectUri };
}

function validateRest(
  adapter: AuthorizeAdapter,
  app: ConnectApp,
  query: Record<string, unknown>,
): Pick<AuthorizationRequest, 'scopes' | 'state' | 'codeChallenge' | 'codeChallengeMethod'> {
  const { rules } = adapter;
  const responseType = param(query, 'response_type');
  if (!responseType) throw new RedirectRefusal('invalid_request', 'response_type is missing (use code)');
  if (responseType !== 'code') {
    throw new RedirectRefusal(
      'unsupported_response_type',
      `response_type ${responseType} is not supported (use code)`,
    );
  }
  const state = param(query, 'state');
  if (!state) throw new RedirectRefusal('invalid_request', 'state is missing');
  const scopeParam = param(query, 'scope') ?? '';
  const requested = scopeParam.split(rules.scopeSeparator).filter(Boolean);
  if (requested.length === 0 && rules.scopeRequired)
    throw new RedirectRefusal('invalid_request', 'scope is missing');
  const scopes = requested.length > 0 ? [...new Set(requested)] : [...rules.defaultScopes];
  const unknown = scopes.filter((s) => !rules.knownScopes.includes(s));
  if (unknown.length > 0) throw new RedirectRefusal('invalid_scope', `unknown scope: ${unknown.join(' ')}`);
  const outside = app.scopes ? scopes.filter((s) => !app.scopes!.includes(s)) : [];
  if (outside.length > 0) {
    throw new RedirectRefusal('invalid_scope', `scope not registered for this app: ${outside.join(' ')}`);
  }
  const codeChallenge = param(query, 'code_challenge');
  const method = param(query, 'code_challenge_method');
  if (!codeChallenge) {
    if (rules.pkce === 'required')
      throw new RedirectRefusal('invalid_request', 'code_challenge is missing (PKCE is required)');
    return { scopes, state };
  }
  if (!CHALLENGE.test(codeChallenge)) {
    throw new RedirectRefusal(
      'invalid_request',
      'code_challenge must be 43-128 characters of [A-Za-z0-9-._~]',
    );
  }
  if (
    rules.pkce === 'required'
      ? method !== 'S256'
      : method !== undefined && method !== 'S256' && method !== 'plain'
  ) {
    throw new RedirectRefusal('invalid_request', 'code_challenge_method must be S256');
  }
  return { scopes, state, codeChallenge, codeChallengeMethod: (method ?? 'plain') as 'S256' | 'plain' };
}

/** `redirectUri` with `params` added (and Instagram's `#_` after the code). */
function redirectTo(redirectUri: string, params: Record<string, string | undefined>, fragment = ''): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  return url.toString() + fragment;
}

const sendPage = (res: Response, status: number, body: string) =>
  res.status(status).set('Cache-Control', 'no-store').type('html').send(body);

/**
 * GET and POST of one authorize path. GET: unknown client or unregistered redirect_uri → 400 page; other
 * faults → 302 to the redirect URI with `error`; valid → 200 consent page. POST (`request_id`, `sim_user`,
 * `decision`): authorize → 302 `code` + `state`; cancel → 302 `error=access_denied`. Both are recorded
 * in the OAuth call log (steps `authorize`, `consent`).
 */
export function authorizeEndpoint(state: OAuthSimState, adapter: AuthorizeAdapter): Router {
  const { rules } = adapter;
  const router = Router({ mergeParams: true });
  const track =
    (step: 'authorize' | 'consent'): RequestHandler =>
    (req, res, next) => {
      const done = state.log.track({
        endpoint: rules.provider,
        step,
        method: req.method,
        path: req.originalUrl.split('?')[0]!,
        query: { ...(req.query as Record<string, unknown>) },
        form: req.body && typeof req.body === 'object' ? { ...(req.body as Record<string, unknown>) } : {},
        ...(req.get('content-type') ? { contentType: req.get('content-type') } : {}),
      });
      res.on('close', () => done(res.statusCode, res.statusCode >= 400 || res.locals.oauthRefused === true));
      next();
    };
  const pageError = (res: Response, status: number, message: string) => {
    const [error, ...rest] = message.split(': ');
    sendPage(res, status, errorPage(rules.title, error!, rest.join(': ')));
  };

  router.get('/', track('authorize'), (req, res) => {
    const realm = adapter.realmOf(req);
    if (realm === undefined) return pageError(res, 404, 'not_found: no such instance');
    const query = req.query as Record<string, unknown>;
    let verified: ReturnType<typeof validate>;
    try {
      verified = validate(adapter, realm, query);
    } catch (error) {
      if (error instanceof PageRefusal) return pageError(res, error.status, error.message);
      throw error;
    }
    try {
      const rest = validateRest(adapter, verified.app, query);
      const users = adapter.users(realm);
      if (users.length === 0)
        return pageError(res, 409, `no_sim_user: nobody to sign in as; ${adapter.registerHint}`);
      const wanted = typeof query.sim_user === 'string' ? query.sim_user : undefined;
      if (wanted && !users.some((u) => u.ref === wanted)) {
        return pageError(res, 400, `unknown_sim_user: ${wanted} is not a simulated ${rules.title} user here`);
      }
      const request: AuthorizationRequest = {
        provider: rules.provider,
        realm,
        clientId: verified.clientId,
        redirectUri: verified.redirectUri,
        ...rest,
      };
      sendPage(
        res,
        200,
        consentPage({
          providerTitle: rules.title,
          appName: verified.app.name,
          clientId: verified.clientId,
          scopes: rest.scopes,
          redirectUri: verified.redirectUri,
          action: req.baseUrl + req.path.replace(/\/$/, ''),
          requestId: state.codes.openConsent(request),
          users,
          selectedUser: wanted ?? users[0]!.ref,
        }),
      );
    } catch (error) {
      if (!(error instanceof RedirectRefusal)) throw error;
      res.locals.oauthRefused = true;
      const stateParam = typeof query.state === 'string' ? { state: query.state } : {};
      res.redirect(
        302,
        redirectTo(verified.redirectUri, {
          error: error.error,
          error_description: error.description,
          ...stateParam,
        }),
      );
    }
  });

  router.post('/', express.urlencoded({ extended: false, limit: '16kb' }), track('consent'), (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const request =
      typeof form.request_id === 'string' ? state.codes.takeConsent(form.request_id) : undefined;
    if (!request) {
      return pageError(
        res,
        400,
        'invalid_request: this consent page expired or was already answered; start the connection again',
      );
    }
    if (form.decision === 'cancel') {
      res.locals.oauthRefused = true;
      const denial = rules.metaDenial ? { error_reason: 'user_denied' } : {};
      return res.redirect(
        302,
        redirectTo(request.redirectUri, {
          error: 'access_denied',
          ...denial,
          error_description: 'The user denied your request.',
          state: request.state,
        }),
      );
    }
    if (form.decision !== 'authorize')
      return pageError(res, 400, 'invalid_request: decision must be authorize or cancel');
    const userRef = typeof form.sim_user === 'string' ? form.sim_user : '';
    if (!adapter.users(request.realm).some((u) => u.ref === userRef)) {
      return pageError(
        res,
        400,
        `unknown_sim_user: ${userRef || '(none)'} is not a simulated ${rules.title} user here`,
      );
    }
    const code = state.codes.issue(request, userRef);
    res.redirect(
      302,
      redirectTo(request.redirectUri, { code: code.code, state: request.state }, rules.codeSuffix),
    );
  });
  return router;
}
