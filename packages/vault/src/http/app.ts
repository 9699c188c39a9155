// Builds the two Express apps: ingress (broker, published) and internal (tokens, never published).
import express, { type Express } from 'express';
import type { Pool } from 'pg';
import { AppError, type AddressPolicy, type KeyRing, type TrustProxy } from '@socialvault/common';
import type { CredentialStore } from '../credentials/credential-store';
import type { TokenService } from '../credentials/token-service';
import type { PublicationService } from '../publications/publication-service';
import type { VaultMetrics } from '../metrics';
import type { ServiceIdentity } from '../service-identities';
import {
  AuthFailureLimiter,
  DEFAULT_AUTH_FAILURE_LIMITS,
  type AuthFailureLimits,
} from './auth-failure-limiter';
import { errorMiddleware, notFound, type ListenerName } from './error-middleware';
import { healthRouter, metricsRouter, publicHealthRouter } from './health-routes';
import { ingressRouter } from './ingress-routes';
import { internalRouter, registerTokenRoute } from './internal-routes';
import { publicationRouter } from './publication-routes';

/** Everything the HTTP layer needs; built once by startVault. */
export interface AppDeps {
  pool: Pool;
  keyRing: KeyRing;
  store: CredentialStore;
  tokens: TokenService;
  /** The publication ledger, on the internal listener. */
  publications: PublicationService;
  metrics: VaultMetrics;
  brokerApiKey: string;
  serviceIdentities: ServiceIdentity[];
  allowInsecureUrls: boolean;
  /** Origins of Mastodon instances allowed on private addresses (MASTODON_PRIVATE_INSTANCE_ALLOWLIST). */
  mastodonPrivateInstanceAllowlist: readonly string[];
  /** How the broker POST resolves and judges instance hosts; tests only (default: system DNS, public only). */
  instanceAddressPolicy?: AddressPolicy;
  /** Proxies the ingress listener believes about the client address (VAULT_TRUST_PROXY); default none. */
  trustProxy?: TrustProxy;
  maxBodyBytes: number;
  /** Brute-force limits; each listener counts its own failures (default 10 per 300 s). */
  authFailures?: AuthFailureLimits;
}

function baseApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    // No response of the vault may be cached: the token route carries secrets, the rest is state.
    res.set('Cache-Control', 'no-store');
    // Routers answer OPTIONS themselves with the methods of a matching route (DELETE /api/credentials/:id
    // for /api/credentials/token); the vault is no CORS API, so OPTIONS is a 404 like any unserved route.
    if (req.method === 'OPTIONS') {
      throw new AppError('not_found', `No route OPTIONS ${req.path} on this listener`, {
        hint: 'The vault answers no OPTIONS requests.',
      });
    }
    next();
  });
  return app;
}

function finish(app: Express, deps: AppDeps, listener: ListenerName, routesHint: string): Express {
  // Read by the auth middlewares of every route on this listener (src/http/auth.ts).
  app.locals.authFailureLimiter = new AuthFailureLimiter(deps.authFailures ?? DEFAULT_AUTH_FAILURE_LIMITS);
  app.use(notFound(routesHint));
  app.use(
    errorMiddleware({ pool: deps.pool, listener, maxBodyBytes: deps.maxBodyBytes, metrics: deps.metrics }),
  );
  return app;
}

/** Ingress: `POST`/`GET /api/credentials`, `DELETE /api/credentials/:id`, `GET /health`; anything else 404. */
export function createIngressApp(deps: AppDeps): Express {
  const app = baseApp();
  // Only the published listener sits behind the TLS proxy; the internal one always counts the socket's peer,
  // so nothing on the internal network can pick its own address with X-Forwarded-For.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(publicHealthRouter(deps.pool));
  app.use(ingressRouter(deps));
  return finish(
    app,
    deps,
    'ingress',
    'This is the broker listener: POST /api/credentials, GET /api/credentials (metadata), DELETE /api/credentials/:id, GET /health.',
  );
}

/** Internal: `GET /api/credentials`, `GET /api/credentials/token`, `/api/publications…`, `GET /health`, `GET /metrics`. */
export function createInternalApp(deps: AppDeps): Express {
  const app = baseApp();
  registerTokenRoute(app, deps);
  app.use(healthRouter({ pool: deps.pool, keyRing: deps.keyRing }));
  app.use(metricsRouter(deps.metrics));
  app.use(internalRouter({ tokens: deps.tokens, serviceIdentities: deps.serviceIdentities }));
  app.use(publicationRouter(deps));
  return finish(
    app,
    deps,
    'internal',
    'This is the internal listener: GET /api/credentials, GET /api/credentials/token, /api/publications, GET /health, GET /metrics.',
  );
}
