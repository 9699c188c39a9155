// Production base URLs of the platform APIs, re-exported for the MCP servers' configs: they are written once,
// in @socialvault/vault-api (the vault, the broker and the simulator use them too and may not import platforms).
export {
  DEFAULT_META_GRAPH_URL,
  DEFAULT_THREADS_API_URL,
  DEFAULT_X_API_URL,
  DEFAULT_LINKEDIN_API_URL,
} from '@socialvault/vault-api';
