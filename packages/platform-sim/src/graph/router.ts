// The simulated graph.facebook.com: one API version, Graph-shaped errors for everything else.
import express, { Router } from 'express';
import { META_GRAPH_VERSION } from '@socialvault/vault-api';
import type { SimState } from '../state';
import { graphErrorHandler, unknownPath, unsupportedVersion } from './errors';
import { instagramGraphRouter } from './instagram/router';
import { metaUserRouter } from './meta-users';

/**
 * Routes every non-admin path: body parsing (form and JSON, like Graph), request recording,
 * `/v25.0/…` Instagram routes, and Graph errors for other versions or unknown paths.
 */
export function metaGraphRouter(state: SimState): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '1mb' }), express.json({ limit: '1mb' }));
  router.use(state.log.recorder('instagram'));
  router.use(`/${META_GRAPH_VERSION}`, metaUserRouter(state.metaUsers, state.instagram));
  router.use(
    `/${META_GRAPH_VERSION}`,
    instagramGraphRouter({ state: state.instagram, faults: state.faults }),
  );
  router.use((req) => {
    const first = req.path.split('/')[1] ?? '';
    if (/^v\d+(\.\d+)?$/.test(first)) throw unsupportedVersion(first, META_GRAPH_VERSION);
    throw unknownPath(req.path);
  });
  router.use(graphErrorHandler);
  return router;
}
