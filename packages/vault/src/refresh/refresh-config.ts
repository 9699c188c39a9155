// The refresh scheduler's environment: sweep schedule, concurrency, token endpoint URLs, app credentials, events webhook.
import { z } from 'zod';
import { validate as isValidCron } from 'node-cron';
import {
  emptyAsUndefined,
  flag,
  httpUrl,
  optional,
  parseEnv,
  printableAscii,
  registerSecret,
  wholeNumber,
} from '@socialvault/common';
import { threadsTokenUrlOf } from '@socialvault/vault-api';

/** App credentials of one platform; a platform without them is not refreshed (logged once at start). */
export interface RefreshApps {
  /** `META_APP_ID` / `META_APP_SECRET`: Graph `fb_exchange_token` (Instagram via Facebook Login). */
  meta?: { appId: string; appSecret: string };
  /** `X_CLIENT_ID` / `X_CLIENT_SECRET` (absent secret = public PKCE client, no Basic auth). */
  x?: { clientId: string; clientSecret?: string };
  /** `LINKEDIN_CLIENT_ID` / `LINKEDIN_CLIENT_SECRET`. */
  linkedin?: { clientId: string; clientSecret: string };
}

/** Where each platform's token endpoint lives (no trailing slash). */
export interface RefreshEndpoints {
  /** `META_GRAPH_URL`, e.g. `https://graph.facebook.com/v25.0` (→ `/oauth/access_token`). */
  metaGraphUrl: string;
  /** `INSTAGRAM_GRAPH_URL`, e.g. `https://graph.instagram.com` (→ `/refresh_access_token`). */
  instagramGraphUrl: string;
  /** `THREADS_API_URL` without its version segment, e.g. `https://graph.threads.net` (→ `/refresh_access_token`). */
  threadsTokenUrl: string;
  /** `X_API_URL`, e.g. `https://api.x.com` (→ `/2/oauth2/token`). */
  xApiUrl: string;
  /** `LINKEDIN_OAUTH_URL`, e.g. `https://www.linkedin.com/oauth/v2` (→ `/accessToken`). */
  linkedinOAuthUrl: string;
}

/** Parsed refresh configuration. */
export interface RefreshConfig {
  /** `VAULT_REFRESH_CRON` (default every 10 minutes). */
  cron: string;
  /** `VAULT_REFRESH_CONCURRENCY`: provider calls in flight at most during a sweep (default 4). */
  concurrency: number;
  /** `VAULT_REFRESH_TIMEOUT_MS`: timeout of one token endpoint call (default 10,000 ms). */
  providerTimeoutMs: number;
  /** `VAULT_EVENTS_WEBHOOK_URL`: where `credential.reconnect_required` events go, if anywhere. */
  eventsWebhookUrl?: string;
  /** `VAULT_EVENTS_SECRET`: HMAC-SHA256 key of the `X-Socialvault-Signature` header (required with the URL). */
  eventsSecret?: string;
  endpoints: RefreshEndpoints;
  apps: RefreshApps;
}

const MIN_EVENTS_SECRET_LENGTH = 16;
const secretText = optional(printableAscii());

/** The refresh variables, merged into the vault's schema and used alone by the CLI. */
export const refreshEnvShape = {
  VAULT_REFRESH_CRON: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('*/10 * * * *')
      .refine((value) => isValidCron(value), { error: 'is not a valid cron expression' }),
  ),
  VAULT_REFRESH_CONCURRENCY: wholeNumber(4, 1, 64),
  VAULT_REFRESH_TIMEOUT_MS: wholeNumber(10_000, 100, 120_000),
  VAULT_EVENTS_WEBHOOK_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  VAULT_EVENTS_SECRET: optional(
    z
      .string()
      .min(MIN_EVENTS_SECRET_LENGTH, { error: `must be at least ${MIN_EVENTS_SECRET_LENGTH} characters` }),
  ),
  META_GRAPH_URL: httpUrl('https://graph.facebook.com/v25.0'),
  INSTAGRAM_GRAPH_URL: httpUrl('https://graph.instagram.com'),
  THREADS_API_URL: httpUrl('https://graph.threads.net/v1.0'),
  X_API_URL: httpUrl('https://api.x.com'),
  LINKEDIN_OAUTH_URL: httpUrl('https://www.linkedin.com/oauth/v2'),
  META_APP_ID: secretText,
  META_APP_SECRET: secretText,
  X_CLIENT_ID: secretText,
  X_CLIENT_SECRET: secretText,
  LINKEDIN_CLIENT_ID: secretText,
  LINKEDIN_CLIENT_SECRET: secretText,
};

