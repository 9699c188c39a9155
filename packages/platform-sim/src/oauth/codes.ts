// Authorization requests waiting on the consent page and the codes they turn into (single use, 10 minutes, PKCE).
// @see https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2 and https://datatracker.ietf.org/doc/html/rfc7636
import crypto from 'node:crypto';
import type { OAuthProvider } from './endpoints';

/** Codes and consent pages live 10 minutes (RFC 6749 §4.1.2 recommends at most 10). */
export const CODE_LIFETIME_S = 600;

/** A validated authorize request, as the consent page holds it until Authorize or Cancel. */
export interface AuthorizationRequest {
  provider: OAuthProvider;
  /** The Mastodon instance name; '' for the other providers. */
  realm: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

/** An issued authorization code and what it is bound to. */
export interface SimAuthCode extends AuthorizationRequest {
  code: string;
  /** The simulated user who consented (account id, member sub, Meta user id…). */
  userRef: string;
  expiresAtMs: number;
  used: boolean;
  /** Tokens issued with it: revoked when the code is presented again (RFC 6749 §4.1.2). */
  issuedTokens: string[];
}

/** What the token endpoint presents with a code. */
export interface CodeRedemption {
  provider: OAuthProvider;
  realm: string;
  clientId: string;
  redirectUri: string | undefined;
  codeVerifier: string | undefined;
}

/** Why a code was refused; `reused` carries the code so the caller can revoke its tokens. */
export type RedeemFailure =
  | 'unknown'
  | 'reused'
  | 'expired'
  | 'client_mismatch'
  | 'redirect_uri_mismatch'
  | 'verifier_missing'
  | 'verifier_mismatch';

export type RedeemResult =
  { ok: true; code: SimAuthCode } | { ok: false; reason: RedeemFailure; code?: SimAuthCode };

/** RFC 7636 §4.6: BASE64URL(SHA256(verifier)) for S256, the verifier itself for plain. */
export function pkceChallengeOf(verifier: string, method: 'S256' | 'plain'): string {
  return method === 'plain' ? verifier : crypto.createHash('sha256').update(verifier).digest('base64url');
}

const equal = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export class AuthCodeStore {
  private readonly consents = new Map<string, { request: AuthorizationRequest; expiresAtMs: number }>();
  private readonly codes = new Map<string, SimAuthCode>();

  /** `nowMs` is the simulator's OAuth clock (tests move it to expire codes). */
  constructor(private readonly nowMs: () => number) {}

  /** Holds a validated request for the consent form; returns the id the form posts back. */
  openConsent(request: AuthorizationRequest): string {
    const id = crypto.randomBytes(16).toString('base64url');
    this.consents.set(id, { request, expiresAtMs: this.nowMs() + CODE_LIFETIME_S * 1000 });
    return id;
  }

  /** The request behind a consent form, once (undefined when unknown, used or older than 10 minutes). */
  takeConsent(id: string): AuthorizationRequest | undefined {
    const entry = this.consents.get(id);
    this.consents.delete(id);
    return entry && entry.expiresAtMs > this.nowMs() ? entry.request : undefined;
  }

  /** Issues a code for `request`, consented by `userRef`. */
  issue(request: AuthorizationRequest, userRef: string): SimAuthCode {
    const code: SimAuthCode = {
      ...request,
      code: crypto.randomBytes(24).toString('base64url'),
      userRef,
      expiresAtMs: this.nowMs() + CODE_LIFETIME_S * 1000,
      used: false,
      issuedTokens: [],
    };
    this.codes.set(code.code, code);
    return code;
  }

  /**
   * Redeems `value`: it must exist for this provider and realm, be unused and unexpired, belong to
   * the client, come with the exact redirect URI of the authorize request, and — when the request
   * carried a code_challenge — with the verifier that hashes to it. A code is spent by its first
   * presentation that names its client, even when a later check fails (as Doorkeeper does).
   */
  redeem(value: string, presented: CodeRedemption): RedeemResult {
    const code = this.codes.get(value);
    if (!code || code.provider !== presented.provider || code.realm !== presented.realm) {
      return { ok: false, reason: 'unknown' };
    }
    if (code.clientId !== presented.clientId) return { ok: false, reason: 'client_mismatch' };
    if (code.used) return { ok: false, reason: 'reused', code };
    code.used = true;
    if (code.expiresAtMs <= this.nowMs()) return { ok: false, reason: 'expired' };
    if (presented.redirectUri !== code.redirectUri) return { ok: false, reason: 'redirect_uri_mismatch' };
    if (code.codeChallenge) {
      if (!presented.codeVerifier) return { ok: false, reason: 'verifier_missing' };
      const challenge = pkceChallengeOf(presented.codeVerifier, code.codeChallengeMethod ?? 'plain');
      if (!equal(challenge, code.codeChallenge)) return { ok: false, reason: 'verifier_mismatch' };
    }
    return { ok: true, code };
  }

  /** Forgets consent requests and codes. */
  clear(): void {
    this.consents.clear();
    this.codes.clear();
  }
}
