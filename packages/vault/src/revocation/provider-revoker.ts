// Revokes a credential's tokens at its provider when the broker deletes it (SPEC "Broker ingress": DELETE).
import type { AxiosInstance } from 'axios';
import { createGuardedLookup, hasListedOrigin, isAppError, type AddressPolicy } from '@socialvault/common';
import type { providerRevocationSchema } from '@socialvault/vault-api';
import type { z } from 'zod';
import type { CredentialRecord } from '../db/credential-repository';
import type { RefreshConfig } from '../refresh/refresh-config';
import { createTokenHttp, type AddressGuard } from '../refresh/strategies/provider-http';
import type { StoredTokens } from '../refresh/strategies/types';
import {
  revokeMastodonToken,
  revokeMetaPermissions,
  revokeXToken,
  type CallResult,
} from './revocation-calls';

/**
 * `succeeded`: the provider confirmed. `failed`: the token may still be valid there (provider error,
 * timeout, network, missing app credentials). `not_supported`: the platform documents no revocation
 * endpoint. `skipped`: nothing to revoke (the credential was already revoked and wiped).
 */
export type ProviderRevocationOutcome = z.infer<typeof providerRevocationSchema>;

/** The outcome of a provider revocation, as the DELETE answer and its audit row carry it. */
export interface ProviderRevocation {
  outcome: ProviderRevocationOutcome;
  /** `failed`: why, at most 500 characters, redacted, never a token or secret. */
  error?: string;
  /** `not_supported` / `skipped`: what happened instead and what the user can do. */
  note?: string;
}

/** Where the revocation endpoints are and the app credentials they take (from the refresh config). */
export interface RevocationSettings {
  /** `X_API_URL` (→ `/2/oauth2/revoke`). */
  xApiUrl: string;
  /** `META_GRAPH_URL` (→ `/{user-id}/permissions`). */
  metaGraphUrl: string;
  /** `X_CLIENT_ID` / `X_CLIENT_SECRET`; absent: X tokens cannot be revoked. */
  x?: { clientId: string; clientSecret?: string };
  /** `VAULT_REFRESH_TIMEOUT_MS`: timeout of one provider call. */
  timeoutMs: number;
  /** `MASTODON_PRIVATE_INSTANCE_ALLOWLIST`: instance origins the token may reach on a private address. */
  mastodonPrivateInstanceAllowlist: readonly string[];
  /** How instance hosts are resolved and judged (tests only; default: system DNS, public addresses). */
  instanceAddressPolicy?: AddressPolicy;
}

/** What the DELETE request may add for the call: the Mastodon app's secret, which the vault never stores. */
export interface RevocationInput {
  mastodonClientSecret?: string;
}

const MAX_ERROR_CHARS = 500;

const NOT_SUPPORTED_NOTES = {
  linkedin:
    'LinkedIn documents no endpoint to revoke a member token: it was wiped from the vault and stays valid at LinkedIn until it expires; the member can remove the app under Settings > Data privacy > Permitted services.',
  threads:
    'Threads documents no token revocation endpoint: the token was wiped from the vault and stays valid at Threads until it expires; the user can remove the app in the Threads settings (website permissions).',
  instagramLogin:
    'Instagram Login documents no token revocation endpoint: the token was wiped from the vault and stays valid at Instagram until it expires; the user can remove the app in the Instagram settings (apps and websites).',
} as const;

const failed = (error: string): ProviderRevocation => ({
  outcome: 'failed',
  error: error.slice(0, MAX_ERROR_CHARS),
});

/**
 * Settings from the refresh configuration (same endpoints, app credentials and provider timeout) and the
 * Mastodon instance guard the broker POST and mcp-mastodon apply too.
 */
export function revocationSettingsFrom(
  refresh: RefreshConfig,
  instances: { mastodonPrivateInstanceAllowlist: readonly string[]; instanceAddressPolicy?: AddressPolicy },
): RevocationSettings {
  return {
    xApiUrl: refresh.endpoints.xApiUrl,
    metaGraphUrl: refresh.endpoints.metaGraphUrl,
    ...(refresh.apps.x ? { x: refresh.apps.x } : {}),
    timeoutMs: refresh.providerTimeoutMs,
    ...instances,
  };
}

/** Calls each platform's revocation endpoint; never throws for a provider problem. */
export class ProviderRevoker {
  private readonly http: AxiosInstance;

  constructor(private readonly settings: RevocationSettings) {
    this.http = createTokenHttp(settings.timeoutMs);
  }

