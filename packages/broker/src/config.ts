// The broker's configuration: one zod schema over the environment, parsed once at start (SPEC "Broker").
import crypto from 'node:crypto';
import { z } from 'zod';
import {
  emptyAsUndefined,
  flag,
  httpUrl,
  optional,
  originListField,
  parseEnv,
  parseKeyRing,
  port,
  printableAscii,
  registerSecret,
  trustProxyField,
  wholeNumber,
  type KeyRing,
  type TrustProxy,
} from '@socialvault/common';

/** App credentials of one provider; a provider without them answers its start link with a page saying so. */
export interface ProviderApp {
  clientId: string;
  /** Absent only for X public (PKCE-only) clients. */
  clientSecret?: string;
}

/** Where each provider's browser and token endpoints live (no trailing slash). */
export interface ProviderUrls {
  /** `META_OAUTH_DIALOG_URL`: Facebook Login dialog. */
  metaDialogUrl: string;
  /** `META_GRAPH_URL`: token exchange, `/me/accounts`, `/me`. */
  metaGraphUrl: string;
  /** `INSTAGRAM_OAUTH_URL`: Instagram Login authorize page. */
  instagramOAuthUrl: string;
  /** `INSTAGRAM_API_URL`: Instagram Login code exchange (`/oauth/access_token`). */
  instagramApiUrl: string;
  /** `INSTAGRAM_GRAPH_URL`: Instagram Login long-lived exchange (`/access_token`) and `/me`. */
  instagramGraphUrl: string;
  /** `THREADS_OAUTH_URL`: Threads authorize page. */
  threadsOAuthUrl: string;
  /** `THREADS_API_URL`: `/me`; its token endpoints sit at the same URL without the version segment. */
  threadsApiUrl: string;
  /** `X_OAUTH_AUTHORIZE_URL`: X authorize page. */
  xAuthorizeUrl: string;
  /** `X_API_URL`: `/2/oauth2/token`, `/2/users/me`. */
  xApiUrl: string;
  /** `LINKEDIN_OAUTH_URL`: `/authorization` (browser) and `/accessToken`. */
  linkedinOAuthUrl: string;
  /** `LINKEDIN_API_URL`: `/v2/userinfo`. */
  linkedinApiUrl: string;
}

/** Parsed, validated broker configuration. */
export interface BrokerConfig {
  /** Listen address (`HOST`, default 127.0.0.1). */
  host: string;
  /** `BROKER_PORT` (default 3030; 0 = ephemeral). */
  port: number;
  /** `BROKER_PUBLIC_URL`: the origin redirect URIs are built on, `<it>/callback/<platform>`. */
  publicUrl: string;
  /**
   * Whom the listener believes about the client address (`BROKER_TRUST_PROXY`: hop count or proxy
   * address/CIDR list, Express's `trust proxy`); false (default) trusts nobody. Decides the address the
   * operator sign-in limit (10 wrong tokens per 15 minutes) counts.
   */
  trustProxy: TrustProxy;
  /** `BROKER_DATABASE_URL`, else `DATABASE_URL`. */
  databaseUrl: string;
  /** `BROKER_ENCRYPTION_KEYS`: encrypts client vault API keys, PKCE verifiers, Mastodon app secrets, pending tokens. */
  keyRing: KeyRing;
  /**
   * Signs the session cookie: `BROKER_SESSION_SECRET` when set, else derived (HKDF) from the active
   * entry of BROKER_ENCRYPTION_KEYS, so rotating that key also ends open browser sessions.
   */
  sessionSecret: string;
  /** HMAC key of signed start links, derived (HKDF) from the active entry of BROKER_ENCRYPTION_KEYS. */
  startLinkKey: Buffer;
  /** `BROKER_ADMIN_TOKEN`: bearer for `/admin/*`; unset turns the admin API off (every call 401). */
  adminToken?: string;
  /** The single-tenant client `local`: `VAULT_INGRESS_URL` + `BROKER_API_KEY`, when both are set. */
  localVault?: { vaultUrl: string; apiKey: string };
  /** `BROKER_ALLOW_UNSIGNED_START`: accept `/auth/:platform?client_id=` (or no client) without a signature. */
  allowUnsignedStart: boolean;
  /** `ALLOW_INSECURE_URLS`: accept http:// Mastodon instances (local simulators and tests only). */
  allowInsecureUrls: boolean;
  /** `MASTODON_PRIVATE_INSTANCE_ALLOWLIST`: origins allowed although they resolve to private addresses. */
  mastodonPrivateAllowlist: string[];
  /** Provider app credentials; absent = that flow is not configured. */
  apps: {
    meta?: ProviderApp;
    instagram?: ProviderApp;
    threads?: ProviderApp;
    x?: ProviderApp;
    linkedin?: ProviderApp;
  };
  urls: ProviderUrls;
  /** `BROKER_PROVIDER_TIMEOUT_MS`: one provider call (default 10,000 ms). */
  providerTimeoutMs: number;
  /** `BROKER_VAULT_TIMEOUT_MS`: one vault ingress call (default 10,000 ms). */
  vaultTimeoutMs: number;
  /** True when `NODE_ENV=production`. */
  production: boolean;
}

