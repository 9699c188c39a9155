// Builds the simulator's Express app and starts it on a port (0 = any free one).
import express, { type Express } from 'express';
import { listen } from '@socialvault/common';
import { META_GRAPH_VERSION, THREADS_API_VERSION } from '@socialvault/vault-api';
import { adminRouter } from './admin/router';
import { metaGraphRouter } from './graph/router';
import { AUTHORIZE_PATHS } from './oauth/authorize/providers';
import { CODE_EXCHANGE_PATHS, connectRouter } from './oauth/connect-router';
import { LINKEDIN_OAUTH_PREFIX } from './oauth/router';
import { oauthRouter } from './oauth/router';
import { revocationRouter } from './oauth/revoke-endpoints';
import { LINKEDIN_SIM_PATH, linkedinRouter } from './linkedin/router';
import { mastodonRouter } from './mastodon/router';
import { MASTODON_SIM_PATH } from './mastodon/state';
import { SimState } from './state';
import { THREADS_SIM_PATH, threadsRouter } from './threads/router';
import { X_SIM_PATH, xRouter } from './x/router';

/** A running simulator. */
export interface PlatformSim {
  /** Origin, e.g. `http://127.0.0.1:3020`. */
  url: string;
  /** The Graph base URL for META_GRAPH_URL: `${url}/v25.0`. */
  graphUrl: string;
  /** A fetchable 320×320 JPEG: `${url}/_sim/media/sample.jpg`. */
  sampleImageUrl: string;
  /** A fetchable `video/mp4` stub: `${url}/_sim/media/sample.mp4`. */
  sampleVideoUrl: string;
  /** LINKEDIN_API_URL for this simulator: `${url}/linkedin`. */
  linkedinUrl: string;
  /** The base URL of the simulated Mastodon instance `name` (the credential's instance_url): `${url}/mastodon/<name>`. */
  mastodonUrl(name: string): string;
  /** THREADS_API_URL for this simulator: `${url}/threads/v1.0`. */
  threadsUrl: string;
  /** X_API_URL for this simulator: `${url}/x`. */
  xUrl: string;
  /** The provider URL variables (broker and MCP servers) that point at this simulator: see `simProviderEnv`. */
  providerEnv: Record<string, string>;
  /** In-process admin: register accounts, inject faults, read recorded requests, reset. */
  state: SimState;
  close(): Promise<void>;
}

export interface StartPlatformSimOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Start from existing state (e.g. shared between restarts in a test). */
  state?: SimState;
}

/**
 * Every provider URL variable (SPEC "Broker" and "Platform API base URLs") set for the simulator at
 * `url`: authorize URLs (`META_OAUTH_DIALOG_URL`, `INSTAGRAM_OAUTH_URL`, `THREADS_OAUTH_URL`,
 * `X_OAUTH_AUTHORIZE_URL`, `LINKEDIN_OAUTH_URL` — the latter a base for `/authorization` and
 * `/accessToken`), `INSTAGRAM_API_URL`, and the API bases. Mastodon instances are `${url}/mastodon/<name>`.
 */
export function simProviderEnv(url: string): Record<string, string> {
  return {
    META_OAUTH_DIALOG_URL: `${url}${AUTHORIZE_PATHS.facebook}`,
    INSTAGRAM_OAUTH_URL: `${url}${AUTHORIZE_PATHS.instagram}`,
    INSTAGRAM_API_URL: `${url}${CODE_EXCHANGE_PATHS.instagram.replace('/oauth/access_token', '')}`,
    THREADS_OAUTH_URL: `${url}${AUTHORIZE_PATHS.threads}`,
    X_OAUTH_AUTHORIZE_URL: `${url}${AUTHORIZE_PATHS.x}`,
    LINKEDIN_OAUTH_URL: `${url}${LINKEDIN_OAUTH_PREFIX}`,
    META_GRAPH_URL: `${url}/${META_GRAPH_VERSION}`,
    INSTAGRAM_GRAPH_URL: `${url}/instagram`,
    THREADS_API_URL: `${url}${THREADS_SIM_PATH}/${THREADS_API_VERSION}`,
    X_API_URL: `${url}${X_SIM_PATH}`,
    LINKEDIN_API_URL: `${url}${LINKEDIN_SIM_PATH}`,
  };
}

/** The simulator app: `/_sim/…` admin routes, then the simulated Graph host for everything else. */
export function createSimApp(state: SimState): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/_sim', adminRouter(state));
  // OAuth first: their exact paths (e.g. /x/2/oauth2/token) win over the platform routers; the
  // connect flows (authorize, code exchange) before the refresh grants that share token paths.
  app.use(connectRouter(state));
  app.use(oauthRouter(state.oauth));
  app.use(revocationRouter(state));
  app.use(LINKEDIN_SIM_PATH, linkedinRouter({ state: state.linkedin, faults: state.faults, log: state.log }));
  app.use(MASTODON_SIM_PATH, mastodonRouter({ state: state.mastodon, faults: state.faults, log: state.log }));
  app.use(THREADS_SIM_PATH, threadsRouter({ state: state.threads, faults: state.faults, log: state.log }));
  app.use(X_SIM_PATH, xRouter({ state: state.x, faults: state.faults, log: state.log }));
  app.use(metaGraphRouter(state));
  return app;
}

/**
 * Starts the simulator and resolves once it listens.
 * @example
 * const sim = await startPlatformSim();
 * sim.state.registerInstagramAccount({ access_token: 'EAAtest…', ig_user_id: '17841400000000001', username: 'demo' });
 * const client = new InstagramClient({ baseUrl: sim.graphUrl, credential: { accessToken: 'EAAtest…', igUserId: '17841400000000001' } });
 */
export async function startPlatformSim(options: StartPlatformSimOptions = {}): Promise<PlatformSim> {
  const state = options.state ?? new SimState();
  const app = createSimApp(state);
  const host = options.host ?? '127.0.0.1';
  const listener = await listen(app, { host, port: options.port ?? 0 });
  const url = listener.url;
  return {
    url,
    graphUrl: `${url}/${META_GRAPH_VERSION}`,
    sampleImageUrl: `${url}/_sim/media/sample.jpg`,
    sampleVideoUrl: `${url}/_sim/media/sample.mp4`,
    linkedinUrl: `${url}${LINKEDIN_SIM_PATH}`,
    mastodonUrl: (name: string) => `${url}${MASTODON_SIM_PATH}/${name}`,
    threadsUrl: `${url}${THREADS_SIM_PATH}/${THREADS_API_VERSION}`,
    xUrl: `${url}${X_SIM_PATH}`,
    providerEnv: simProviderEnv(url),
    state,
    // A simulator has nothing worth finishing: requests in flight (a hung fault among them) are cut at once.
    close: () => listener.close({ graceMs: 0 }),
  };
}
