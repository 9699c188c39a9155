// The simulated graph.threads.net under /threads: one API version, Graph-shaped errors, Threads' routes.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { THREADS_API_VERSION } from '@socialvault/vault-api';
import type { FaultQueue } from '../faults';
import {
  graphErrorHandler,
  invalidToken,
  nonexistingField,
  serverError,
  unknownPath,
  unsupportedRequest,
  unsupportedVersion,
} from '../graph/errors';
import { graphParams } from '../graph/params';
import { graphTokenOf } from '../graph/token-gate';
import type { RequestLog } from '../request-log';
import { createThreadsContainer, readThreadsContainer } from './containers';
import { threadsThrottled } from './errors';
import { postInsights, userInsights } from './insights';
import { publishThreadsContainer, threadsPublishingLimit } from './publish';
import { postNode, postsEdge, profileNode } from './reads';
import type { SimThreadsAccount, ThreadsSimState } from './state';

/** Where the simulator mounts Threads: THREADS_API_URL=`${sim.url}/threads/v1.0`. */
export const THREADS_SIM_PATH = '/threads';

export interface ThreadsRouteDeps {
  state: ThreadsSimState;
  faults: FaultQueue;
  log: RequestLog;
}

/** Token check, Graph-style (header or `access_token`): none → 104, unknown or revoked → 190, expired → 190/463. */
function authenticate(state: ThreadsSimState): RequestHandler {
  return (req, res, next) => {
    const account = state.accounts.get(graphTokenOf(req, state.tokens).userId);
    if (!account) throw invalidToken();
    res.locals.threadsAccount = account;
    next();
  };
}

/** Injected throttling and server failures, consumed once per authenticated call. */
function applyFaults(faults: FaultQueue): RequestHandler {
  return (_req, _res, next) => {
    const limit = faults.take('threads', 'rate_limit');
    if (limit) throw threadsThrottled(limit.code ?? 4, limit.regainAccessMinutes);
    if (faults.take('threads', 'server_error')) throw serverError();
    next();
  };
}

const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;
const accountOf = (res: Response) => res.locals.threadsAccount as SimThreadsAccount;

/** `me` or the token's own id; any other user id is "does not exist or no permission". */
function ownAccount(req: Request, res: Response, id: string): SimThreadsAccount {
  const account = accountOf(res);
  if (id !== 'me' && id !== account.id) throw unsupportedRequest(req.method, id);
  return account;
}

function versionedRoutes(deps: ThreadsRouteDeps): Router {
  const { state } = deps;
  const router = Router();
  router.use(authenticate(state), applyFaults(deps.faults));

  router.post('/:userId/threads', async (req, res) => {
    const account = ownAccount(req, res, req.params.userId!);
    const container = await createThreadsContainer(deps, account, graphParams(req));
    res.json({ id: container.id });
  });

  router.post('/:userId/threads_publish', (req, res) => {
    const account = ownAccount(req, res, req.params.userId!);
    res.json({ id: publishThreadsContainer(state, account, graphParams(req)).id });
  });

  router.get('/:userId/threads_publishing_limit', (req, res) => {
    res.json(threadsPublishingLimit(state, ownAccount(req, res, req.params.userId!), graphParams(req)));
  });

  router.get('/:userId/threads', (req, res) => {
    const account = ownAccount(req, res, req.params.userId!);
    res.json(postsEdge(state, account, graphParams(req), origin(req), req.baseUrl + req.path));
  });

  router.get('/:userId/threads_insights', (req, res) => {
    res.json(userInsights(state, ownAccount(req, res, req.params.userId!), graphParams(req)));
  });

  router.get('/:id/insights', (req, res) => {
    const account = accountOf(res);
    const post = state.posts.get(req.params.id!);
    if (!post || post.userId !== account.id) throw unsupportedRequest('GET', req.params.id!);
    res.json(postInsights(post, account, graphParams(req)));
  });

  router.get('/:id', (req, res) => {
    const account = accountOf(res);
    const id = req.params.id!;
    const fields = graphParams(req).fields;
    if (id === 'me' || id === account.id) return void res.json(profileNode(account, fields, origin(req)));
    const container = state.containers.get(id);
    if (container && container.userId === account.id)
      return void res.json(readThreadsContainer(state, container, fields));
    const post = state.posts.get(id);
    if (post && post.userId === account.id) return void res.json(postNode(state, post, account, fields));
    throw unsupportedRequest('GET', id);
  });

  router.all('/:id/:edge', (req, res) => {
    const account = accountOf(res);
    const id = req.params.id!;
    const own = id === 'me' || id === account.id;
    if (!own || req.method !== 'GET') throw unsupportedRequest(req.method, id);
    throw nonexistingField(req.params.edge!, 'ThreadsUser');
  });

  router.all('/:id', (req) => {
    throw unsupportedRequest(req.method, req.params.id!);
  });
  return router;
}

/**
 * `/v1.0/…` Threads routes (profile, posts, containers, publishing, quota, insights); other versions and
 * paths answer Graph errors. Bodies may be form or JSON; every call is recorded as `threads`.
 * @see https://developers.facebook.com/docs/threads/reference
 */
export function threadsRouter(deps: ThreadsRouteDeps): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '1mb' }), express.json({ limit: '1mb' }));
  router.use(deps.log.recorder('threads'));
  router.use(`/${THREADS_API_VERSION}`, versionedRoutes(deps));
  router.use((req) => {
    const first = req.path.split('/')[1] ?? '';
    if (/^v\d+(\.\d+)?$/.test(first)) throw unsupportedVersion(first, THREADS_API_VERSION);
    throw unknownPath(req.path);
  });
  router.use(graphErrorHandler);
  return router;
}
