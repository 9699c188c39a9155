// CSRF protection of every form POST: csrf-csrf's double-submit cookie, tied to the browser session id.
import { doubleCsrf } from 'csrf-csrf';
import type { Request } from 'express';
import { currentSession } from './session';

/** Token maker and checking middleware for one broker instance. */
export function createCsrf(options: { secret: string; secure: boolean }) {
  return doubleCsrf({
    getSecret: () => options.secret,
    // A token is valid only with the session cookie it was made for.
    getSessionIdentifier: (req: Request) => currentSession(req) ?? '',
    cookieName: options.secure ? '__Host-svb_csrf' : 'svb_csrf',
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' },
    getCsrfTokenFromRequest: (req: Request) => {
      const token = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === 'string' ? token : undefined;
    },
  });
}

export type BrokerCsrf = ReturnType<typeof createCsrf>;
