// `/_sim/oauth/…` admin routes: register apps and grants, revoke, inject faults, read counters and calls.
import { Router } from 'express';
import { z } from 'zod';
import { LOGGED_ENDPOINTS } from './endpoints';
import type { OAuthSimState } from './state';

const TokenBodySchema = z.object({ token: z.string().min(1) });
const EndpointQuerySchema = z.object({ endpoint: z.enum(LOGGED_ENDPOINTS).optional() });
const ClockSchema = z.object({
  advance_s: z
    .number()
    .int()
    .min(1)
    .max(10 * 365 * 86_400),
});

/**
 * Mounted at `/_sim/oauth` (ZodErrors answer 400 through the admin error handler):
 * - `POST /apps` `{endpoint: facebook|instagram|threads|x|linkedin, client_id, client_secret?, name?,
 *   redirect_uris? (exact URIs authorize accepts), programmatic_refresh? (LinkedIn refresh tokens)}` → 201
 * - `POST /grants` `{endpoint, account_ref, access_token, access_expires_at?, issued_at?, refresh_token?, refresh_expires_at?, client_id?, scope?}` → 201
 * - `POST /revoke` `{token}` (access or refresh token) → 200; `POST /expire` `{token}` (access token) → 200
 * - `GET /stats` → `{stats: {<endpoint>: {calls, succeeded, failed, inFlight, maxInFlight}}}`; `DELETE /stats` zeroes them
 * - `GET /calls[?endpoint=]` → `{calls: [{endpoint, step, method, path, query, form, contentType, authorization, status, at}]}`
 *   (`endpoint` also `mastodon`; `step` authorize|consent|token|register_app)
 * - `POST /clock` `{advance_s}` → 200 `{now}`: moves the clock of codes and consent pages forward
 * - `GET|POST|DELETE /faults` `{endpoint, kind: invalid_grant|unavailable|rate_limited|slow, times?, delay_ms?}`
 */
export function oauthAdminRouter(state: OAuthSimState): Router {
  const router = Router();
  router.post('/apps', (req, res) => {
    const app = state.registerApp(req.body);
    res
      .status(201)
      .json({ endpoint: app.endpoint, client_id: app.clientId, confidential: !!app.clientSecret });
  });
  router.post('/grants', (req, res) => {
    const grant = state.registerGrant(req.body);
    res.status(201).json({
      endpoint: grant.endpoint,
      account_ref: grant.accountRef,
      access_expires_at: grant.accessExpiresAt.toISOString(),
      issued_at: grant.issuedAt.toISOString(),
    });
  });
  router.post('/revoke', (req, res) => {
    if (!state.revoke(TokenBodySchema.parse(req.body).token))
      return void res.status(404).json({ error: 'unknown token' });
    res.json({ revoked: true });
  });
  router.post('/expire', (req, res) => {
    if (!state.expireAccessToken(TokenBodySchema.parse(req.body).token))
      return void res.status(404).json({ error: 'unknown token' });
    res.json({ expired: true });
  });
  router.get('/stats', (_req, res) => {
    res.json({ stats: state.allStats() });
  });
  router.delete('/stats', (_req, res) => {
    state.resetStats();
    res.status(204).end();
  });
  router.get('/calls', (req, res) => {
    res.json({ calls: state.calls(EndpointQuerySchema.parse(req.query).endpoint) });
  });
  router.post('/clock', (req, res) => {
    state.advanceClock(ClockSchema.parse(req.body).advance_s);
    res.json({ now: new Date(state.nowMs()).toISOString() });
  });
  router.get('/faults', (_req, res) => {
    res.json({ faults: state.faults.list() });
  });
  router.post('/faults', (req, res) => {
    res.status(201).json(state.faults.add(req.body));
  });
  router.delete('/faults', (_req, res) => {
    state.faults.clear();
    res.status(204).end();
  });
  return router;
}