const refreshEnvObject = z.object(refreshEnvShape);
type RefreshEnv = z.output<typeof refreshEnvObject> & { ALLOW_INSECURE_URLS: boolean };

const TOKEN_URL_VARS = [
  'META_GRAPH_URL',
  'INSTAGRAM_GRAPH_URL',
  'THREADS_API_URL',
  'X_API_URL',
  'LINKEDIN_OAUTH_URL',
] as const;

/**
 * Cross-field rules: app credentials come in pairs; the events secret comes with the webhook URL;
 * token endpoints (which receive app secrets and refresh tokens) are https unless ALLOW_INSECURE_URLS.
 */
export function checkRefreshEnv(env: RefreshEnv, ctx: z.RefinementCtx): void {
  const pairs: [keyof RefreshEnv, keyof RefreshEnv][] = [
    ['META_APP_ID', 'META_APP_SECRET'],
    ['META_APP_SECRET', 'META_APP_ID'],
    ['X_CLIENT_SECRET', 'X_CLIENT_ID'],
    ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'],
    ['LINKEDIN_CLIENT_SECRET', 'LINKEDIN_CLIENT_ID'],
    ['VAULT_EVENTS_WEBHOOK_URL', 'VAULT_EVENTS_SECRET'],
  ];
  for (const [given, needed] of pairs) {
    if (env[given] !== undefined && env[needed] === undefined) {
      ctx.addIssue({ code: 'custom', path: [needed], message: `is required when ${given} is set` });
    }
  }
  if (env.ALLOW_INSECURE_URLS) return;
  for (const name of TOKEN_URL_VARS) {
    if (env[name].startsWith('http://')) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'must be an https URL (http:// only with ALLOW_INSECURE_URLS=true, for simulators)',
      });
    }
  }
}

/** Builds the RefreshConfig from parsed variables and registers its secrets with the log redactor. */
export function refreshConfigFrom(env: RefreshEnv): RefreshConfig {
  for (const secret of [
    env.META_APP_SECRET,
    env.X_CLIENT_SECRET,
    env.LINKEDIN_CLIENT_SECRET,
    env.VAULT_EVENTS_SECRET,
  ])
    registerSecret(secret, { pinned: true });
  const apps: RefreshApps = {};
  if (env.META_APP_ID && env.META_APP_SECRET)
    apps.meta = { appId: env.META_APP_ID, appSecret: env.META_APP_SECRET };
  if (env.X_CLIENT_ID) {
    apps.x = {
      clientId: env.X_CLIENT_ID,
      ...(env.X_CLIENT_SECRET ? { clientSecret: env.X_CLIENT_SECRET } : {}),
    };
  }
  if (env.LINKEDIN_CLIENT_ID && env.LINKEDIN_CLIENT_SECRET) {
    apps.linkedin = { clientId: env.LINKEDIN_CLIENT_ID, clientSecret: env.LINKEDIN_CLIENT_SECRET };
  }
  return {
    cron: env.VAULT_REFRESH_CRON,
    concurrency: env.VAULT_REFRESH_CONCURRENCY,
    providerTimeoutMs: env.VAULT_REFRESH_TIMEOUT_MS,
    ...(env.VAULT_EVENTS_WEBHOOK_URL ? { eventsWebhookUrl: env.VAULT_EVENTS_WEBHOOK_URL } : {}),
    ...(env.VAULT_EVENTS_SECRET ? { eventsSecret: env.VAULT_EVENTS_SECRET } : {}),
    endpoints: {
      metaGraphUrl: env.META_GRAPH_URL,
      instagramGraphUrl: env.INSTAGRAM_GRAPH_URL,
      threadsTokenUrl: threadsTokenUrlOf(env.THREADS_API_URL),
      xApiUrl: env.X_API_URL,
      linkedinOAuthUrl: env.LINKEDIN_OAUTH_URL,
    },
    apps,
  };
}

const refreshSchema = refreshEnvObject
  .extend({ ALLOW_INSECURE_URLS: flag })
  .superRefine((env, ctx) => checkRefreshEnv(env, ctx));

/**
 * Reads only the refresh variables (for `pnpm vault refresh`).
 * @throws ConfigError with one line naming each bad variable (values never echoed).
 */
export function loadRefreshConfig(env: NodeJS.ProcessEnv = process.env): RefreshConfig {
  for (const name of ['META_APP_SECRET', 'X_CLIENT_SECRET', 'LINKEDIN_CLIENT_SECRET', 'VAULT_EVENTS_SECRET'])
    registerSecret(env[name], { pinned: true });
  return refreshConfigFrom(parseEnv(refreshSchema, env));
}
