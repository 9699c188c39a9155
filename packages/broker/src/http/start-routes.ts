// GET /auth/:platform (signed start link → 302 to the provider) and the Mastodon instance form (POST /auth/mastodon).
import { Router, type Request, type Response } from 'express';
import { recordEvent } from '../db/events';
import { createState, pkcePair } from '../db/states';
import type { ResolvedClient } from '../db/clients';
import { flowFor, type ConnectFlow } from '../flows';
import { ProviderCallError } from '../flows/provider-http';
import { mastodonApp } from '../mastodon/apps';
import { checkInstanceUrl, InstanceUrlError } from '../mastodon/instance-url';
import type { BrokerDeps } from './deps';
import { PageError, render } from './pages';
import { ensureSession } from './session';
import { checkStartLink, flowLinkFacts } from './start-links';

const ASK_FOR_LINK = 'Ask the operator for a new start link (POST /admin/clients/<client_id>/connect-links).';

/** The redirect URI of a platform: `<BROKER_PUBLIC_URL>/callback/<platform>`. */
export function redirectUriOf(deps: BrokerDeps, flow: ConnectFlow): string {
  return `${deps.config.publicUrl}/callback/${flow.platform}`;
}

/** Checks everything a start link says: platform, signature, expiry, client. @throws PageError */
async function startContext(
  deps: BrokerDeps,
  req: Request,
): Promise<{ flow: ConnectFlow; client: ResolvedClient }> {
  const route = String(req.params.platform);
  const flow = flowFor(route, req.query.login);
  if (!flow) {
    throw new PageError(404, {
      code: 'unknown_platform',
      title: 'Unknown platform',
      message: `"${route}"${req.query.login ? ` with login=${String(req.query.login)}` : ''} is not a platform this broker connects.`,
      hint: 'Use /auth/instagram (add ?login=instagram for Instagram Login), /auth/threads, /auth/x, /auth/linkedin or /auth/mastodon.',
    });
  }
  const clientParam = req.query.client_id;
  const clientId =
    typeof clientParam === 'string' && clientParam
      ? clientParam
      : deps.config.allowUnsignedStart
        ? 'local'
        : undefined;
  if (!clientId) {
    throw new PageError(400, {
      code: 'missing_client',
      title: 'This start link is incomplete',
      message: 'The link names no client (client_id) and carries no signature.',
      hint: ASK_FOR_LINK,
    });
  }
  const problem = checkStartLink(
    deps.config.startLinkKey,
    { clientId, ...flowLinkFacts(flow) },
    { exp: req.query.exp, sig: req.query.sig },
  );
  if (problem === 'bad_signature' || (problem === 'unsigned' && !deps.config.allowUnsignedStart)) {
    throw new PageError(403, {
      code: problem === 'unsigned' ? 'unsigned_link' : 'bad_signature',
      title: 'This start link is not valid',
      message:
        problem === 'unsigned'
          ? 'The link is not signed, and this broker accepts only signed start links.'
          : 'The link’s signature does not match: it was changed or made by another broker.',
      hint: ASK_FOR_LINK,
    });
  }
  if (problem === 'expired') {
    throw new PageError(410, {
      code: 'link_expired',
      title: 'This start link has expired',
      message: 'Start links work for a limited time, and this one is past it.',
      hint: ASK_FOR_LINK,
    });
  }
  const client = await deps.clients.resolve(clientId);
  if (!client || client.status !== 'active') {
    throw new PageError(client ? 403 : 404, {
      code: client ? 'client_disabled' : 'unknown_client',
      title: client ? 'This client is disabled' : 'Unknown client',
      message: client
        ? `Client ${clientId} is disabled on this broker.`
        : `No client ${clientId} is registered on this broker${clientId === 'local' ? ' (VAULT_INGRESS_URL and BROKER_API_KEY are unset)' : ''}.`,
      hint: 'Ask the broker operator to register or enable the client (PUT /admin/clients/<client_id>).',
    });
  }
  const missing = flow.missingApp(deps.config);
  if (missing) {
    throw new PageError(503, {
      code: 'app_not_configured',
      title: `${flow.title} is not set up on this broker`,
      message: `The broker has no ${flow.title} app credentials.`,
      hint: `The operator sets ${missing} (and registers ${redirectUriOf(deps, flow)} as the redirect URI).`,
    });
  }
  return { flow, client };
}

