// /_sim/x admin routes: register users and tokens, expire tokens, inspect a user, set rate limits.
import { Router } from 'express';
import { tokenActionRoute } from '../tokens/admin-route';
import type { SimXUser, XSimState, XUserInput } from './state';

/**
 * - `POST /_sim/x/users` `{access_token, user_id, username, name, followers_count?, scopes?, token_expires_at?}` → 201
 * - `POST /_sim/x/tokens/expire` `{access_token}` → 200 (the token answers 401 afterwards)
 * - `GET /_sim/x/users/:id` → the user, its posts and uploaded media
 * `actions.register`/`actions.expire` default to the X state alone; the simulator passes SimState's, which also tells the OAuth simulator.
 * - `POST /_sim/x/rate-limit` `{endpoint?, limit, window_s?}` → 204 (counters restart); `DELETE` → defaults
 */
export function xAdminRouter(
  state: XSimState,
  actions: {
    register?: (input: XUserInput) => SimXUser;
    expire?: (accessToken: string) => boolean;
  } = {},
): Router {
  const register = actions.register ?? ((input: XUserInput) => state.registerUser(input));
  const expire = actions.expire ?? ((accessToken: string) => state.tokens.expire(accessToken));
  const router = Router();
  router.post('/users', (req, res) => {
    const user = register(req.body);
    res.status(201).json({ user_id: user.id, username: user.username });
  });
  router.post('/tokens/expire', tokenActionRoute(expire, 'expired'));
  router.get('/users/:id', (req, res) => {
    const user = state.users.get(req.params.id);
    if (!user) return void res.status(404).json({ error: 'unknown user_id' });
    res.json({
      user,
      posts: state.postsOf(user.id),
      media: [...state.media.values()].filter((m) => m.userId === user.id),
    });
  });
  router.post('/rate-limit', (req, res) => {
    state.rateLimits.configure(req.body);
    res.status(204).end();
  });
  router.delete('/rate-limit', (_req, res) => {
    state.rateLimits.reset();
    res.status(204).end();
  });
  return router;
}
