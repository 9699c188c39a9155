// The broker's side of `pnpm start`: its database on the embedded server, the simulator's apps, start links.
import { Client } from 'pg';
import type { ConnectTarget, SimulatorAppRegistration } from './plan';

/** A start link made for the banner and `pnpm demo`. */
export interface StartLink extends ConnectTarget {
  url: string;
  expires_at: string;
}

/** Start links printed by `pnpm start` stay valid this long (the broker's maximum is 30 days). */
export const START_LINK_LIFETIME_S = 7 * 24 * 3600;

/**
 * Creates database `name` on the server of `serverUrl` unless it exists; returns its URL (same
 * credentials and host, path `/name`). For the embedded server, where the broker gets its own database.
 * @throws the pg error when the server refuses (no CREATEDB right, unreachable).
 */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name} is not a plain identifier`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Deletes the broker's stored Mastodon apps of the simulator's instances (`<simulatorOrigin>/mastodon/…`).
 * The simulator keeps its apps in memory only, while the broker registers an app once per instance and
 * keeps it in its database: after a restart the simulator would refuse that app (`invalid_client`), so the
 * broker must register a fresh one. Does nothing before the broker's first migration.
 */
export async function forgetSimulatorMastodonApps(
  brokerDatabaseUrl: string,
  simulatorOrigin: string,
): Promise<number> {
  const client = new Client({ connectionString: brokerDatabaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('mastodon_apps') IS NOT NULL AS exists",
    );
    if (!table.rows[0]!.exists) return 0;
    const deleted = await client.query('DELETE FROM mastodon_apps WHERE starts_with(instance_url, $1)', [
      `${simulatorOrigin}/`,
    ]);
    return deleted.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

async function call(url: string, init: RequestInit, what: string): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${what}: ${init.method ?? 'GET'} ${url} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Registers each app with the simulator (`POST /_sim/oauth/apps`, which replaces an app of the same id). */
export async function registerSimulatorApps(
  simulatorUrl: string,
  apps: SimulatorAppRegistration[],
): Promise<void> {
  for (const app of apps) {
    await call(
      `${simulatorUrl}/_sim/oauth/apps`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(app) },
      `registering the ${app.endpoint} app in the simulator`,
    );
  }
}

/**
 * Asks the broker's admin API for a signed start link per target, for the single-tenant client `local`
 * (`POST /admin/clients/local/connect-links` → `201 {url, expires_at}`).
 * @throws Error naming the target when the broker refuses.
 */
export async function requestStartLinks(
  brokerLocalUrl: string,
  adminToken: string,
  targets: ConnectTarget[],
): Promise<StartLink[]> {
  const links: StartLink[] = [];
  for (const target of targets) {
    const answer = (await call(
      `${brokerLocalUrl}/admin/clients/local/connect-links`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ ...target, expires_in_s: START_LINK_LIFETIME_S }),
      },
      `making the ${target.platform}${target.login ? ` (${target.login} login)` : ''} start link`,
    )) as { url: string; expires_at: string };
    links.push({ ...target, url: answer.url, expires_at: answer.expires_at });
  }
  return links;
}