  /**
   * Revokes `record`'s tokens at its provider: X (refresh token, then access token), Mastodon (the
   * access token, with `extra.client_id` and the given app secret), Instagram via Facebook Login (the
   * user's permissions, `extra.meta_user_id` or `me`). LinkedIn, Threads and Instagram Login have no
   * documented endpoint: `not_supported`. `readTokens` decrypts the stored pair, only when a call needs it.
   * Provider errors, timeouts, network failures and a token that cannot be decrypted are `failed`.
   */
  async revoke(
    record: CredentialRecord,
    readTokens: () => StoredTokens,
    input: RevocationInput = {},
  ): Promise<ProviderRevocation> {
    switch (record.platform) {
      case 'linkedin':
        return { outcome: 'not_supported', note: NOT_SUPPORTED_NOTES.linkedin };
      case 'threads':
        return { outcome: 'not_supported', note: NOT_SUPPORTED_NOTES.threads };
      case 'instagram':
        if (record.extra.login_type === 'instagram') {
          return { outcome: 'not_supported', note: NOT_SUPPORTED_NOTES.instagramLogin };
        }
        return this.withTokens(readTokens, (tokens) => this.revokeMeta(record, tokens));
      case 'x':
        return this.withTokens(readTokens, (tokens) => this.revokeX(tokens));
      case 'mastodon':
        return this.withTokens(readTokens, (tokens) => this.revokeMastodon(record, tokens, input));
    }
  }

  private async withTokens(
    readTokens: () => StoredTokens,
    call: (tokens: StoredTokens) => Promise<ProviderRevocation>,
  ): Promise<ProviderRevocation> {
    let tokens: StoredTokens;
    try {
      tokens = readTokens();
    } catch (error) {
      if (!isAppError(error)) throw error;
      return failed(
        `The stored token could not be decrypted, so it was not sent to the provider: ${error.message}`,
      );
    }
    return call(tokens);
  }

  private async revokeX(tokens: StoredTokens): Promise<ProviderRevocation> {
    const app = this.settings.x;
    if (!app) {
      return failed(
        'X_CLIENT_ID is not set, so the vault cannot call X’s revocation endpoint; set X_CLIENT_ID (and X_CLIENT_SECRET for a confidential client).',
      );
    }
    // The refresh token first: it is the long-lived half of the grant.
    const results: CallResult[] = [];
    if (tokens.refreshToken) {
      results.push(
        await revokeXToken(this.http, this.settings.xApiUrl, app, tokens.refreshToken, 'refresh_token'),
      );
    }
    results.push(
      await revokeXToken(this.http, this.settings.xApiUrl, app, tokens.accessToken, 'access_token'),
    );
    const errors = results.flatMap((result) => (result.ok ? [] : [result.error]));
    return errors.length === 0 ? { outcome: 'succeeded' } : failed(errors.join('; '));
  }

  private async revokeMastodon(
    record: CredentialRecord,
    tokens: StoredTokens,
    input: RevocationInput,
  ): Promise<ProviderRevocation> {
    const instanceUrl = record.extra.instance_url;
    const clientId = record.extra.client_id;
    if (
      typeof instanceUrl !== 'string' ||
      !URL.canParse(instanceUrl) ||
      typeof clientId !== 'string' ||
      !clientId
    ) {
      return failed(
        'Mastodon revocation needs the app’s client_id in the credential’s extra.client_id (and extra.instance_url); it was stored without it.',
      );
    }
    if (!input.mastodonClientSecret) {
      return failed(
        'Mastodon’s /oauth/revoke needs the app’s client_secret, which the vault does not store; send it as client_secret in the DELETE body.',
      );
    }
    const result = await revokeMastodonToken(
      this.http,
      instanceUrl,
      { clientId, clientSecret: input.mastodonClientSecret },
      tokens.accessToken,
      this.instanceGuard(instanceUrl),
    );
    return result.ok ? { outcome: 'succeeded' } : failed(result.error);
  }

  /** The public-address guard for `instanceUrl`, or undefined when its origin is allowlisted. */
  private instanceGuard(instanceUrl: string): AddressGuard | undefined {
    if (hasListedOrigin(instanceUrl, this.settings.mastodonPrivateInstanceAllowlist)) return undefined;
    const policy = this.settings.instanceAddressPolicy;
    return {
      lookup: createGuardedLookup(policy),
      ...(policy?.isAllowed ? { isAllowed: policy.isAllowed } : {}),
      hint:
        'The token stays valid at the instance; an instance on your own network needs its origin ' +
        `(${new URL(instanceUrl).origin}) in the vault's MASTODON_PRIVATE_INSTANCE_ALLOWLIST.`,
    };
  }

  private async revokeMeta(record: CredentialRecord, tokens: StoredTokens): Promise<ProviderRevocation> {
    const metaUserId = record.extra.meta_user_id;
    const userId = typeof metaUserId === 'string' && /^[0-9]{1,40}$/.test(metaUserId) ? metaUserId : 'me';
    const result = await revokeMetaPermissions(
      this.http,
      this.settings.metaGraphUrl,
      userId,
      tokens.accessToken,
    );
    return result.ok ? { outcome: 'succeeded' } : failed(result.error);
  }
}
