// Builds a MastodonClient for one tool call: the instance comes from the credential, never from the caller.
import { AppError } from '@socialvault/common';
import type { Credential, ToolContext } from '@socialvault/mcp-kit';
import {
  MastodonClient,
  type MastodonInstanceCache,
  type MastodonInstanceInfo,
} from '@socialvault/platforms';
import type { MastodonToolConfig } from './config';

/** A client bound to the credential's instance, and that instance's limits. */
export interface MastodonSession {
  m: MastodonClient;
  credential: Credential;
  /** The credential's `extra.instance_url`, without a trailing slash. */
  instanceUrl: string;
  /** The instance's limits from /api/v2/instance (cached per instance; Mastodon's defaults if unreadable). */
  instance(): Promise<MastodonInstanceInfo>;
}

/**
 * The instance URL of a Mastodon credential: `extra.instance_url`, https (http only with
 * ALLOW_INSECURE_URLS=true, for simulators).
 * @throws AppError reconnect_required when the vault has none or an unusable one.
 */
export function instanceUrlOf(credential: Credential, allowInsecureUrls: boolean): string {
  const raw = credential.extra.instance_url;
  let url: URL | undefined;
  try {
    url = typeof raw === 'string' ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  const protocolOk = url?.protocol === 'https:' || (allowInsecureUrls && url?.protocol === 'http:');
  if (!url || !protocolOk) {
    throw new AppError(
      'reconnect_required',
      `The vault's Mastodon credential ${credential.accountId} has no usable extra.instance_url`,
      {
        hint: 'Reconnect the account through the OAuth broker with extra.instance_url set to the https:// URL of its instance.',
        details: { account_id: credential.accountId },
      },
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Fetches this call's credential from the vault (cached in memory by the kit) and builds a client for
 * its instance; the token goes only to that instance, and only at a public address unless the instance's
 * origin is in MASTODON_PRIVATE_INSTANCE_ALLOWLIST (also for rows stored before the vault checked it). Two credentials on two instances never share a
 * client, a token or a cache entry.
 * @throws AppError from the vault client, or reconnect_required for a credential without an instance.
 */
export async function openMastodon(
  ctx: ToolContext<MastodonToolConfig>,
  instances: MastodonInstanceCache,
): Promise<MastodonSession> {
  const credential = await ctx.credential();
  const instanceUrl = instanceUrlOf(credential, ctx.config.allowInsecureUrls);
  const m = new MastodonClient({
    instanceUrl,
    accessToken: credential.accessToken,
    timeoutMs: ctx.config.mastodonTimeoutMs,
    mediaPollIntervalMs: ctx.config.mediaPollIntervalMs,
    mediaMaxPolls: ctx.config.mediaMaxPolls,
    privateInstanceAllowlist: ctx.config.privateInstanceAllowlist,
  });
  return { m, credential, instanceUrl, instance: () => instances.get(instanceUrl, () => m.getInstance()) };
}
