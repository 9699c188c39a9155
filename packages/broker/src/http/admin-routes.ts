// The admin API (seed 002): client registry, signed start links, events, and disconnect through the client's vault.
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '@socialvault/common';
import { unknownClient } from '../db/clients';
import { EVENT_KINDS, listEvents } from '../db/events';
import { flowFor } from '../flows';
import type { BrokerDeps } from './deps';
import { disconnectCredential } from './disconnect';
import { signFlowLink } from './start-links';
import { vaultRefusalError } from './vault-refusal';
import { adminTokenMatches } from './viewer';

const CLIENT_ID = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'must be 1-64 letters, digits, . _ or -' });
const VAULT_URL = z
  .url({
    protocol: /^https?$/,
    error: 'must be the http(s) URL of the vault ingress, e.g. https://vault.example.com',
  })
  .transform((value) => value.replace(/\/+$/, ''));
const API_KEY = z
  .string()
  .min(16, { error: 'must be at least 16 characters (the vault BROKER_API_KEY)' })
  .regex(/^[\x21-\x7E]+$/, { error: 'must be printable ASCII without spaces' });
const STATUS = z.enum(['active', 'disabled'], { error: 'must be active or disabled' });

export const CreateClient = z.object({
  client_id: CLIENT_ID,
  client_name: z.string().min(1).max(200),
  vault_url: VAULT_URL,
  vault_api_key: API_KEY,
  status: STATUS.default('active'),
});
export const UpdateClient = z
  .object({
    client_name: z.string().min(1).max(200),
    vault_url: VAULT_URL,
    vault_api_key: API_KEY,
    status: STATUS,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, {
    error: 'give at least one of client_name, vault_url, vault_api_key, status',
  });
const ConnectLink = z.object({
  platform: z.string(),
  login: z.enum(['facebook', 'instagram']).optional(),
  expires_in_s: z
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
});
const EventsQuery = z.object({
  client_id: z.string().optional(),
  platform: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const Disconnect = z.object({
  credential_id: z.string().min(1),
  platform: z.string().optional(),
  account_id: z.string().optional(),
});

/** The first problem of a zod parse as "field: message" (`whole` names a problem of the whole input). */
export function firstProblem(error: z.ZodError, whole = 'form'): { field: string; text: string } {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || whole;
  return { field, text: `${field}: ${issue.message}` };
}

/** Parses `value` with `schema`; @throws AppError invalid_input naming the first bad field */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const { field, text } = firstProblem(result.error, 'body');
  throw new AppError('invalid_input', text, {
    hint: 'Fix this field and send the request again; the admin API is described in the broker README.',
    details: { field },
  });
}

/** `Authorization: Bearer <BROKER_ADMIN_TOKEN>`, compared in constant time. @throws AppError unauthorized */
function requireAdmin(adminToken: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!adminTokenMatches(adminToken, bearer)) {
      throw new AppError(
        'unauthorized',
        adminToken ? 'The admin bearer token is missing or wrong' : 'The admin API is off',
        {
          hint: adminToken
            ? 'Send Authorization: Bearer <BROKER_ADMIN_TOKEN>.'
            : 'Set BROKER_ADMIN_TOKEN (at least 16 characters) and restart the broker.',
          details: { field: 'Authorization' },
        },
      );
    }
    next();
  };
}

/** Everything under `/admin`. */
export function adminRouter(deps: BrokerDeps): Router {
  const router = Router();
  router.use('/admin', requireAdmin(deps.config.adminToken), express.json({ limit: '16kb' }));
  router.get('/admin/clients', async (_req, res) => {
    res.json({ clients: await deps.clients.list() });
  });
  router.post('/admin/clients', async (req, res) => {
    res.status(201).json(await deps.clients.create(parse(CreateClient, req.body)));
  });
  router.get('/admin/clients/:client_id', async (req, res) => {
    const client = await deps.clients.find(req.params.client_id);
    if (!client) throw unknownClient(req.params.client_id);
    res.json(client);
  });
  router.put('/admin/clients/:client_id', async (req, res) => {
    res.json(await deps.clients.update(req.params.client_id, parse(UpdateClient, req.body)));
  });
  router.delete('/admin/clients/:client_id', async (req, res) => {
    await deps.clients.remove(req.params.client_id);
    res.status(204).end();
  });
  router.post('/admin/clients/:client_id/connect-links', async (req, res) => {
    const body = parse(ConnectLink, req.body);
    const client = await deps.clients.find(req.params.client_id);
    if (!client) throw unknownClient(req.params.client_id);
    const flow = flowFor(body.platform, body.login);
    if (!flow) {
      throw new AppError(
        'invalid_input',
        `platform: "${body.platform}" is not a platform this broker connects`,
        {
          hint: 'Use instagram (login: facebook|instagram), meta, threads, x, linkedin or mastodon.',
          details: { field: 'platform' },
        },
      );
    }
    const expiresAtS = Math.floor(Date.now() / 1000) + body.expires_in_s;
    const url = signFlowLink(deps.config, client.client_id, flow, expiresAtS);
    res.status(201).json({ url, expires_at: new Date(expiresAtS * 1000).toISOString() });
  });
  router.get('/admin/events', async (req, res) => {
    const query = parse(EventsQuery, req.query);
    res.json({
      events: await listEvents(deps.pool, {
        clientId: query.client_id,
        platform: query.platform,
        limit: query.limit,
      }),
      kinds: EVENT_KINDS,
    });
  });
  router.get('/admin/clients/:client_id/credentials', async (req, res) => {
    const client = await deps.clients.resolve(req.params.client_id);
    if (!client) throw unknownClient(req.params.client_id);
    const platform = typeof req.query.platform === 'string' ? req.query.platform : undefined;
    const answer = await deps.vault.list(client, platform);
    if (!answer.ok) throw vaultRefusalError(client, answer.status, answer.problem);
    res.json(answer.body);
  });
  router.post('/admin/clients/:client_id/disconnect', async (req, res) => {
    const body = parse(Disconnect, req.body);
    const client = await deps.clients.resolve(req.params.client_id);
    if (!client) throw unknownClient(req.params.client_id);
    const answer = await disconnectCredential(deps, client, body);
    if (!answer.ok) throw vaultRefusalError(client, answer.status, answer.problem);
    res.json(answer.body);
  });
  return router;
}
