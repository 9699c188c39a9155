// docker-compose.yml's OAuth broker, checked without Docker: its own database and role, the vault's ingress,
// the secrets of generate-secrets, every variable it reads set or documented.
import fs from 'node:fs';
import path from 'node:path';
import { loadBrokerConfig } from '@socialvault/broker';
import { generateSecrets } from '../scripts/generate-secrets';
import { environmentOf, loadCompose, readEnvExample, ROOT, variablesRead } from './stack/compose';

const example = readEnvExample();
/** What a user's .env holds after `cp .env.example .env && pnpm generate-secrets --write .env`. */
const userEnv = { ...example.values, ...generateSecrets() };
const services = loadCompose(userEnv).services;

describe('docker-compose.yml broker', () => {
  it("gives the broker a production configuration it accepts: its own database and role, the vault's ingress, real providers", () => {
    const env = environmentOf(services.broker!);
    const config = loadBrokerConfig(env);
    expect(config.production).toBe(true);
    expect(config.port).toBe(3030);
    expect(config.databaseUrl).toBe(`postgres://broker:${userEnv.BROKER_DB_PASSWORD}@postgres:5432/broker`);
    expect(config.databaseUrl).not.toContain(userEnv.POSTGRES_PASSWORD!);
    expect(config.localVault).toEqual({ vaultUrl: 'http://vault:3006', apiKey: userEnv.BROKER_API_KEY });
    expect(config.adminToken).toBe(userEnv.BROKER_ADMIN_TOKEN);
    expect(config.keyRing.activeKeyId).toBe('b1');
    expect(config.allowUnsignedStart).toBe(false);
    expect(config.allowInsecureUrls).toBe(false);
    expect(config.urls).toMatchObject({
      metaDialogUrl: 'https://www.facebook.com/v25.0/dialog/oauth',
      instagramOAuthUrl: 'https://www.instagram.com/oauth/authorize',
      threadsOAuthUrl: 'https://threads.net/oauth/authorize',
      xAuthorizeUrl: 'https://x.com/i/oauth2/authorize',
      linkedinOAuthUrl: 'https://www.linkedin.com/oauth/v2',
    });
    // The app credentials the vault refreshes and revokes with are the broker's too.
    const vault = environmentOf(services.vault!);
    for (const name of [
      'META_APP_ID',
      'META_APP_SECRET',
      'X_CLIENT_ID',
      'X_CLIENT_SECRET',
      'LINKEDIN_CLIENT_ID',
    ])
      expect(env[name]).toBe(vault[name]);
  });

  it('sets or documents every variable the broker reads', () => {
    const env = environmentOf(services.broker!);
    const read = variablesRead((proxy) => loadBrokerConfig(proxy), env);
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !(name in env) && !example.documented.has(name))).toEqual([]);
  });

  it("creates the broker's role and database with the superuser, from the SQL file in this repository", () => {
    const init = services['broker-db-init']!;
    const env = environmentOf(init);
    expect(env).toMatchObject({
      PGHOST: 'postgres',
      PGUSER: 'socialvault',
      PGDATABASE: 'socialvault',
      PGPASSWORD: userEnv.POSTGRES_PASSWORD,
      BROKER_DB_PASSWORD: userEnv.BROKER_DB_PASSWORD,
    });
    const [source, target] = init.volumes![0]!.split(':');
    expect(init.command).toEqual(['psql', '-v', 'ON_ERROR_STOP=1', '-f', target]);
    expect(fs.existsSync(path.join(ROOT, source!))).toBe(true);
  });
});
