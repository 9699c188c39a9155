// One Mastodon app per instance (POST /api/v1/apps), registered on first use and kept (secret encrypted);
// an app the instance forgot (deleted there) is dropped and registered again.
// @see https://docs.joinmastodon.org/methods/apps/#create
import type { Pool } from 'pg';
import { createLogger, registerSecret, type KeyRing } from '@socialvault/common';
import { field, form, ProviderCallError, type ProviderHttp } from '../flows/provider-http';

const log = createLogger('broker', 'mastodon');

export const MASTODON_SCOPES = ['read:accounts', 'read:statuses', 'write:statuses', 'write:media'];

/** A registered app on one instance. */
export interface MastodonApp {
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const aad = (instanceUrl: string) => `mastodon_app:${instanceUrl}:client_secret`;

/** The broker's app on an instance, and whether it replaces one the instance had forgotten. */
export interface UsableMastodonApp extends MastodonApp {
  /** The client id of the stored app the instance no longer knew (dropped, a new one registered). */
  replacedForgottenApp?: string;
}

/**
 * True when a provider answer is OAuth `invalid_client` (RFC 6749 §5.2): the instance does not know the app —
 * deleted by its owner or the instance admin. Mastodon (Doorkeeper) answers it with 401.
 */
export function isUnknownClient(error: unknown): boolean {
  return (
    error instanceof ProviderCallError &&
    (error.status === 400 || error.status === 401) &&
    /^invalid_client\b/.test(error.providerError ?? '')
  );
}

/**
 * Whether `instanceUrl` still knows `app`: a token request with a code that cannot exist, which Doorkeeper
 * answers `invalid_client` when it does not know the client and `invalid_grant` when it does (it checks the
 * client first), so nothing is issued either way. Any other outcome (no answer, 5xx) counts as known: only
 * the instance's own word drops an app.
 * @see https://datatracker.ietf.org/doc/html/rfc6749#section-5.2
 */
async function instanceKnowsApp(http: ProviderHttp, app: MastodonApp): Promise<boolean> {
  try {
    await http.mastodonJson('Mastodon app check', {
      method: 'POST',
      url: `${app.instanceUrl}/oauth/token`,
      data: form({
        grant_type: 'authorization_code',
        code: 'socialvault-app-check',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: app.redirectUri,
      }),
    });
  } catch (error) {
    return !isUnknownClient(error);
  }
  return true;
}

/**
 * Drops the stored app `clientId` of `instanceUrl` (only that one: a newer registration stays), so the next
 * connect registers again; logs a warning naming the instance and the app when it dropped one.
 */
export async function forgetMastodonApp(
  deps: { pool: Pool },
  instanceUrl: string,
  clientId: string,
): Promise<void> {
  const { rowCount } = await deps.pool.query(
    'DELETE FROM mastodon_apps WHERE instance_url = $1 AND client_id = $2',
    [instanceUrl, clientId],
  );
  if (rowCount) {
    log.warn(
      `Mastodon instance ${instanceUrl} no longer knows the broker's app ${clientId} (invalid_client): dropped it; the next connect registers a new one`,
    );
  }
}

/**
 * The broker's app on `instanceUrl` for `redirectUri`, registering it when there is none, when the stored one
 * was made for another redirect URI or scope set, or when the instance answers `invalid_client` for it.
 * @throws ProviderCallError when the instance refuses the registration
 */
export async function mastodonApp(
  deps: { pool: Pool; keyRing: KeyRing; http: ProviderHttp },
  instanceUrl: string,
  redirectUri: string,
): Promise<UsableMastodonApp> {
  const scopes = MASTODON_SCOPES.join(' ');
  const { rows } = await deps.pool.query<{
    client_id: string;
    client_secret_ciphertext: string;
    redirect_uri: string;
    scopes: string;
  }>('SELECT * FROM mastodon_apps WHERE instance_url = $1', [instanceUrl]);
  const stored = rows[0];
  let replacedForgottenApp: string | undefined;
  if (stored && stored.redirect_uri === redirectUri && stored.scopes === scopes) {
    const clientSecret = deps.keyRing.decrypt(stored.client_secret_ciphertext, aad(instanceUrl));
    registerSecret(clientSecret, { pinned: true });
    const app = { instanceUrl, clientId: stored.client_id, clientSecret, redirectUri };
    // Its authorize page would show the person an error page the broker never sees: check first.
    if (await instanceKnowsApp(deps.http, app)) return app;
    await forgetMastodonApp(deps, instanceUrl, app.clientId);
    replacedForgottenApp = app.clientId;
  }
  const created = await deps.http.mastodonJson('Mastodon app registration', {
    method: 'POST',
    url: `${instanceUrl}/api/v1/apps`,
    data: form({ client_name: 'socialvault', redirect_uris: redirectUri, scopes, website: undefined }),
  });
  const clientId = field('Mastodon app registration', created, 'client_id');
  const clientSecret = field('Mastodon app registration', created, 'client_secret');
  registerSecret(clientSecret, { pinned: true });
  await deps.pool.query(
    `INSERT INTO mastodon_apps (instance_url, client_id, client_secret_ciphertext, redirect_uri, scopes)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (instance_url) DO UPDATE SET client_id = $2, client_secret_ciphertext = $3, redirect_uri = $4,
       scopes = $5, created_at = now()`,
    [instanceUrl, clientId, deps.keyRing.encrypt(clientSecret, aad(instanceUrl)), redirectUri, scopes],
  );
  return {
    instanceUrl,
    clientId,
    clientSecret,
    redirectUri,
    ...(replacedForgottenApp ? { replacedForgottenApp } : {}),
  };
}

/** The stored app of an instance (for the callback), or undefined. */
export async function storedMastodonApp(
  deps: { pool: Pool; keyRing: KeyRing },
  instanceUrl: string,
): Promise<MastodonApp | undefined> {
  const { rows } = await deps.pool.query<{
    client_id: string;
    client_secret_ciphertext: string;
    redirect_uri: string;
  }>('SELECT * FROM mastodon_apps WHERE instance_url = $1', [instanceUrl]);
  const row = rows[0];
  if (!row) return undefined;
  const clientSecret = deps.keyRing.decrypt(row.client_secret_ciphertext, aad(instanceUrl));
  registerSecret(clientSecret, { pinned: true });
  return { instanceUrl, clientId: row.client_id, clientSecret, redirectUri: row.redirect_uri };
}
