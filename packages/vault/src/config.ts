// The vault's configuration: one zod schema over the environment, parsed once at start (SPEC "Vault", "Logging, secrets").
import { z } from 'zod';
import {
  emptyAsUndefined,
  flag,
  optional,
  originListField,
  parseEnv,
  port,
  registerSecret,
  trustProxyField,
  wholeNumber,
  type KeyRing,
  type TrustProxy,
} from '@socialvault/common';
import { parseVaultKeyRing } from './crypto/credential-aad';
import type { AuthFailureLimits } from './http/auth-failure-limiter';
import {
  checkRefreshEnv,
  refreshConfigFrom,
  refreshEnvShape,
  type RefreshConfig,
} from './refresh/refresh-config';
import { retentionEnvShape } from './publications/retention';
import { parseServiceIdentities, type ServiceIdentity } from './service-identities';

/** What the CLI needs: the database and the key ring. */
export interface VaultStorageConfig {
  /** PostgreSQL connection URL. */
  databaseUrl: string;
  keyRing: KeyRing;
}

/** Parsed, validated vault configuration (zod over env). */
export interface VaultConfig extends VaultStorageConfig {
  /** Interface both listeners bind to (`VAULT_HOST`, default 127.0.0.1; compose sets 0.0.0.0). */
  host: string;
  /** Broker listener port (`VAULT_INGRESS_PORT`, default 3006; 0 = ephemeral). */
  ingressPort: number;
  /** Token listener port (`VAULT_INTERNAL_PORT`, default 3007; 0 = ephemeral). */
  internalPort: number;
  /** The `X-API-Key` the broker sends (`BROKER_API_KEY`, at least 16 characters). */
  brokerApiKey: string;
  /** Callers of the internal listener (`VAULT_SERVICE_TOKENS`); empty means every internal request is refused. */
  serviceIdentities: ServiceIdentity[];
  /** Accept `http://` Mastodon instance URLs (`ALLOW_INSECURE_URLS`; local simulators and tests only). */
  allowInsecureUrls: boolean;
  /**
   * Origins of Mastodon instances that may live on private, loopback or link-local addresses
   * (`MASTODON_PRIVATE_INSTANCE_ALLOWLIST`, comma-separated, normalised by `new URL().origin`); empty by default.
   */
  mastodonPrivateInstanceAllowlist: string[];
  /**
   * Whom the ingress listener believes about the client address (`VAULT_TRUST_PROXY`: hop count or
   * proxy address/CIDR list, Express's `trust proxy`); false (default) trusts nobody. Decides the address
   * the brute-force limiter counts and the audit rows show.
   */
  trustProxy: TrustProxy;
  /**
   * Brute-force limit of each listener: failed `X-API-Key` / service-token attempts per source address
   * (`VAULT_AUTH_FAILURE_LIMIT`, default 10; 0 = off) within `VAULT_AUTH_FAILURE_WINDOW_S` (default 300).
   */
  authFailures: AuthFailureLimits;
  /** Token refresh: schedule, concurrency, token endpoints, app credentials, events webhook. */
  refresh: RefreshConfig;
  /** Maximum accepted body of `POST /api/credentials`, in bytes (64 KiB). */
  maxBodyBytes: number;
  /**
   * Longest wait of a served token's audit row before its batched INSERT (`VAULT_AUDIT_FLUSH_MS`,
   * default 200 ms, at most 1,000); 0 writes each row before the token is served.
   */
  auditFlushMs: number;
  /**
   * Days a finished publication row is kept (`PUBLICATIONS_RETAIN_DAYS`, default 90; 0 keeps every row);
   * pruned daily and by `pnpm vault prune`.
   */
  publicationsRetainDays: number;
  /** True when `NODE_ENV=production`. */
  production: boolean;
}

const MIN_BROKER_KEY_LENGTH = 16;
const MAX_BODY_BYTES = 64 * 1024;

/** A zod transform that turns a parser's ConfigError into an issue on this variable. */
function parsedWith<T>(parse: (value: string) => T) {
  return (value: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  };
}

const storageShape = {
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string({ error: 'is required (a postgres:// URL)' })
      .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' }),
  ),
  VAULT_ENCRYPTION_KEYS: z.preprocess(
    emptyAsUndefined,
    z
      .string({ error: 'is required in production: k1:<base64 32 bytes>[,k0:<…>]' })
      .transform(parsedWith(parseVaultKeyRing)),
  ),
};

