// Service routes on the internal listener: GET /api/credentials (metadata) and GET /api/credentials/token.
import { Router, type Express, type RequestHandler, type Response } from 'express';
import type { ServiceIdentity } from '../service-identities';
import type { TokenService } from '../credentials/token-service';
import type { VaultMetrics } from '../metrics';
import { requireServiceIdentity } from './auth';
import { auditAs } from './error-middleware';
import { countTokenFetches } from './token-fetch-metrics';

export interface InternalRouteDeps {
  tokens: TokenService;
  serviceIdentities: ServiceIdentity[];
}

/**
 * `GET /api/credentials?platform=&limit=&cursor=` each optional → `{credentials: [metadata…], next_cursor}`
 * for the identity's platforms (one page with limit or cursor, else all); never a token.
 */
export function internalRouter(deps: InternalRouteDeps): Router {
  const router = Router();
  router.get(
    '/api/credentials',
    auditAs('credential.list'),
    requireServiceIdentity(deps.serviceIdentities),
    async (req, res) => {
      const identity = res.locals.identity as ServiceIdentity;
      res.json(await deps.tokens.listMetadata(identity, req.query));
    },
  );
  return router;
}

/**
 * `GET /api/credentials/token?platform=&account_id=` → the decrypted token, ids, expiry and the flat Meta
 * fields for Instagram; counted in `vault_token_fetches_total`. Registered on the app itself, ahead of every
 * router: the vault's hot path walks one route instead of four routers.
 */
export function registerTokenRoute(app: Express, deps: InternalRouteDeps & { metrics: VaultMetrics }): void {
  app.get(
    '/api/credentials/token',
    readQueryOnce,
    countTokenFetches(deps.metrics),
    auditAs('token.serve'),
    requireServiceIdentity(deps.serviceIdentities),
    async (req, res) => {
      const identity = res.locals.identity as ServiceIdentity;
      const body = await deps.tokens.serve(identity, {
        platform: req.query.platform,
        accountId: req.query.account_id,
      });
      sendJson(res, body);
    },
  );
}

/**
 * Express 5 parses the query string again on every read of `req.query` (a getter): parse it once and keep
 * the result on the request, for the metrics label and the handler alike.
 */
const readQueryOnce: RequestHandler = (req, _res, next) => {
  Object.defineProperty(req, 'query', {
    value: req.query,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  next();
};

/**
 * 200 with `body` as JSON, written straight to the socket: what `res.json` sends, without its settings
 * lookups, freshness check and ETag decision (a token answer is `no-store`, never revalidated).
 */
function sendJson(res: Response, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}
