// The browser session: a random id in a signed HttpOnly cookie; states and page picks are bound to its hash.
import crypto from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';

/** Cookie holding the session id (signed by cookie-parser with the session secret). */
export const SESSION_COOKIE = 'svb_session';
const SESSION_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Cookie options of every broker cookie: HttpOnly, SameSite=Lax, Secure when the public URL is https. */
export function cookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', signed: true, maxAge: SESSION_MAX_AGE_MS };
}

/** The session id from the signed cookie, or undefined when absent or its signature is wrong. */
export function currentSession(req: Request): string | undefined {
  const value = (req.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The current session id, creating one (and its cookie) when the browser has none. */
export function ensureSession(req: Request, res: Response, secure: boolean): string {
  return currentSession(req) ?? startNewSession(req, res, secure);
}

/** A new random session id (32 bytes, base64url) in a new cookie, replacing whatever the browser had. */
export function startNewSession(req: Request, res: Response, secure: boolean): string {
  const sessionId = crypto.randomBytes(32).toString('base64url');
  res.cookie(SESSION_COOKIE, sessionId, cookieOptions(secure));
  // Later middleware of this request (CSRF tokens) must see the session just made.
  (req.signedCookies as Record<string, string>)[SESSION_COOKIE] = sessionId;
  return sessionId;
}

/** SHA-256 of a session id: what the database stores. */
export function sessionHash(sessionId: string): Buffer {
  return crypto.createHash('sha256').update(sessionId).digest();
}

/** Constant-time equality of two hashes (false when lengths differ). */
export function hashesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