const vaultSchema = z
  .object({
    ...storageShape,
    NODE_ENV: optional(z.string()),
    VAULT_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
    VAULT_INGRESS_PORT: port(3006),
    VAULT_INTERNAL_PORT: port(3007),
    BROKER_API_KEY: z.preprocess(
      emptyAsUndefined,
      z
        .string({ error: 'is required (the X-API-Key the OAuth broker sends)' })
        .min(MIN_BROKER_KEY_LENGTH, { error: `must be at least ${MIN_BROKER_KEY_LENGTH} characters` })
        .regex(/^[\x21-\x7E]+$/, { error: 'must be printable ASCII without spaces' }),
    ),
    VAULT_SERVICE_TOKENS: z.preprocess(
      emptyAsUndefined,
      z.string().default('').transform(parsedWith(parseServiceIdentities)),
    ),
    ALLOW_INSECURE_URLS: flag,
    MASTODON_PRIVATE_INSTANCE_ALLOWLIST: originListField,
    VAULT_TRUST_PROXY: trustProxyField,
    VAULT_AUTH_FAILURE_LIMIT: wholeNumber(10, 0, 1_000_000),
    VAULT_AUTH_FAILURE_WINDOW_S: wholeNumber(300, 1, 86_400),
    VAULT_AUDIT_FLUSH_MS: wholeNumber(200, 0, 1_000),
    ...refreshEnvShape,
    ...retentionEnvShape,
    LOG_LEVEL: optional(
      z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'], {
        error: 'must be one of error, warn, info, http, verbose, debug, silly',
      }),
    ),
  })
  .superRefine((env, ctx) => {
    checkRefreshEnv(env, ctx);
    if (env.NODE_ENV === 'production' && env.ALLOW_INSECURE_URLS) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALLOW_INSECURE_URLS'],
        message: 'must not be true when NODE_ENV=production',
      });
    }
  });

/**
 * Reads and validates the vault's environment. Registers every configured secret (broker key,
 * service secrets, encryption keys, app secrets, events secret) with the log redactor.
 * @throws ConfigError with one line naming each bad variable (values are never echoed).
 */
export function loadVaultConfig(env: NodeJS.ProcessEnv = process.env): VaultConfig {
  registerSecret(env.BROKER_API_KEY, { pinned: true });
  for (const name of ['META_APP_SECRET', 'X_CLIENT_SECRET', 'LINKEDIN_CLIENT_SECRET', 'VAULT_EVENTS_SECRET'])
    registerSecret(env[name], { pinned: true });
  const parsed = parseEnv(vaultSchema, env);
  const refresh = refreshConfigFrom(parsed);
  return {
    databaseUrl: parsed.DATABASE_URL,
    keyRing: parsed.VAULT_ENCRYPTION_KEYS,
    host: parsed.VAULT_HOST,
    ingressPort: parsed.VAULT_INGRESS_PORT,
    internalPort: parsed.VAULT_INTERNAL_PORT,
    brokerApiKey: parsed.BROKER_API_KEY,
    serviceIdentities: parsed.VAULT_SERVICE_TOKENS,
    allowInsecureUrls: parsed.ALLOW_INSECURE_URLS,
    mastodonPrivateInstanceAllowlist: parsed.MASTODON_PRIVATE_INSTANCE_ALLOWLIST,
    trustProxy: parsed.VAULT_TRUST_PROXY,
    authFailures: {
      limit: parsed.VAULT_AUTH_FAILURE_LIMIT,
      windowMs: parsed.VAULT_AUTH_FAILURE_WINDOW_S * 1000,
    },
    refresh,
    maxBodyBytes: MAX_BODY_BYTES,
    auditFlushMs: parsed.VAULT_AUDIT_FLUSH_MS,
    publicationsRetainDays: parsed.PUBLICATIONS_RETAIN_DAYS,
    production: parsed.NODE_ENV === 'production',
  };
}

/** Reads only `DATABASE_URL` and `VAULT_ENCRYPTION_KEYS` (for the CLI). @throws ConfigError */
export function loadVaultStorageConfig(env: NodeJS.ProcessEnv = process.env): VaultStorageConfig {
  const parsed = parseEnv(z.object(storageShape), env);
  return { databaseUrl: parsed.DATABASE_URL, keyRing: parsed.VAULT_ENCRYPTION_KEYS };
}
