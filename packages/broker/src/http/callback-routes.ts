// GET /callback/:platform (state first, then the code exchange and forwarding) and the Meta page picker's answer.
import { Router, type Request, type Response } from 'express';
import { redactText, registerSecret } from '@socialvault/common';
import { recordEvent } from '../db/events';
import { savePendingPick, takePendingPick, type PickProblem } from '../db/page-picks';
import { consumeState, type StateProblem } from '../db/states';
import { FLOWS, metaPayload, platformOfRoute, type ConnectFlow, type FlowKey } from '../flows';
import { ProviderCallError } from '../flows/provider-http';
import { forgetMastodonApp, isUnknownClient, storedMastodonApp } from '../mastodon/apps';
import type { BrokerDeps } from './deps';
import { forwardAndAnswer, retryLink } from './forward';
import { PageError, render, renderResult } from './pages';
import { currentSession } from './session';
import { redirectUriOf } from './start-routes';

const START_AGAIN = 'Start the connection again from your start link or the Connections page.';

const STATE_PAGES: Record<StateProblem, { title: string; message: string }> = {
  missing: {
    title: 'The answer carries no state',
    message: 'The provider sent this browser back without the state parameter.',
  },
  unknown: {
    title: 'Unknown state',
    message: 'This callback’s state was not issued by this broker (or was altered).',
  },
  used: {
    title: 'This answer was already used',
    message: 'Each connection attempt can be completed once; this one already was.',
  },
  expired: {
    title: 'This connection attempt expired',
    message: 'More than 10 minutes passed between starting and returning.',
  },
  foreign_session: {
    title: 'Started in another browser',
    message:
      'This connection was started in another browser session; it can only be completed where it started.',
  },
  wrong_platform: {
    title: 'Wrong callback',
    message: 'The provider answered on the callback of another platform.',
  },
};

const PICK_PAGES: Record<PickProblem, { status: number; message: string }> = {
  unknown: { status: 400, message: 'This page choice is unknown or was already answered.' },
  expired: { status: 400, message: 'This page choice expired (10 minutes).' },
  foreign_session: { status: 403, message: 'This page choice belongs to another browser session.' },
};

/** The route's platform, or a 404 page. */
function callbackPlatform(route: string): ConnectFlow['platform'] {
  const platform = platformOfRoute(route);
  if (!platform) {
    throw new PageError(404, {
      code: 'unknown_platform',
      title: 'Unknown platform',
      message: `There is no callback for "${route}".`,
      hint: 'Redirect URIs are <BROKER_PUBLIC_URL>/callback/<instagram|threads|x|linkedin|mastodon>.',
    });
  }
  return platform;
}

