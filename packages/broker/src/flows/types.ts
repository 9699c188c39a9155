// What every connect flow implements: the authorize URL and the steps from code to a vault payload.
import type { Platform } from '@socialvault/vault-api';
import type { BrokerConfig } from '../config';
import type { ProviderHttp } from './provider-http';

/** The flows the broker runs; `instagram` is Facebook Login, `instagram_login` Instagram Login. */
export type FlowKey = 'instagram' | 'instagram_login' | 'threads' | 'x' | 'linkedin' | 'mastodon';

/** What the vault ingress accepts (SPEC "Broker ingress"), generic or the seed Meta form. */
export type VaultPayload = Record<string, unknown>;

/** One page a Meta user can connect: the page and its Instagram business account. */
export interface MetaPage {
  facebook_page_id: string;
  page_name: string;
  instagram_business_account_id: string;
  instagram_username?: string;
}

/** A Meta user's consent with several pages, waiting for the page picker: the long-lived user token and the pages. */
export interface PageChoice {
  userToken: string;
  expiresInS?: number;
  metaUserId: string;
  adAccountId?: string;
  scopes?: string[];
  pages: MetaPage[];
}

/** The end of a flow: a payload to forward, or (Meta with several pages) a choice to ask for. */
export type FlowResult =
  | { kind: 'forward'; accountId: string; username?: string; payload: VaultPayload }
  | ({ kind: 'pick_page'; accountId: string } & PageChoice);

/** Inputs of the authorize redirect. */
export interface AuthorizeInput {
  state: string;
  redirectUri: string;
  codeChallenge?: string;
  /** Mastodon: the instance URL and the app the broker registered there. */
  mastodon?: { instanceUrl: string; clientId: string };
}

/** Inputs of the code exchange. */
export interface ExchangeInput {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  mastodon?: { instanceUrl: string; clientId: string; clientSecret: string };
}

/** One connect flow. */
export interface ConnectFlow {
  key: FlowKey;
  /** The vault platform its credentials are for. */
  platform: Platform;
  /** Shown on pages. */
  title: string;
  /** PKCE S256 (X, Mastodon). */
  pkce: boolean;
  /** The app credentials variable(s) to name when unset, or undefined when configured (Mastodon: always). */
  missingApp(config: BrokerConfig): string | undefined;
  authorizeUrl(config: BrokerConfig, input: AuthorizeInput): string;
  exchange(config: BrokerConfig, http: ProviderHttp, input: ExchangeInput): Promise<FlowResult>;
}

/** `base?a=1&b=2` with the given parameters (undefined ones left out). */
export function withQuery(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * The authorization-code redirect every flow sends: response_type=code, client_id, redirect_uri, scope, state,
 * and the S256 PKCE challenge when the flow made one.
 */
export function codeRedirect(base: string, clientId: string, input: AuthorizeInput, scope: string): string {
  return withQuery(base, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: input.redirectUri,
    scope,
    state: input.state,
    ...(input.codeChallenge ? { code_challenge: input.codeChallenge, code_challenge_method: 'S256' } : {}),
  });
}

/**
 * A flow's end with one account: the vault payload `{platform, account_id, access_token, …fields, username}`
 * and the id and name the pages show. `fields` holds what differs per platform (expiry, scopes, refresh, extra).
 */
export function forwardCredential(
  platform: Platform,
  account: { accountId: string; accessToken: string; username?: string },
  fields: VaultPayload,
): FlowResult {
  return {
    kind: 'forward',
    accountId: account.accountId,
    username: account.username,
    payload: {
      platform,
      account_id: account.accountId,
      access_token: account.accessToken,
      ...fields,
      username: account.username,
    },
  };
}

/** Splits a provider's scope answer (space- or comma-separated string, or array). */
export function scopeList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string' && value.trim()) return value.split(/[\s,]+/).filter(Boolean);
  return undefined;
}