const MIN_SECRET_LENGTH = 16;

const secret = (what: string) =>
  optional(
    printableAscii().min(MIN_SECRET_LENGTH, {
      error: `must be at least ${MIN_SECRET_LENGTH} characters (${what})`,
    }),
  );
const appText = optional(printableAscii());

const brokerSchema = z
  .object({
    NODE_ENV: optional(z.string()),
    HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
    BROKER_PORT: port(3030),
    BROKER_PUBLIC_URL: httpUrl('http://127.0.0.1:3030'),
    BROKER_TRUST_PROXY: trustProxyField,
    BROKER_DATABASE_URL: optional(z.string()),
    DATABASE_URL: optional(z.string()),
    BROKER_ENCRYPTION_KEYS: z.preprocess(
      emptyAsUndefined,
      z.string({ error: 'is required: k1:<base64 32 bytes>[,k0:<…>] (pnpm generate-secrets makes one)' }),
    ),
    BROKER_SESSION_SECRET: secret('signs the browser session cookie'),
    BROKER_ADMIN_TOKEN: secret('the admin API bearer token'),
    VAULT_INGRESS_URL: optional(httpUrl()),
    BROKER_API_KEY: secret('the X-API-Key of the local vault'),
    BROKER_ALLOW_UNSIGNED_START: flag,
    ALLOW_INSECURE_URLS: flag,
    MASTODON_PRIVATE_INSTANCE_ALLOWLIST: originListField,
    META_APP_ID: appText,
    META_APP_SECRET: appText,
    INSTAGRAM_APP_ID: appText,
    INSTAGRAM_APP_SECRET: appText,
    THREADS_APP_ID: appText,
    THREADS_APP_SECRET: appText,
    X_CLIENT_ID: appText,
    X_CLIENT_SECRET: appText,
    LINKEDIN_CLIENT_ID: appText,
    LINKEDIN_CLIENT_SECRET: appText,
    META_OAUTH_DIALOG_URL: httpUrl('https://www.facebook.com/v25.0/dialog/oauth'),
    META_GRAPH_URL: httpUrl('https://graph.facebook.com/v25.0'),
    INSTAGRAM_OAUTH_URL: httpUrl('https://www.instagram.com/oauth/authorize'),
    INSTAGRAM_API_URL: httpUrl('https://api.instagram.com'),
    INSTAGRAM_GRAPH_URL: httpUrl('https://graph.instagram.com'),
    THREADS_OAUTH_URL: httpUrl('https://threads.net/oauth/authorize'),
    THREADS_API_URL: httpUrl('https://graph.threads.net/v1.0'),
    X_OAUTH_AUTHORIZE_URL: httpUrl('https://x.com/i/oauth2/authorize'),
    X_API_URL: httpUrl('https://api.x.com'),
    LINKEDIN_OAUTH_URL: httpUrl('https://www.linkedin.com/oauth/v2'),
    LINKEDIN_API_URL: httpUrl('https://api.linkedin.com'),
    BROKER_PROVIDER_TIMEOUT_MS: wholeNumber(10_000, 100, 120_000),
    BROKER_VAULT_TIMEOUT_MS: wholeNumber(10_000, 100, 120_000),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const databaseUrl = env.BROKER_DATABASE_URL ?? env.DATABASE_URL;
    if (!databaseUrl) issue('BROKER_DATABASE_URL', 'is required (or DATABASE_URL): a postgres:// URL');
    else if (!/^postgres(ql)?:\/\//.test(databaseUrl))
      issue(env.BROKER_DATABASE_URL ? 'BROKER_DATABASE_URL' : 'DATABASE_URL', 'must be a postgres:// URL');
    if (!!env.VAULT_INGRESS_URL !== !!env.BROKER_API_KEY)
      issue(
        env.VAULT_INGRESS_URL ? 'BROKER_API_KEY' : 'VAULT_INGRESS_URL',
        'is needed too for the local vault',
      );
    for (const [id, secretName] of [
      ['META_APP_ID', 'META_APP_SECRET'],
      ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET'],
      ['THREADS_APP_ID', 'THREADS_APP_SECRET'],
      ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'],
    ] as const) {
      if (!!env[id] !== !!env[secretName])
        issue(env[id] ? secretName : id, `is needed with ${env[id] ? id : secretName}`);
    }
    if (env.X_CLIENT_SECRET && !env.X_CLIENT_ID) issue('X_CLIENT_ID', 'is needed with X_CLIENT_SECRET');
    if (env.NODE_ENV === 'production') {
      if (env.ALLOW_INSECURE_URLS) issue('ALLOW_INSECURE_URLS', 'must not be true when NODE_ENV=production');
      if (env.BROKER_ALLOW_UNSIGNED_START)
        issue('BROKER_ALLOW_UNSIGNED_START', 'must not be true when NODE_ENV=production');
    }
  });

/** HKDF-SHA256 of the ring's active entry for one purpose: a key that changes when the active key does. */
function deriveFromActiveKey(keysSpec: string, purpose: string): Buffer {
  const active = keysSpec.split(',')[0]!.trim();
  return Buffer.from(crypto.hkdfSync('sha256', active, 'socialvault-broker', purpose, 32));
}

function app(clientId?: string, clientSecret?: string): ProviderApp | undefined {
  return clientId ? { clientId, ...(clientSecret ? { clientSecret } : {}) } : undefined;
}

/**
 * Reads and validates the broker's environment; registers every configured secret with the redactor.
 * @throws ConfigError with one line naming each bad variable (values are never echoed).
 */
export function loadBrokerConfig(env: NodeJS.ProcessEnv = process.env): BrokerConfig {
  for (const name of [
    'BROKER_SESSION_SECRET',
    'BROKER_ADMIN_TOKEN',
    'BROKER_API_KEY',
    'META_APP_SECRET',
    'INSTAGRAM_APP_SECRET',
    'THREADS_APP_SECRET',
    'X_CLIENT_SECRET',
    'LINKEDIN_CLIENT_SECRET',
  ])
    registerSecret(env[name], { pinned: true });
  const parsed = parseEnv(brokerSchema, env);
  let keyRing: KeyRing;
  try {
    keyRing = parseKeyRing(parsed.BROKER_ENCRYPTION_KEYS, {
      variable: 'BROKER_ENCRYPTION_KEYS',
      rewriteHint: 'start the connect flow again, or register the client again',
    });
  } catch (error) {
    // Same one-line shape as parseEnv's failures.
    throw Object.assign(error as Error, {
      message: `Invalid configuration: BROKER_ENCRYPTION_KEYS: ${(error as Error).message}`,
    });
  }
  const derivedSession = deriveFromActiveKey(parsed.BROKER_ENCRYPTION_KEYS, 'session cookie').toString(
    'base64url',
  );
  registerSecret(derivedSession, { pinned: true });
  return {
    host: parsed.HOST,
    port: parsed.BROKER_PORT,
    publicUrl: parsed.BROKER_PUBLIC_URL,
    trustProxy: parsed.BROKER_TRUST_PROXY,
    databaseUrl: (parsed.BROKER_DATABASE_URL ?? parsed.DATABASE_URL) as string,
    keyRing,
    sessionSecret: parsed.BROKER_SESSION_SECRET ?? derivedSession,
    startLinkKey: deriveFromActiveKey(parsed.BROKER_ENCRYPTION_KEYS, 'start links'),
    ...(parsed.BROKER_ADMIN_TOKEN ? { adminToken: parsed.BROKER_ADMIN_TOKEN } : {}),
    ...(parsed.VAULT_INGRESS_URL && parsed.BROKER_API_KEY
      ? { localVault: { vaultUrl: parsed.VAULT_INGRESS_URL, apiKey: parsed.BROKER_API_KEY } }
      : {}),
    allowUnsignedStart: parsed.BROKER_ALLOW_UNSIGNED_START,
    allowInsecureUrls: parsed.ALLOW_INSECURE_URLS,
    mastodonPrivateAllowlist: parsed.MASTODON_PRIVATE_INSTANCE_ALLOWLIST,
    apps: {
      meta: app(parsed.META_APP_ID, parsed.META_APP_SECRET),
      instagram: app(parsed.INSTAGRAM_APP_ID, parsed.INSTAGRAM_APP_SECRET),
      threads: app(parsed.THREADS_APP_ID, parsed.THREADS_APP_SECRET),
      x: app(parsed.X_CLIENT_ID, parsed.X_CLIENT_SECRET),
      linkedin: app(parsed.LINKEDIN_CLIENT_ID, parsed.LINKEDIN_CLIENT_SECRET),
    },
    urls: {
      metaDialogUrl: parsed.META_OAUTH_DIALOG_URL,
      metaGraphUrl: parsed.META_GRAPH_URL,
      instagramOAuthUrl: parsed.INSTAGRAM_OAUTH_URL,
      instagramApiUrl: parsed.INSTAGRAM_API_URL,
      instagramGraphUrl: parsed.INSTAGRAM_GRAPH_URL,
      threadsOAuthUrl: parsed.THREADS_OAUTH_URL,
      threadsApiUrl: parsed.THREADS_API_URL,
      xAuthorizeUrl: parsed.X_OAUTH_AUTHORIZE_URL,
      xApiUrl: parsed.X_API_URL,
      linkedinOAuthUrl: parsed.LINKEDIN_OAUTH_URL,
      linkedinApiUrl: parsed.LINKEDIN_API_URL,
    },
    providerTimeoutMs: parsed.BROKER_PROVIDER_TIMEOUT_MS,
    vaultTimeoutMs: parsed.BROKER_VAULT_TIMEOUT_MS,
    production: parsed.NODE_ENV === 'production',
  };
}
