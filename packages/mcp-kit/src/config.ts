// Environment of an MCP server: the variables every server reads, plus its own platform variables, parsed once.
import { z } from 'zod';
import {
  createLogger,
  emptyAsUndefined,
  flag,
  parseEnv,
  port,
  registerSecret,
  wholeNumber,
} from '@socialvault/common';
import { mediaStoreEnvSchema, type MediaStoreConfig } from './media/media-config';
import { renameDeprecatedEnv, type RenamedEnv } from './renamed-env';

/** The configuration every MCP server has, whatever its platform. */
export interface McpBaseConfig {
  /** `PORT` (default: the server spec's `defaultPort`; 0 picks a free port). */
  port: number;
  /** `HOST` (default `127.0.0.1`; compose sets `0.0.0.0` inside its private network). */
  host: string;
  /**
   * `MCP_ALLOWED_HOSTS`: the `Host` values `/mcp` answers (`host:port`, lower case). Undefined: `localhost`,
   * `127.0.0.1`, `[::1]` and the compose service name (`<platform>-mcp`), each with the port listened on.
   */
  allowedHosts: string[] | undefined;
  /** `MCP_ALLOWED_ORIGINS`: the `Origin` values `/mcp` answers (`scheme://host[:port]`); default none. */
  allowedOrigins: string[];
  /** `MCP_MAX_BATCH` (default 10): most messages in one JSON-RPC batch; a larger one runs nothing. */
  maxBatch: number;
  /** `MEDIA_MAX_CONCURRENT_DOWNLOADS` (default 8): media downloads in flight at once in this process. */
  mediaMaxConcurrentDownloads: number;
  /** `MEDIA_MAX_BUFFERED_MIB` (default 256) in bytes: media this process holds in memory at once. */
  mediaMaxBufferedBytes: number;
  /**
   * `MEDIA_FETCH_TIMEOUT_MS` (default 15000): deadline of downloading one media file (connect, headers and every
   * byte), for every server that fetches media by URL. X's `X_MEDIA_FETCH_TIMEOUT_MS` is a deprecated alias.
   */
  mediaFetchTimeoutMs: number;
  /** `MCP_MAX_BODY_MIB` (default 16) in bytes: largest JSON body of `POST /mcp` (inline media is base64 in it). */
  maxBodyBytes: number;
  /** The media store (MEDIA_STORE_*, MEDIA_PORT, MEDIA_PUBLIC_URL, MEDIA_TTL_S); only servers that host media use it. */
  mediaStore: MediaStoreConfig;
  /** `VAULT_URL`, the vault's internal listener, e.g. `http://vault:3007`. */
  vaultUrl: string;
  /** `VAULT_TOKEN`, this server's service secret. Not passed to tools. */
  vaultToken: string;
  /** `MCP_AUTH_TOKEN`: when set, `POST /mcp` requires `Authorization: Bearer <it>`. Not passed to tools. */
  mcpAuthToken: string | undefined;
  /**
   * `MCP_TOOL_PREFIX` (default none): put before every tool name the MCP transports publish
   * (`instagram_` → `instagram_publish_post`), so clients that merge several servers get no duplicates.
   */
  toolPrefix: string;
  /** `LOG_LEVEL` (default `info`). */
  logLevel: string;
  /** `ALLOW_INSECURE_URLS=true` lets `http://` media URLs through (local simulators, tests; never production). */
  allowInsecureUrls: boolean;
  /** `MEDIA_ALLOW_PRIVATE_URLS=true` lets media be fetched from private/loopback addresses (tests only). */
  mediaAllowPrivateUrls: boolean;
  /** `VAULT_TIMEOUT_MS` (default 5000, 100-120000): timeout of each vault request. */
  vaultTimeoutMs: number;
  /** `VAULT_CACHE_MAX_AGE_S` (default 300, at most 86400) in ms: longest time a token is served from memory. */
  credentialCacheMaxAgeMs: number;
  /** `IDEMPOTENCY_LEASE_S` (default 60): how long a publish holds its ledger key without a heartbeat. */
  idempotencyLeaseS: number;
  /** `IDEMPOTENCY_WAIT_S` (default 30) in ms: how long a duplicate call waits for the holder's outcome. */
  idempotencyWaitMs: number;
}

