// Generates the secrets a dev run of the stack needs when the environment does not provide them.
import crypto from 'node:crypto';
import { ensureDevEncryptionKey } from '@socialvault/vault';
import type { McpServerEntry } from './services';

/** Secrets for one run; `generated` names the ones made up here (printed once at start). */
export interface StackSecrets {
  brokerApiKey: string;
  /** Bearer of the broker's admin API (start links, clients, events). */
  brokerAdminToken: string;
  /** The broker's key ring: BROKER_ENCRYPTION_KEYS, else the dev key file under the data directory. */
  brokerEncryptionKeys: string;
  /** Service secret per MCP server serviceName. */
  serviceTokens: Record<string, string>;
  /** The full VAULT_SERVICE_TOKENS value handed to the vault. */
  vaultServiceTokens: string;
  generated: string[];
}

/** A fresh 24-byte secret, base64url (fits URLs, headers and the comma/colon lists). */
export const randomSecret = (): string => crypto.randomBytes(24).toString('base64url');

/**
 * Uses BROKER_API_KEY, BROKER_ADMIN_TOKEN and VAULT_SERVICE_TOKENS from `env` when set, otherwise
 * generates them: one identity `<serviceName>:<platform>:<secret>` per MCP server and
 * `n8n:*:<secret>:metadata`. When VAULT_SERVICE_TOKENS is set, each server's secret is read from it by
 * service name. BROKER_ENCRYPTION_KEYS, when unset, is kept in `<dataDir>/broker-encryption.key` (0600)
 * like the vault's dev key, so the broker's stored rows stay readable across restarts.
 */
export function resolveStackSecrets(
  env: NodeJS.ProcessEnv,
  servers: McpServerEntry[],
  dataDir: string,
): StackSecrets {
  const generated: string[] = [];
  const brokerApiKey = env.BROKER_API_KEY || (generated.push('BROKER_API_KEY'), randomSecret());
  const brokerAdminToken = env.BROKER_ADMIN_TOKEN || (generated.push('BROKER_ADMIN_TOKEN'), randomSecret());
  const brokerEncryptionKeys =
    env.BROKER_ENCRYPTION_KEYS ||
    ensureDevEncryptionKey(dataDir, {
      file: 'broker-encryption.key',
      keyIdPrefix: 'bdev',
      variable: 'BROKER_ENCRYPTION_KEYS',
    });
  const serviceTokens: Record<string, string> = {};
  let vaultServiceTokens = env.VAULT_SERVICE_TOKENS ?? '';
  if (vaultServiceTokens) {
    for (const entry of vaultServiceTokens.split(',')) {
      const [name, , secret] = entry.trim().split(':');
      if (name && secret) serviceTokens[name] = secret;
    }
  } else {
    generated.push('VAULT_SERVICE_TOKENS');
    const identities = servers.map((server) => {
      serviceTokens[server.serviceName] = randomSecret();
      return `${server.serviceName}:${server.platform}:${serviceTokens[server.serviceName]}`;
    });
    serviceTokens.n8n = randomSecret();
    identities.push(`n8n:*:${serviceTokens.n8n}:metadata`);
    vaultServiceTokens = identities.join(',');
  }
  return {
    brokerApiKey,
    brokerAdminToken,
    brokerEncryptionKeys,
    serviceTokens,
    vaultServiceTokens,
    generated,
  };
}
