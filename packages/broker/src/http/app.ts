// Builds the broker's Express app: cookies, forms, the flow routes, the Connections page, the admin API, health,
// one error middleware.
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { adminRouter } from './admin-routes';
import { callbackRouter } from './callback-routes';
import { connectionsRouter } from './connections-routes';
import type { BrokerDeps } from './deps';
import { errorMiddleware, notFound } from './error-middleware';
import { operatorRouter } from './operator-routes';
import { startRouter } from './start-routes';
import { loadViewer } from './viewer';

/** Pages load only the broker's own stylesheet and script; nothing inline, nothing from elsewhere. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The broker app for `deps` (mounted on one listener by startBroker). */
export function createBrokerApp(deps: BrokerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The address the sign-in limit counts: the socket's peer unless BROKER_TRUST_PROXY names the proxy.
  app.set('trust proxy', deps.config.trustProxy);
  app.use((_req, res, next) => {
    res.set({
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    next();
  });
  app.use(cookieParser(deps.config.sessionSecret));
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.get('/health', async (_req, res) => {
    await deps.pool.query('SELECT 1');
    res.set('Cache-Control', 'no-store').json({ status: 'ok', service: 'broker' });
  });
  app.use('/static', express.static(path.join(__dirname, '..', 'public'), { index: false, maxAge: '1h' }));
  app.use(loadViewer(deps));
  app.use(startRouter(deps));
  app.use(callbackRouter(deps));
  app.use(adminRouter(deps));
  app.use(connectionsRouter(deps));
  app.use(operatorRouter(deps));
  app.use(notFound);
  app.use(errorMiddleware);
  return app;
}
