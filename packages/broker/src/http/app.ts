// Builds the broker's Express app: cookies, forms, the flow routes, the admin API, health, one error middleware.
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { adminRouter } from './admin-routes';
import { callbackRouter } from './callback-routes';
import type { BrokerDeps } from './deps';
import { errorMiddleware, notFound } from './error-middleware';
import { startRouter } from './start-routes';

/** The broker app for `deps` (mounted on one listener by startBroker). */
export function createBrokerApp(deps: BrokerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.set({
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    next();
  });
  app.use(cookieParser(deps.config.sessionSecret));
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.get('/health', async (_req, res) => {
    await deps.pool.query('SELECT 1');
    res.set('Cache-Control', 'no-store').json({ status: 'ok', service: 'broker' });
  });
  app.use(startRouter(deps));
  app.use(callbackRouter(deps));
  app.use(adminRouter(deps));
  app.use(notFound);
  app.use(errorMiddleware);
  return app;
}
