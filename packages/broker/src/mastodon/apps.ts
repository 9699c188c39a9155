// One Mastodon app per instance (POST /api/v1/apps), registered on first use and kept (secret encrypted).
// @see https://docs.joinmastodon.org/methods/apps/#create
import type { Pool } from 'pg';
import { registerSecret, type KeyRing } from '@socialvault/common';
import { field, form, type ProviderHttp } from '../flows/provider-http';

export const MASTODON_SCOPES = ['read:accounts', 'read:statuses', 'write:statuses', 'write:media'];

/** A registered app on one instance. */
export interface MastodonApp {
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const aad = (instanceUrl: string) => `mastodon_app:${instanceUrl}:client_secret`;

/**
 * The broker's app on `instanceUrl` for `redirectUri`, registering it when there is none (or the stored
 * one was made for another redirect URI or scope set).
 * @throws ProviderCallError when the instance refuses the registration
 */
export async function mastodonApp(
  deps: { pool: Pool; keyRing: KeyRing; http: ProviderHttp },
  instanceUrl: string,
  redirectUri: string,
): Promise<MastodonApp> {
  const scopes = MASTODON_SCOPES.join(' ');
  const { rows } = await deps.pool.query<{
    client_id: string;
    client_secret_ciphertext: string;
    redirect_uri: string;
    scopes: string;
  }>('SELECT * FROM mastodon_apps WHERE instance_url = $1', [instanceUrl]);
  const stored = rows[0];
  if (stored && stored.redirect_uri === redirectUri && stored.scopes === scopes) {
    const clientSecret = deps.keyRing.decrypt(stored.client_secret_ciphertext, aad(instanceUrl));
    registerSecret(clientSecret, { pinned: true });
    return { instanceUrl, clientId: stored.client_id, clientSecret, redirectUri };
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
  return { instanceUrl, clientId, clientSecret, redirectUri };
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
