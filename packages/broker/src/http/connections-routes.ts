// The Connections page under `/`: sign-in, the client's accounts from its vault, Connect, Reconnect, Disconnect.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { createLogger } from '@socialvault/common';
import type { ResolvedClient } from '../db/clients';
import { forgetViewer } from '../db/viewers';
import { FLOWS, type ConnectFlow } from '../flows';
import { accountRows, localeOf, type AccountRow } from './accounts-view';
import type { BrokerDeps } from './deps';
import { disconnectCredential } from './disconnect';
import { retryLink } from './forward';
import { PageError } from './pages';
import { currentSession } from './session';
import { renderUi } from './ui-render';
import { vaultRefusal, type VaultRefusal } from './vault-refusal';
import {
  adminTokenMatches,
  checkPageLink,
  requireViewer,
  safeNextPath,
  signInAs,
  viewerOfRequest,
} from './viewer';

const log = createLogger('broker', 'connections');

/** Wrong operator tokens allowed per address and window before sign-in answers 429. */
const SIGN_IN_TRIES = 10;
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** The Connect buttons, in the order shown: Instagram has two logins. */
const CONNECT_FLOWS: ConnectFlow[] = [
  FLOWS.instagram,
  FLOWS.instagram_login,
  FLOWS.threads,
  FLOWS.x,
  FLOWS.linkedin,
  FLOWS.mastodon,
];

const PROVIDER_REVOCATION: Record<string, string> = {
  succeeded: 'The provider revoked the token.',
  failed: 'The provider did not confirm the revocation; the vault wiped its copy anyway.',
  not_supported:
    'This platform has no revocation endpoint: the token was wiped from the vault; remove the app in the account’s settings on the platform to end it there too.',
};

/** The client this viewer may look at: its own, or (operator) `?client=`, else `local`, else the first. */
async function viewedClient(deps: BrokerDeps, req: Request, res: Response): Promise<ResolvedClient> {
  const viewer = viewerOfRequest(res)!;
  let clientId: string | undefined;
  if (viewer.role === 'client') clientId = viewer.clientId;
  else if (typeof req.query.client === 'string' && req.query.client) clientId = req.query.client;
  else if (typeof req.body?.client === 'string' && req.body.client) clientId = req.body.client as string;
  else {
    const clients = await deps.clients.list();
    clientId = (clients.find((client) => client.client_id === 'local') ?? clients[0])?.client_id;
  }
  const client = clientId ? await deps.clients.resolve(clientId) : undefined;
  if (!client) {
    throw new PageError(404, {
      code: 'unknown_client',
      title: 'No client to show',
      message: clientId
        ? `No client ${clientId} is registered.`
        : 'No client is registered on this broker yet.',
      hint:
        viewer.role === 'operator'
          ? 'Add one on the Clients page, or set VAULT_INGRESS_URL and BROKER_API_KEY for the local vault.'
          : 'Ask the broker operator for a new link.',
      ...(viewer.role === 'operator' ? { retryUrl: '/clients' } : {}),
    });
  }
  if (viewer.role === 'client' && client.status !== 'active') {
    throw new PageError(403, {
      code: 'client_disabled',
      title: 'This client is disabled',
      message: `Client ${client.clientName} is disabled on this broker.`,
      hint: 'Ask the broker operator to enable it again.',
    });
  }
  return client;
}

/** The client's accounts from its vault's ingress list, or why the vault gave none (as the admin API says it). */
async function vaultAccounts(
  deps: BrokerDeps,
  client: ResolvedClient,
  req: Request,
): Promise<{ rows: AccountRow[]; refusal?: VaultRefusal }> {
  const answer = await deps.vault.list(client);
  if (!answer.ok) return { rows: [], refusal: vaultRefusal(client, answer.status, answer.problem) };
  return {
    rows: accountRows(answer.body.credentials, new Date(), localeOf(req.get('accept-language'))),
  };
}

/** A refusal as one line of page text: its message, then its hint. */
const refusalText = (refusal: VaultRefusal) => `${refusal.message}. ${refusal.hint}`;

