// Generates the secrets a dev run of the stack needs when the environment does not provide them.
import crypto from 'node:crypto';
import type { McpServerEntry } from './services';

/** Secrets for one run; `generated` names the ones made up here (printed once at start). */
export interface StackSecrets {
  brokerApiKey: string;
  /** Service secret per MCP server serviceName. */
  serviceTokens: Record<string, string>;
  /** The full VAULT_SERVICE_TOKENS value handed to the vault. */
  vaultServiceTokens: string;
  generated: string[];
}

const randomSecret = (): string => crypto.randomBytes(24).toString('base64url');

/**
 * Uses BROKER_API_KEY and VAULT_SERVICE_TOKENS from `env` when set, otherwise generates them:
 * one identity `<serviceName>:<platform>:<secret>` per MCP server and `n8n:*:<secret>:metadata`.
 * When VAULT_SERVICE_TOKENS is set, each server's secret is read from it by service name.
 */
export function resolveStackSecrets(env: NodeJS.ProcessEnv, servers: McpServerEntry[]): StackSecrets {
  const generated: string[] = [];
  const brokerApiKey = env.BROKER_API_KEY || (generated.push('BROKER_API_KEY'), randomSecret());
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
  return { brokerApiKey, serviceTokens, vaultServiceTokens, generated };
}