/** The base configuration merged with the server's own variables (the result of its `configSchema`). */
export type McpServerConfig<P extends object = object> = McpBaseConfig & P;

/** What tools and the `tools()` factory see: the configuration without the service's own secrets. */
export type ToolConfig<C extends object = McpBaseConfig> = Omit<
  C,
  'vaultToken' | 'mcpAuthToken' | 'mediaStore'
>;

/** A comma-separated list, trimmed and lower-cased, each entry checked by `isValid`. */
const commaList = (isValid: (entry: string) => boolean, error: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim().toLowerCase())
          .filter((entry) => entry !== ''),
      )
      .refine((entries) => entries.every(isValid), { error })
      .optional(),
  );

/** `host` or `host:port` as a Host header carries it (IPv6 in brackets; no default port 80). */
function isHostValue(entry: string): boolean {
  try {
    return new URL(`http://${entry}`).host === entry;
  } catch {
    return false;
  }
}

/** `scheme://host[:port]` exactly as a browser sends it in `Origin`. */
function isOriginValue(entry: string): boolean {
  try {
    return new URL(entry).origin === entry;
  } catch {
    return false;
  }
}

/** The zod schema over the environment for the variables every MCP server reads. */
export function mcpBaseEnvSchema(defaultPort: number) {
  return z
    .object({
      PORT: port(defaultPort),
      HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
      MCP_ALLOWED_HOSTS: commaList(
        isHostValue,
        'must be a comma-separated list of host:port values, e.g. instagram-mcp:3005,localhost:3005',
      ),
      MCP_ALLOWED_ORIGINS: commaList(
        isOriginValue,
        'must be a comma-separated list of origins (scheme://host[:port]), e.g. http://localhost:6274',
      ),
      MCP_MAX_BATCH: wholeNumber(10, 1, 100),
      MEDIA_MAX_CONCURRENT_DOWNLOADS: wholeNumber(8, 1, 256),
      // At least the largest single file a platform takes (Mastodon: 40 MiB), or such a download never fits.
      MEDIA_MAX_BUFFERED_MIB: wholeNumber(256, 64, 16_384),
      // Inline media travels as base64 (4/3 of the file): 16 MiB carries a 12 MB image.
      MCP_MAX_BODY_MIB: wholeNumber(16, 1, 128),
      VAULT_URL: z.preprocess(
        emptyAsUndefined,
        z.url({
          protocol: /^https?$/,
          error: 'is required: the vault internal URL, e.g. http://vault:3007',
        }),
      ),
      VAULT_TOKEN: z.preprocess(
        emptyAsUndefined,
        z.string({ error: "is required: this server's service secret from VAULT_SERVICE_TOKENS" }),
      ),
      MCP_AUTH_TOKEN: z.preprocess(
        emptyAsUndefined,
        z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
      ),
      MCP_TOOL_PREFIX: z.preprocess(
        emptyAsUndefined,
        z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,31}$/, {
            error:
              'must be lower-case letters, digits and _ (at most 32, starting with a letter), e.g. instagram_',
          })
          .optional(),
      ),
      LOG_LEVEL: z.preprocess(
        emptyAsUndefined,
        z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
      ),
      ALLOW_INSECURE_URLS: flag,
      MEDIA_ALLOW_PRIVATE_URLS: flag,
      VAULT_TIMEOUT_MS: wholeNumber(5000, 100, 120_000),
      VAULT_CACHE_MAX_AGE_S: wholeNumber(300, 0, 86_400),
      MEDIA_FETCH_TIMEOUT_MS: wholeNumber(15_000, 100, 120_000),
      IDEMPOTENCY_LEASE_S: wholeNumber(60, 1, 3600),
      IDEMPOTENCY_WAIT_S: wholeNumber(30, 0, 600),
    })
    .transform((env): Omit<McpBaseConfig, 'mediaStore'> => ({
      port: env.PORT,
      host: env.HOST,
      allowedHosts: env.MCP_ALLOWED_HOSTS,
      allowedOrigins: env.MCP_ALLOWED_ORIGINS ?? [],
      maxBatch: env.MCP_MAX_BATCH,
      mediaMaxConcurrentDownloads: env.MEDIA_MAX_CONCURRENT_DOWNLOADS,
      mediaMaxBufferedBytes: env.MEDIA_MAX_BUFFERED_MIB * 1024 * 1024,
      mediaFetchTimeoutMs: env.MEDIA_FETCH_TIMEOUT_MS,
      maxBodyBytes: env.MCP_MAX_BODY_MIB * 1024 * 1024,
      vaultUrl: env.VAULT_URL,
      vaultToken: env.VAULT_TOKEN,
      mcpAuthToken: env.MCP_AUTH_TOKEN,
      toolPrefix: env.MCP_TOOL_PREFIX ?? '',
      logLevel: env.LOG_LEVEL,
      allowInsecureUrls: env.ALLOW_INSECURE_URLS,
      mediaAllowPrivateUrls: env.MEDIA_ALLOW_PRIVATE_URLS,
      vaultTimeoutMs: env.VAULT_TIMEOUT_MS,
      credentialCacheMaxAgeMs: env.VAULT_CACHE_MAX_AGE_S * 1000,
      idempotencyLeaseS: env.IDEMPOTENCY_LEASE_S,
      idempotencyWaitMs: env.IDEMPOTENCY_WAIT_S * 1000,
    }));
}