/** The connect link of `flow` for `client`, or why there is none. */
function connectChoice(deps: BrokerDeps, client: ResolvedClient, flow: ConnectFlow) {
  const missing = flow.missingApp(deps.config);
  return {
    key: flow.key,
    title: flow.title,
    href: missing || client.status !== 'active' ? undefined : retryLink(deps, client.clientId, flow),
    reason: missing
      ? `Not set up: the operator sets ${missing}.`
      : client.status !== 'active'
        ? 'The client is disabled.'
        : undefined,
  };
}

/** The flow a Reconnect of `row` runs: Instagram through Facebook Login when configured, else Instagram Login. */
function reconnectFlow(deps: BrokerDeps, row: AccountRow): ConnectFlow | undefined {
  if (row.platform === 'instagram')
    return FLOWS.instagram.missingApp(deps.config) ? FLOWS.instagram_login : FLOWS.instagram;
  return CONNECT_FLOWS.find((flow) => flow.key === row.platform);
}

async function showConnections(deps: BrokerDeps, req: Request, res: Response): Promise<void> {
  const client = await viewedClient(deps, req, res);
  const { rows, refusal } = await vaultAccounts(deps, client, req);
  const viewer = viewerOfRequest(res)!;
  const withLinks = rows.map((row) => {
    const flow = row.reconnect ? reconnectFlow(deps, row) : undefined;
    return {
      ...row,
      reconnectHref:
        flow && !flow.missingApp(deps.config) ? retryLink(deps, client.clientId, flow) : undefined,
    };
  });
  renderUi(deps, req, res, 200, 'connections/index.njk', {
    title: 'Connections',
    client: { id: client.clientId, name: client.clientName, status: client.status },
    clients: viewer.role === 'operator' ? await deps.clients.list() : undefined,
    connected: withLinks.filter((row) => row.status !== 'revoked'),
    disconnected: withLinks.filter((row) => row.status === 'revoked'),
    problem: refusal ? refusalText(refusal) : undefined,
    choices: CONNECT_FLOWS.filter((flow) => flow.key !== 'mastodon').map((flow) =>
      connectChoice(deps, client, flow),
    ),
    mastodon: connectChoice(deps, client, FLOWS.mastodon),
  });
}

/** The account `:id` of the viewed client's vault, or a 404 page. */
async function accountOf(deps: BrokerDeps, req: Request, res: Response) {
  const client = await viewedClient(deps, req, res);
  const { rows, refusal } = await vaultAccounts(deps, client, req);
  if (refusal)
    throw new PageError(refusal.status, {
      code: refusal.code,
      title: 'The vault did not list the accounts',
      message: refusal.message,
      hint: refusal.hint,
      retryUrl: '/',
    });
  const row = rows.find(
    (candidate) => candidate.id === String(req.params.id) && candidate.status !== 'revoked',
  );
  if (!row) {
    throw new PageError(404, {
      code: 'unknown_account',
      title: 'No such connected account',
      message: 'This account is not (or no longer) connected in this vault.',
      hint: 'Go back to the Connections page to see what is connected.',
      retryUrl: clientPath(client.clientId, res),
    });
  }
  return { client, row };
}

function clientPath(clientId: string, res: Response): string {
  return viewerOfRequest(res)?.role === 'operator' ? `/?client=${encodeURIComponent(clientId)}` : '/';
}

/**
 * Warns once per process, through the logger, when a sign-in page request (GET or POST) arrives with X-Forwarded-For while
 * BROKER_TRUST_PROXY is unset: the broker then sits behind a proxy it does not believe, and the sign-in limit
 * counts every person behind it as the proxy's one address.
 */
function proxyHeaderNotice(deps: BrokerDeps): RequestHandler {
  let warned = false;
  return (req, _res, next) => {
    if (!warned && deps.config.trustProxy === false && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      log.warn(
        'A sign-in request came through a proxy (X-Forwarded-For) but BROKER_TRUST_PROXY is unset: the sign-in limit counts everyone behind the proxy as one address',
        {
          hint: 'Set BROKER_TRUST_PROXY to the number of proxies in front of the broker (e.g. 1) or their addresses.',
        },
      );
    }
    next();
  };
}

