// /_sim/threads admin routes: register profiles and tokens, expire tokens, inspect a profile.
import { Router } from 'express';
import { tokenActionRoute } from '../tokens/admin-route';
import type { SimThreadsAccount, ThreadsAccountInput, ThreadsSimState } from './state';

/**
 * - `POST /_sim/threads/accounts` `{access_token, threads_user_id, username, followers_count?, token_expires_at?, posts_quota_total?}` → 201
 * - `POST /_sim/threads/tokens/expire` `{access_token}` → 200 (the token answers 190/463 afterwards)
 * - `GET /_sim/threads/accounts/:id` → the profile, its posts and containers
 * `actions.register`/`actions.expire` default to the Threads state alone; the simulator passes SimState's, which also tells the OAuth simulator.
 */
export function threadsAdminRouter(
  state: ThreadsSimState,
  actions: {
    register?: (input: ThreadsAccountInput) => SimThreadsAccount;
    expire?: (accessToken: string) => boolean;
  } = {},
): Router {
  const register = actions.register ?? ((input: ThreadsAccountInput) => state.registerAccount(input));
  const expire = actions.expire ?? ((accessToken: string) => state.tokens.expire(accessToken));
  const router = Router();
  router.post('/accounts', (req, res) => {
    const account = register(req.body);
    res.status(201).json({ threads_user_id: account.id, username: account.username });
  });
  router.post('/tokens/expire', tokenActionRoute(expire, 'expired'));
  router.get('/accounts/:id', (req, res) => {
    const account = state.accounts.get(req.params.id);
    if (!account) return void res.status(404).json({ error: 'unknown threads_user_id' });
    res.json({
      account,
      posts: state.postsOf(account.id),
      containers: [...state.containers.values()].filter((c) => c.userId === account.id),
    });
  });
  return router;
}
