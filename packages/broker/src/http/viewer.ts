// Who is looking at the Connections page: loading the viewer, requiring one, signing in, and the page links.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { saveViewer, viewerOf, type Viewer } from '../db/viewers';
import type { BrokerDeps } from './deps';
import { PageError } from './pages';
import { currentSession, startNewSession } from './session';
import { checkStartLink, signStartLink, type StartLinkProblem } from './start-links';

/** The facts' "platform" of a Connections page link: no connect route has this name, so the signatures never mix. */
const PAGE_LINK_SCOPE = 'connections-page';
/** Lifetime of the page links the operator copies. */
const PAGE_LINK_LIFETIME_S = 7 * 24 * 3600;

/** The viewer of this request (set by loadViewer), or undefined. */
export function viewerOfRequest(res: Response): Viewer | undefined {
  return res.locals.viewer as Viewer | undefined;
}

/** Middleware: reads the session's viewer into `res.locals.viewer` (not for the admin API and health). */
export function loadViewer(deps: BrokerDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.path.startsWith('/admin') || req.path === '/health') return next();
    res.locals.viewer = await viewerOf(deps.pool, currentSession(req));
    next();
  };
}

/** A path the sign-in may send the browser back to: same-origin absolute paths only (no `//host`, no `/\host`). */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[\x21-\x7E]*$/.test(value)) return '/';
  return value;
}

/** Middleware for pages that need a viewer: without one, 303 to the sign-in page that comes back here. */
export function requireViewer(req: Request, res: Response, next: NextFunction): void {
  if (viewerOfRequest(res)) return next();
  res.redirect(303, `/signin?next=${encodeURIComponent(safeNextPath(req.originalUrl))}`);
}

/** Middleware for operator-only pages: 403 page for a client viewer, sign-in for nobody. */
export function requireOperator(req: Request, res: Response, next: NextFunction): void {
  const viewer = viewerOfRequest(res);
  if (!viewer) return requireViewer(req, res, next);
  if (viewer.role === 'operator') return next();
  throw new PageError(403, {
    code: 'operator_only',
    title: 'Operators only',
    message: 'This page is for the broker operator; your link shows your own accounts only.',
    hint: 'Go back to the Connections page.',
    retryUrl: '/',
  });
}

/**
 * Starts a new browser session (new id, new cookie) bound to `viewer`. The id changes at every sign-in so
 * that a session id known before it (planted cookie) never carries the signed-in viewer.
 */
export async function signInAs(deps: BrokerDeps, req: Request, res: Response, viewer: Viewer): Promise<void> {
  await saveViewer(deps.pool, startNewSession(req, res, deps.secureCookies), viewer);
}

/**
 * Constant-time check (SHA-256 digests) of a given admin token against BROKER_ADMIN_TOKEN: the sign-in form's
 * field and the admin API's bearer. False when BROKER_ADMIN_TOKEN is unset or nothing was given.
 */
export function adminTokenMatches(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string' || given === '') return false;
  const digest = (text: string) => crypto.createHash('sha256').update(text).digest();
  return crypto.timingSafeEqual(digest(expected), digest(given.trim()));
}

/** The signed link that opens the Connections page as `clientId` (valid PAGE_LINK_LIFETIME_S). */
export function signPageLink(deps: BrokerDeps, clientId: string): { url: string; expiresAt: string } {
  const expiresAtS = Math.floor(Date.now() / 1000) + PAGE_LINK_LIFETIME_S;
  const signed = new URL(
    signStartLink(deps.config.publicUrl, deps.config.startLinkKey, {
      clientId,
      platform: PAGE_LINK_SCOPE,
      expiresAtS,
    }),
  );
  signed.pathname = '/open';
  return { url: signed.toString(), expiresAt: new Date(expiresAtS * 1000).toISOString() };
}

/** Checks the `client_id`, `exp`, `sig` of a page link; undefined when valid. */
export function checkPageLink(deps: BrokerDeps, query: Request['query']): StartLinkProblem | undefined {
  if (typeof query.client_id !== 'string') return 'unsigned';
  return checkStartLink(
    deps.config.startLinkKey,
    { clientId: query.client_id, platform: PAGE_LINK_SCOPE },
    { exp: query.exp, sig: query.sig },
  );
}
