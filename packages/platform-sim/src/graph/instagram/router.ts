// Instagram (Facebook Login) routes of the simulated Graph host, mounted under /v25.0.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { FaultQueue } from '../../faults';
import { nonexistingField, rateLimited, serverError, unsupportedRequest } from '../errors';
import { graphParams } from '../params';
import { graphTokenOf } from '../token-gate';
import { createContainer, readContainer } from './containers';
import { mediaInsights, userInsights } from './insights';
import { publishContainer, publishingLimit } from './publish';
import { mediaEdge, mediaNode, userNode } from './reads';
import type { InstagramSimState, SimInstagramAccount, SimToken } from './state';

export interface InstagramRouteDeps {
  state: InstagramSimState;
  faults: FaultQueue;
}

/**
 * Which of the token's accounts a path is about: the account it names, the owner of the container or
 * media it names, else the token's first account.
 */
function accountIdFor(state: InstagramSimState, token: SimToken, path: string): string | undefined {
  const id = path.split('/')[1] ?? '';
  const owner = state.containers.get(id)?.igUserId ?? state.media.get(id)?.igUserId ?? id;
  return token.igUserIds.includes(owner) ? owner : token.igUserIds[0];
}

/**
 * Token check, Graph-style: none → 104; unknown or revoked → 190; expired → 190/463. The account the
 * token acts for on this path lands in `res.locals.igAccount`.
 */
function authenticate(state: InstagramSimState): RequestHandler {
  return (req, res, next) => {
    const token = graphTokenOf(req, state.tokens);
    const accountId = accountIdFor(state, token, req.path);
    const account = accountId ? state.accounts.get(accountId) : undefined;
    // A Facebook user token without any Instagram business account sees no Instagram node.
    if (!account) throw unsupportedRequest(req.method, req.path.split('/')[1] ?? '');
    res.locals.igAccount = account;
    next();
  };
}

/** Injected throttling and server failures, consumed once per authenticated call. */
function applyFaults(faults: FaultQueue): RequestHandler {
  return (_req, res, next) => {
    const account = res.locals.igAccount as SimInstagramAccount;
    const limit = faults.take('instagram', 'rate_limit');
    if (limit) throw rateLimited(limit.code ?? 4, account.id, limit.regainAccessMinutes);
    if (faults.take('instagram', 'server_error')) throw serverError();
    next();
  };
}

const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;
const accountOf = (res: Response) => res.locals.igAccount as SimInstagramAccount;

/** The token's own account when the path names it; any other id is "does not exist or no permission". */
function ownAccount(req: Request, res: Response, id: string): SimInstagramAccount {
  const account = accountOf(res);
  if (id !== account.id) throw unsupportedRequest(req.method, id);
  return account;
}

export function instagramGraphRouter(deps: InstagramRouteDeps): Router {
  const { state } = deps;
  const router = Router();
  router.use(authenticate(state), applyFaults(deps.faults));

  router.post('/:igUserId/media', async (req, res) => {
    const account = ownAccount(req, res, req.params.igUserId!);
    const container = await createContainer(deps, account, graphParams(req));
    res.json({ id: container.id });
  });

  router.post('/:igUserId/media_publish', (req, res) => {
    const account = ownAccount(req, res, req.params.igUserId!);
    res.json({ id: publishContainer(state, account, graphParams(req)).id });
  });

  router.get('/:igUserId/content_publishing_limit', (req, res) => {
    res.json(publishingLimit(state, ownAccount(req, res, req.params.igUserId!), graphParams(req)));
  });

  router.get('/:igUserId/media', (req, res) => {
    const account = ownAccount(req, res, req.params.igUserId!);
    res.json(mediaEdge(state, account, graphParams(req), origin(req), req.baseUrl + req.path));
  });

  router.get('/:id/insights', (req, res) => {
    const account = accountOf(res);
    const id = req.params.id!;
    if (id === account.id) return void res.json(userInsights(state, account, graphParams(req)));
    const media = state.media.get(id);
    if (!media || media.igUserId !== account.id) throw unsupportedRequest('GET', id);
    res.json(mediaInsights(account, media, graphParams(req)));
  });

  router.get('/:id', (req, res) => {
    const account = accountOf(res);
    const id = req.params.id!;
    const fields = graphParams(req).fields;
    if (id === account.id) return void res.json(userNode(state, account, fields, origin(req)));
    const container = state.containers.get(id);
    if (container && container.igUserId === account.id)
      return void res.json(readContainer(state, container, fields));
    const media = state.media.get(id);
    if (media && media.igUserId === account.id)
      return void res.json(mediaNode(media, account, fields, origin(req)));
    throw unsupportedRequest('GET', id);
  });

  // Anything else on a visible node is an edge it does not have; on other ids, an unsupported request.
  router.all('/:id/:edge', (req, res) => {
    const account = accountOf(res);
    const id = req.params.id!;
    const visible =
      id === account.id ||
      state.containers.get(id)?.igUserId === account.id ||
      state.media.get(id)?.igUserId === account.id;
    if (!visible || req.method !== 'GET') throw unsupportedRequest(req.method, id);
    const nodeType =
      id === account.id ? 'ShadowIGUser' : state.media.has(id) ? 'ShadowIGMedia' : 'ShadowIGMediaBuilder';
    throw nonexistingField(req.params.edge!, nodeType);
  });

  router.all('/:id', (req) => {
    throw unsupportedRequest(req.method, req.params.id!);
  });

  return router;
}
