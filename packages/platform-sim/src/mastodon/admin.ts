// Admin routes for the Mastodon simulator under /_sim/mastodon: instances, accounts, tokens, what they posted.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { MastodonAccountInput } from './instance';
import { MASTODON_SIM_PATH, type MastodonSimState } from './state';

const AccountBodySchema = z.looseObject({ instance: z.string().min(1) });
const RevokeSchema = z.object({ instance: z.string().min(1), access_token: z.string().min(1) });

const instanceUrl = (req: Request, name: string) =>
  `${req.protocol}://${req.get('host')}${MASTODON_SIM_PATH}/${name}`;

/**
 * - `POST /_sim/mastodon/instances` `{name, title?, max_characters? (500), max_media_attachments? (4),
 *   media_processing_reads? (0), rate_limit? (300 per 5 min), media_rate_limit? (30 per 30 min)}` →
 *   201 `{name, instance_url}` (creates, or updates the settings of an existing instance)
 * - `POST /_sim/mastodon/accounts` `{instance, access_token, username, display_name?, followers_count?,
 *   following_count?, note?, scopes? ("read write"), token_expires_at?}` → 201 `{id, username, instance,
 *   instance_url}` (an unknown instance is created with default settings)
 * - `POST /_sim/mastodon/tokens/revoke` `{instance, access_token}` → 200
 * - `GET /_sim/mastodon/instances/:name` → `{settings, accounts, statuses, media}` (media without bytes)
 * - `DELETE /_sim/mastodon/instances/:name/apps/:client_id` → 200 `{forgotten: true}`: the instance forgets the
 *   app (its token endpoint then answers 401 `invalid_client`), or 404
 */
export function mastodonAdminRouter(state: MastodonSimState): Router {
  const router = Router();

  router.post('/instances', (req, res) => {
    const instance = state.configureInstance(req.body);
    res.status(201).json({ name: instance.name, instance_url: instanceUrl(req, instance.name) });
  });

  router.post('/accounts', (req, res) => {
    const { instance, ...account } = AccountBodySchema.parse(req.body);
    const created = state.registerAccount(instance, account as MastodonAccountInput);
    res.status(201).json({
      id: created.id,
      username: created.username,
      instance,
      instance_url: instanceUrl(req, instance),
    });
  });

  router.post('/tokens/revoke', (req, res) => {
    const { instance, access_token } = RevokeSchema.parse(req.body);
    if (!state.revokeToken(instance, access_token)) {
      return void res.status(404).json({ error: 'unknown instance or access_token' });
    }
    res.json({ revoked: true });
  });

  router.get('/instances/:name', (req, res) => {
    const instance = state.instances.get(req.params.name);
    if (!instance) return void res.status(404).json({ error: 'unknown instance' });
    res.json({
      settings: instance.settings,
      accounts: [...instance.accounts.values()],
      statuses: [...instance.statuses.values()],
      media: [...instance.media.values()].map(({ bytes, ...media }) => ({
        ...media,
        size_bytes: bytes.length,
      })),
    });
  });

  router.delete('/instances/:name/apps/:client_id', (req, res) => {
    if (!state.forgetApp(req.params.name, req.params.client_id)) {
      return void res.status(404).json({ error: 'unknown instance or client_id' });
    }
    res.json({ forgotten: true });
  });

  return router;
}