/** `/`, `/signin`, `/signout`, `/open`, `/accounts/:id/disconnect`. */
export function connectionsRouter(deps: BrokerDeps): Router {
  const router = Router();
  const signInLimit = rateLimit({
    windowMs: SIGN_IN_WINDOW_MS,
    limit: SIGN_IN_TRIES,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // The library's own check would print this to the console, past the logger: proxyHeaderNotice says it instead.
    validate: { xForwardedForHeader: false },
    handler: (req, res) =>
      renderUi(deps, req, res, 429, 'connections/signin.njk', {
        title: 'Sign in',
        problem: 'Too many wrong tries from this address. Wait 15 minutes, then try again.',
        next: safeNextPath(req.body?.next),
      }),
  });

  router.use('/signin', proxyHeaderNotice(deps));
  router.get('/', requireViewer, (req, res) => showConnections(deps, req, res));

  router.get('/signin', (req, res) => {
    renderUi(deps, req, res, 200, 'connections/signin.njk', {
      title: 'Sign in',
      next: safeNextPath(req.query.next),
    });
  });
  router.post('/signin', signInLimit, deps.csrf.doubleCsrfProtection, async (req, res) => {
    const next = safeNextPath(req.body.next);
    if (!adminTokenMatches(deps.config.adminToken, req.body.admin_token)) {
      log.info('Refused an operator sign-in: wrong or missing token');
      return renderUi(deps, req, res, 401, 'connections/signin.njk', {
        title: 'Sign in',
        next,
        problem: deps.config.adminToken
          ? 'That is not the operator token. Check BROKER_ADMIN_TOKEN and try again.'
          : 'Operator sign-in is off: BROKER_ADMIN_TOKEN is not set on this broker.',
      });
    }
    await signInAs(deps, req, res, { role: 'operator' });
    res.redirect(303, next);
  });
  router.post('/signout', deps.csrf.doubleCsrfProtection, async (req, res) => {
    await forgetViewer(deps.pool, currentSession(req));
    res.redirect(303, '/signin');
  });

  router.get('/open', async (req, res) => {
    const problem = checkPageLink(deps, req.query);
    if (problem) {
      throw new PageError(problem === 'expired' ? 410 : 403, {
        code: problem === 'expired' ? 'link_expired' : 'bad_signature',
        title: problem === 'expired' ? 'This link has expired' : 'This link is not valid',
        message:
          problem === 'expired'
            ? 'Connections page links work for 7 days, and this one is past it.'
            : 'The link is incomplete or its signature does not match.',
        hint: 'Ask the broker operator for a new link.',
      });
    }
    const clientId = String(req.query.client_id);
    if (viewerOfRequest(res)?.role === 'operator') return res.redirect(303, clientPath(clientId, res));
    await signInAs(deps, req, res, { role: 'client', clientId });
    res.redirect(303, '/');
  });

  router.get('/accounts/:id/disconnect', requireViewer, async (req, res) => {
    const { client, row } = await accountOf(deps, req, res);
    renderUi(deps, req, res, 200, 'connections/disconnect.njk', {
      title: 'Disconnect',
      client: { id: client.clientId, name: client.clientName },
      account: row,
      backHref: clientPath(client.clientId, res),
    });
  });
  router.post('/accounts/:id/disconnect', requireViewer, deps.csrf.doubleCsrfProtection, async (req, res) => {
    const { client, row } = await accountOf(deps, req, res);
    const answer = await disconnectCredential(deps, client, {
      credential_id: row.id,
      platform: row.platform,
      account_id: row.accountId,
    });
    const { ok } = answer;
    const revocation = answer.ok ? answer.body.provider_revocation : undefined;
    const refusal = answer.ok ? undefined : vaultRefusal(client, answer.status, answer.problem);
    renderUi(deps, req, res, refusal?.status ?? 200, 'connections/disconnected.njk', {
      title: ok ? 'Disconnected' : 'Not disconnected',
      ok,
      account: row,
      revocation,
      revocationText: revocation ? PROVIDER_REVOCATION[revocation] : undefined,
      providerError: answer.ok ? answer.body.provider_error : undefined,
      problem: refusal ? refusalText(refusal) : undefined,
      backHref: clientPath(client.clientId, res),
    });
  });
  return router;
}