/** Stores a state for this browser and answers 302 to the provider's authorize page. */
async function redirectToProvider(
  deps: BrokerDeps,
  req: Request,
  res: Response,
  input: {
    flow: ConnectFlow;
    client: ResolvedClient;
    mastodon?: { instanceUrl: string; clientId: string; replacedForgottenApp?: string };
  },
): Promise<void> {
  const sessionId = ensureSession(req, res, deps.secureCookies);
  const pkce = input.flow.pkce ? pkcePair() : undefined;
  const state = await createState(deps, {
    sessionId,
    clientId: input.client.clientId,
    flow: input.flow.key,
    platform: input.flow.platform,
    ...(pkce ? { codeVerifier: pkce.verifier } : {}),
    ...(input.mastodon ? { mastodonInstance: input.mastodon.instanceUrl } : {}),
  });
  await recordEvent(deps.pool, {
    clientId: input.client.clientId,
    platform: input.flow.platform,
    event: 'started',
    outcome: 'redirected',
    detail: {
      flow: input.flow.key,
      ...(input.mastodon ? { instance_url: input.mastodon.instanceUrl } : {}),
      ...(input.mastodon?.replacedForgottenApp
        ? { replaced_forgotten_app: input.mastodon.replacedForgottenApp }
        : {}),
    },
  });
  const url = input.flow.authorizeUrl(deps.config, {
    state,
    redirectUri: redirectUriOf(deps, input.flow),
    ...(pkce ? { codeChallenge: pkce.challenge } : {}),
    ...(input.mastodon
      ? { mastodon: { instanceUrl: input.mastodon.instanceUrl, clientId: input.mastodon.clientId } }
      : {}),
  });
  res.set('Cache-Control', 'no-store').redirect(302, url);
}

function instanceForm(
  deps: BrokerDeps,
  req: Request,
  res: Response,
  status: number,
  extra: Record<string, unknown> = {},
) {
  ensureSession(req, res, deps.secureCookies);
  render(res, status, 'mastodon-instance.njk', {
    title: 'Connect Mastodon',
    outcome: status < 400 ? 'ok' : 'error',
    action: req.originalUrl,
    csrfToken: deps.csrf.generateCsrfToken(req, res),
    ...extra,
  });
}

/** `GET /auth/:platform` and `POST /auth/mastodon`. */
export function startRouter(deps: BrokerDeps): Router {
  const router = Router();
  router.get('/auth/:platform', async (req, res) => {
    const { flow, client } = await startContext(deps, req);
    if (flow.key === 'mastodon') return instanceForm(deps, req, res, 200);
    await redirectToProvider(deps, req, res, { flow, client });
  });
  router.post('/auth/mastodon', deps.csrf.doubleCsrfProtection, async (req, res) => {
    req.params.platform = 'mastodon';
    const { flow, client } = await startContext(deps, req);
    const given = (req.body as Record<string, unknown>).instance_url;
    let instanceUrl: string;
    try {
      instanceUrl = await checkInstanceUrl(given, {
        allowInsecureUrls: deps.config.allowInsecureUrls,
        privateAllowlist: deps.config.mastodonPrivateAllowlist,
      });
    } catch (error) {
      if (!(error instanceof InstanceUrlError)) throw error;
      return instanceForm(deps, req, res, 400, {
        problem: error.message,
        instanceUrl: typeof given === 'string' ? given : '',
      });
    }
    let app;
    try {
      app = await mastodonApp({ ...deps, http: deps.providerHttp }, instanceUrl, redirectUriOf(deps, flow));
    } catch (error) {
      if (!(error instanceof ProviderCallError)) throw error;
      await recordEvent(deps.pool, {
        clientId: client.clientId,
        platform: 'mastodon',
        event: 'exchange_failed',
        outcome: 'app_registration_failed',
        detail: { instance_url: instanceUrl, error: error.message },
      });
      return instanceForm(deps, req, res, 502, {
        problem: `${instanceUrl} did not register the app (${error.message}). Is it a Mastodon instance?`,
        instanceUrl,
      });
    }
    await redirectToProvider(deps, req, res, {
      flow,
      client,
      mastodon: {
        instanceUrl,
        clientId: app.clientId,
        ...(app.replacedForgottenApp ? { replacedForgottenApp: app.replacedForgottenApp } : {}),
      },
    });
  });
  return router;
}
