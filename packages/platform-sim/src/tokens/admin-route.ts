// The admin action every simulated platform offers on one token: `POST /_sim/<platform>/tokens/expire` (LinkedIn also `/revoke`).
import type { RequestHandler } from 'express';
import { z } from 'zod';

const TokenActionSchema = z.object({ access_token: z.string().min(1) });

/**
 * Handles `{access_token}`: applies `action` (e.g. expire it) and answers 200 `{<done>: true}`, or 404
 * `{error: "unknown access_token"}` when `action` returns false. A bad body throws a ZodError (400
 * through the admin error handler).
 */
export function tokenActionRoute(
  action: (accessToken: string) => boolean,
  done: 'expired' | 'revoked',
): RequestHandler {
  return (req, res) => {
    const { access_token } = TokenActionSchema.parse(req.body);
    if (!action(access_token)) return void res.status(404).json({ error: 'unknown access_token' });
    res.json({ [done]: true });
  };
}
