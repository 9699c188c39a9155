// The environment of a vault started for a test or a local tool: loopback only, ports chosen by the system.

/**
 * A vault environment on 127.0.0.1 with both listeners on ephemeral ports (0) and its database at
 * `databaseUrl`; `vars` adds the rest (BROKER_API_KEY, VAULT_ENCRYPTION_KEYS, VAULT_SERVICE_TOKENS…) and may
 * replace any of these. Parse it with `loadVaultConfig`.
 */
export function ephemeralVaultEnv(databaseUrl: string, vars: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    VAULT_HOST: '127.0.0.1',
    VAULT_INGRESS_PORT: '0',
    VAULT_INTERNAL_PORT: '0',
    ...vars,
  };
}
