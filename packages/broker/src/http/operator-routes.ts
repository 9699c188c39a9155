// Operator pages: the client registry (add, edit, disable, copy links) and the events log with filters.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { isAppError } from '@socialvault/common';
import { unknownClient, type ClientView } from '../db/clients';
import { EVENT_KINDS, listEvents } from '../db/events';
import { FLOWS, ROUTE_PLATFORMS } from '../flows';
import { CreateClient, firstProblem, UpdateClient } from './admin-routes';
import type { BrokerDeps } from './deps';
import { signFlowLink } from './start-links';
import { renderUi } from './ui-render';
import { requireOperator, signPageLink } from './viewer';

const START_LINK_LIFETIME_S = 24 * 3600;
const EVENTS_SHOWN = 200;

const EventFilter = z.object({
  client_id: z.string().max(64).optional(),
  platform: z.enum(ROUTE_PLATFORMS).optional(),
  event: z.enum(EVENT_KINDS).optional(),
});

/** Form fields as strings, empty ones left out (so "keep the current value" is an empty field). */
function filled(body: unknown, names: string[]): Record<string, string> {
  const form = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = form[name];
    if (typeof value === 'string' && value.trim() !== '') out[name] = value.trim();
  }
  return out;
}

function clientsPage(
  deps: BrokerDeps,
  req: Request,
  res: Response,
  status: number,
  extra: Record<string, unknown>,
) {
  return deps.clients
    .list()
    .then((clients) =>
      renderUi(deps, req, res, status, 'connections/clients.njk', { title: 'Clients', clients, ...extra }),
    );
}

/** The signed links of a client: its Connections page link and one start link per connect flow. */
function linksOf(deps: BrokerDeps, client: ClientView) {
  const expiresAtS = Math.floor(Date.now() / 1000) + START_LINK_LIFETIME_S;
  return {
    page: signPageLink(deps, client.client_id),
    start: Object.values(FLOWS)
      .filter((flow) => !flow.missingApp(deps.config))
      .map((flow) => ({
        title: flow.title,
        url: signFlowLink(deps.config, client.client_id, flow, expiresAtS),
      })),
    startExpiresAt: new Date(expiresAtS * 1000).toISOString(),
  };
}

async function clientPage(
  deps: BrokerDeps,
  req: Request,
  res: Response,
  status: number,
  extra: Record<string, unknown> = {},
) {
  const client = await deps.clients.find(String(req.params.client_id));
  if (!client) throw unknownClient(String(req.params.client_id));
  renderUi(deps, req, res, status, 'connections/client.njk', {
    title: `Client ${client.client_name}`,
    client,
    links: linksOf(deps, client),
    ...extra,
  });
}

/** `/clients`, `/clients/:client_id`, `/events` (operator only). */
export function operatorRouter(deps: BrokerDeps): Router {
  const router = Router();
  const guard = requireOperator;
  const csrf = deps.csrf.doubleCsrfProtection;

  router.get('/clients', guard, (req, res) => clientsPage(deps, req, res, 200, {}));
  router.post('/clients', guard, csrf, async (req, res) => {
    const fields = filled(req.body, ['client_id', 'client_name', 'vault_url', 'vault_api_key', 'status']);
    const parsed = CreateClient.safeParse(fields);
    // The API key is never sent back into the form.
    const { vault_api_key: _key, ...shown } = fields;
    if (!parsed.success)
      return clientsPage(deps, req, res, 400, { problem: firstProblem(parsed.error), form: shown });
    try {
      await deps.clients.create(parsed.data);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'conflict') throw error;
      return clientsPage(deps, req, res, 409, {
        problem: { field: 'client_id', text: error.message },
        form: shown,
      });
    }
    res.redirect(303, `/clients/${encodeURIComponent(parsed.data.client_id)}?saved=created`);
  });

  router.get('/clients/:client_id', guard, (req, res) =>
    clientPage(deps, req, res, 200, {
      saved: typeof req.query.saved === 'string' ? req.query.saved : undefined,
    }),
  );
  router.post('/clients/:client_id', guard, csrf, async (req, res) => {
    const clientId = String(req.params.client_id);
    const current = await deps.clients.find(clientId);
    if (!current) throw unknownClient(clientId);
    if (current.from_environment) {
      return clientPage(deps, req, res, 409, {
        problem: {
          field: 'client_id',
          text: 'The local client comes from VAULT_INGRESS_URL and BROKER_API_KEY; change those and restart.',
        },
      });
    }
    const parsed = UpdateClient.safeParse(
      filled(req.body, ['client_name', 'vault_url', 'vault_api_key', 'status']),
    );
    if (!parsed.success) return clientPage(deps, req, res, 400, { problem: firstProblem(parsed.error) });
    const updated = await deps.clients.update(clientId, parsed.data);
    const saved = parsed.data.status && parsed.data.status !== current.status ? updated.status : 'saved';
    res.redirect(303, `/clients/${encodeURIComponent(clientId)}?saved=${saved}`);
  });

  router.get('/events', guard, async (req, res) => {
    const parsed = EventFilter.safeParse(filled(req.query, ['client_id', 'platform', 'event']));
    const filter = parsed.success ? parsed.data : {};
    const events = await listEvents(deps.pool, {
      ...(filter.client_id ? { clientId: filter.client_id } : {}),
      ...(filter.platform ? { platform: filter.platform === 'meta' ? 'instagram' : filter.platform } : {}),
      ...(filter.event ? { event: filter.event } : {}),
      limit: EVENTS_SHOWN,
    });
    renderUi(deps, req, res, parsed.success ? 200 : 400, 'connections/events.njk', {
      title: 'Events',
      events: events.map((event) => ({ ...event, detailText: JSON.stringify(event.detail) })),
      filter,
      problem: parsed.success ? undefined : firstProblem(parsed.error).text,
      clients: await deps.clients.list(),
      platforms: ROUTE_PLATFORMS.filter((platform) => platform !== 'meta'),
      kinds: EVENT_KINDS,
      shown: EVENTS_SHOWN,
    });
  });
  return router;
}
