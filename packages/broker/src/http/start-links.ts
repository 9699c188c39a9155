// Signed, expiring start links (seed 002 multi-tenancy): /auth/<platform>?client_id=…&exp=…&sig=… (HMAC-SHA256).
import crypto from 'node:crypto';
import type { BrokerConfig } from '../config';
import type { ConnectFlow } from '../flows';

/** What a start link names: the client, the platform route, the Instagram login variant, the expiry. */
export interface StartLinkFacts {
  clientId: string;
  platform: string;
  /** `instagram` for Instagram Login (`/auth/instagram?login=instagram`); absent = the platform's default. */
  login?: string;
  /** Unix seconds. */
  expiresAtS: number;
}

export type StartLinkProblem = 'unsigned' | 'bad_signature' | 'expired';

function signature(key: Buffer, facts: StartLinkFacts): string {
  const text = ['v1', facts.clientId, facts.platform, facts.login ?? '', String(facts.expiresAtS)].join('\n');
  return crypto.createHmac('sha256', key).update(text).digest('base64url');
}

/** The absolute start link for `facts` on `publicUrl`. */
export function signStartLink(publicUrl: string, key: Buffer, facts: StartLinkFacts): string {
  const url = new URL(`${publicUrl}/auth/${encodeURIComponent(facts.platform)}`);
  url.searchParams.set('client_id', facts.clientId);
  if (facts.login) url.searchParams.set('login', facts.login);
  url.searchParams.set('exp', String(facts.expiresAtS));
  url.searchParams.set('sig', signature(key, facts));
  return url.toString();
}

/**
 * Checks a start link's `sig` (constant time) and `exp` against `nowS`.
 * Returns undefined when valid, else why not (`unsigned` when no sig/exp was given).
 */
export function checkStartLink(
  key: Buffer,
  facts: Omit<StartLinkFacts, 'expiresAtS'>,
  query: { exp?: unknown; sig?: unknown },
  nowS = Math.floor(Date.now() / 1000),
): StartLinkProblem | undefined {
  if (typeof query.sig !== 'string' || typeof query.exp !== 'string') return 'unsigned';
  if (!/^\d{1,12}$/.test(query.exp)) return 'bad_signature';
  const expected = Buffer.from(signature(key, { ...facts, expiresAtS: Number(query.exp) }));
  const given = Buffer.from(query.sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'bad_signature';
  return Number(query.exp) <= nowS ? 'expired' : undefined;
}

/** What a start link of `flow` names besides client and expiry: its platform, and `login` for Instagram Login. */
export function flowLinkFacts(flow: Pick<ConnectFlow, 'key' | 'platform'>): {
  platform: string;
  login?: string;
} {
  return { platform: flow.platform, ...(flow.key === 'instagram_login' ? { login: 'instagram' } : {}) };
}

/** The signed start link of `flow` for `clientId` on this broker, valid until `expiresAtS` (Unix seconds). */
export function signFlowLink(
  config: Pick<BrokerConfig, 'publicUrl' | 'startLinkKey'>,
  clientId: string,
  flow: Pick<ConnectFlow, 'key' | 'platform'>,
  expiresAtS: number,
): string {
  return signStartLink(config.publicUrl, config.startLinkKey, {
    clientId,
    ...flowLinkFacts(flow),
    expiresAtS,
  });
}