async function handleCallback(deps: BrokerDeps, req: Request, res: Response, route: string): Promise<void> {
  const platform = callbackPlatform(route);
  const { code, state, error } = req.query;
  if (typeof code === 'string') registerSecret(code);
  // State first, before the provider is called at all: a refused callback never redeems its code.
  const checked = await consumeState(deps, { state, platform, sessionId: currentSession(req) });
  if ('problem' in checked) {
    await recordEvent(deps.pool, {
      clientId: checked.clientId,
      platform,
      event: 'refused',
      outcome: `state_${checked.problem}`,
    });
    const page = STATE_PAGES[checked.problem];
    throw new PageError(400, {
      code: `state_${checked.problem}`,
      ...page,
      hint: `Nothing was stored. ${START_AGAIN}`,
    });
  }
  const flow = FLOWS[checked.ok.flow as FlowKey];
  const clientId = checked.clientId;
  if (typeof error === 'string' || typeof code !== 'string' || code === '') {
    const reason = typeof error === 'string' ? error : 'no_code';
    const description =
      typeof req.query.error_description === 'string'
        ? redactText(req.query.error_description).slice(0, 200)
        : undefined;
    await recordEvent(deps.pool, {
      clientId,
      platform,
      event: 'denied',
      outcome: reason,
      detail: { flow: flow.key, ...(description ? { description } : {}) },
    });
    renderResult(res, reason === 'access_denied' ? 403 : 400, {
      code: reason === 'access_denied' ? 'access_denied' : 'provider_error',
      title:
        reason === 'access_denied'
          ? 'Connection cancelled'
          : `${flow.title} did not authorize the connection`,
      message:
        reason === 'access_denied'
          ? `The ${flow.title} consent was declined, so nothing was connected.`
          : `${flow.title} answered "${reason}"${description ? `: ${description}` : ''}.`,
      hint: `Nothing was stored. To connect the account, start again and choose Authorize.`,
      retryUrl: retryLink(deps, clientId, flow),
    });
    return;
  }
  const client = await deps.clients.resolve(clientId);
  if (!client || client.status !== 'active') {
    throw new PageError(403, {
      code: 'client_disabled',
      title: 'This client is no longer active',
      message: `Client ${clientId} was disabled or removed while the connection was in progress.`,
      hint: 'Nothing was stored. Ask the broker operator to enable the client, then start again.',
    });
  }
  let mastodon;
  if (flow.key === 'mastodon') {
    mastodon = checked.ok.mastodonInstance
      ? await storedMastodonApp(deps, checked.ok.mastodonInstance)
      : undefined;
  }
  let result;
  try {
    result = await flow.exchange(deps.config, deps.providerHttp, {
      code,
      redirectUri: redirectUriOf(deps, flow),
      ...(checked.ok.codeVerifier ? { codeVerifier: checked.ok.codeVerifier } : {}),
      ...(mastodon ? { mastodon } : {}),
    });
  } catch (failure) {
    if (!(failure instanceof ProviderCallError)) throw failure;
    // The instance deleted the broker's app since the connect started: drop it, the next start registers anew.
    const forgotten = mastodon && isUnknownClient(failure) ? mastodon : undefined;
    if (forgotten) await forgetMastodonApp(deps, forgotten.instanceUrl, forgotten.clientId);
    await recordEvent(deps.pool, {
      clientId,
      platform,
      event: 'exchange_failed',
      outcome: failure.providerError ?? `http_${failure.status}`,
      detail: {
        flow: flow.key,
        step: failure.step,
        status: failure.status,
        ...(forgotten ? { dropped_forgotten_app: forgotten.clientId } : {}),
      },
    });
    renderResult(res, 502, {
      code: forgotten ? 'mastodon_app_forgotten' : 'exchange_failed',
      title: `${flow.title} did not complete the connection`,
      message: forgotten
        ? `${forgotten.instanceUrl} no longer knows the broker's app (it was deleted on the instance), so the code could not be redeemed.`
        : `${failure.message}.`,
      hint: forgotten
        ? 'Nothing was stored. The broker dropped that app and registers a new one when you start again.'
        : `Nothing was stored. ${START_AGAIN} If it keeps failing, the operator checks the app credentials and redirect URI.`,
      retryUrl: retryLink(deps, clientId, flow),
    });
    return;
  }
  await recordEvent(deps.pool, {
    clientId,
    platform,
    accountId: result.accountId,
    event: 'authorized',
    outcome: 'token_received',
    detail: { flow: flow.key },
  });
  if (result.kind === 'forward') return forwardAndAnswer(deps, res, { client, flow, ...result });
  if (result.pages.length === 0) {
    await recordEvent(deps.pool, {
      clientId,
      platform,
      accountId: result.accountId,
      event: 'exchange_failed',
      outcome: 'no_instagram_business_account',
      detail: { flow: flow.key },
    });
    renderResult(res, 422, {
      code: 'no_instagram_account',
      title: 'No Instagram professional account found',
      message: 'None of the Facebook Pages you granted has an Instagram business or creator account linked.',
      hint: 'Link your Instagram professional account to a Facebook Page (Instagram settings → Account type and tools), then start again and select that Page.',
      retryUrl: retryLink(deps, clientId, flow),
    });
    return;
  }
  const sessionId = currentSession(req)!;
  const pickId = await savePendingPick(deps, { ...result, clientId, sessionId });
  render(res, 200, 'page-picker.njk', {
    title: 'Choose an Instagram account',
    outcome: 'ok',
    action: '/callback/instagram/pick',
    pickId,
    pages: result.pages,
    csrfToken: deps.csrf.generateCsrfToken(req, res),
  });
}

async function handlePick(deps: BrokerDeps, req: Request, res: Response): Promise<void> {
  const body = req.body as Record<string, unknown>;
  const taken = await takePendingPick(deps, body.pick_id, currentSession(req));
  if ('problem' in taken) {
    await recordEvent(deps.pool, {
      clientId: taken.clientId,
      platform: 'instagram',
      event: 'refused',
      outcome: `pick_${taken.problem}`,
    });
    const page = PICK_PAGES[taken.problem];
    throw new PageError(page.status, {
      code: `pick_${taken.problem}`,
      title: 'This choice cannot be used',
      message: page.message,
      hint: `Nothing was stored. ${START_AGAIN}`,
    });
  }
  const { pick } = taken;
  const flow = FLOWS.instagram;
  const page = pick.pages.find((candidate) => candidate.facebook_page_id === body.page_id);
  const client = await deps.clients.resolve(pick.clientId);
  if (!page || !client || client.status !== 'active') {
    throw new PageError(400, {
      code: page ? 'client_disabled' : 'unknown_page',
      title: 'This choice cannot be used',
      message: page
        ? `Client ${pick.clientId} is no longer active.`
        : 'The chosen Page was not among those offered.',
      hint: `Nothing was stored. ${START_AGAIN}`,
      retryUrl: retryLink(deps, pick.clientId, flow),
    });
  }
  await forwardAndAnswer(deps, res, {
    client,
    flow,
    accountId: page.instagram_business_account_id,
    username: page.instagram_username,
    payload: metaPayload({ ...pick, page }),
  });
}

/** `GET /callback/:platform`, `GET /callback` (= instagram), `POST /callback/instagram/pick`. */
export function callbackRouter(deps: BrokerDeps): Router {
  const router = Router();
  router.get('/callback', (req, res) => handleCallback(deps, req, res, 'instagram'));
  router.get('/callback/:platform', (req, res) =>
    handleCallback(deps, req, res, String(req.params.platform)),
  );
  router.post('/callback/instagram/pick', deps.csrf.doubleCsrfProtection, (req, res) =>
    handlePick(deps, req, res),
  );
  return router;
}
