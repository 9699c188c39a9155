// The default port of every socialvault listener (SPEC "Vault", "Broker", "MCP servers"): written once here.

/**
 * Each listener's port when its variable is unset: `VAULT_INGRESS_PORT`, `VAULT_INTERNAL_PORT`, `BROKER_PORT`,
 * `SIM_PORT`, an MCP server's `PORT` and its built-in media store's `MEDIA_PORT` (Instagram and Threads host media).
 */
export const DEFAULT_PORTS = {
  vaultIngress: 3006,
  vaultInternal: 3007,
  broker: 3030,
  simulator: 3020,
  mcp: { instagram: 3005, threads: 3011, x: 3012, linkedin: 3013, mastodon: 3014 },
  media: { instagram: 3015, threads: 3016 },
} as const;