/** Deprecated names already warned about in this process: one warning per name, however often config loads. */
const warnedRenames = new Set<string>();

/**
 * Parses the environment once: the base variables, then the server's `configSchema` (if any), merged
 * into one object. A deprecated name in `spec.renamedEnv` still sets its new variable, with one warning
 * per process. Registers VAULT_TOKEN and MCP_AUTH_TOKEN so logs scrub them.
 * @throws ConfigError with one line naming each bad or missing variable (values are never echoed).
 * @example
 * const config = loadMcpConfig({ defaultPort: 3005, configSchema: instagramEnvSchema });
 * config.vaultUrl; config.metaGraphUrl;
 */
export function loadMcpConfig<P extends object = object>(
  spec: { defaultPort: number; configSchema?: z.ZodType<P>; renamedEnv?: RenamedEnv; name?: string },
  givenEnv: NodeJS.ProcessEnv = process.env,
): McpServerConfig<P> {
  const { env, notices } = renameDeprecatedEnv(givenEnv, spec.renamedEnv ?? {});
  for (const notice of notices.filter((text) => !warnedRenames.has(text))) {
    warnedRenames.add(notice);
    createLogger(spec.name ?? 'mcp-kit', 'config').warn(notice);
  }
  const base = parseEnv(mcpBaseEnvSchema(spec.defaultPort), env);
  registerSecret(base.vaultToken, { pinned: true });
  registerSecret(base.mcpAuthToken, { pinned: true });
  const mediaStore = parseEnv(mediaStoreEnvSchema, env);
  registerSecret(mediaStore.s3?.credentials?.secretAccessKey, { pinned: true });
  const own = spec.configSchema ? parseEnv(spec.configSchema, env) : ({} as P);
  return { ...own, ...base, mediaStore };
}

/** Strips the service's own secrets from a configuration before tools see it. */
export function toToolConfig<C extends McpBaseConfig>(config: C): ToolConfig<C> {
  const { vaultToken: _vaultToken, mcpAuthToken: _mcpAuthToken, mediaStore: _mediaStore, ...rest } = config;
  return rest;
}
