// Builds an InstagramClient for one tool call from the credential this server fetched from the vault itself.
import { AppError } from '@socialvault/common';
import type { Credential, ToolContext } from '@socialvault/mcp-kit';
import { InstagramClient } from '@socialvault/platforms';
import type { InstagramToolConfig } from './config';

const GRAPH_ID = /^[0-9]{1,40}$/;

/**
 * The Instagram professional account id (Graph's `ig-user-id`) of a vault credential: the seed's
 * `instagram_business_account_id` when the vault sends it, else the credential's `account_id`.
 * @throws AppError reconnect_required when neither is a numeric Graph id (the broker stored a wrong id).
 */
export function igUserIdOf(credential: Credential): string {
  const fromExtra = credential.extra.instagram_business_account_id;
  const candidate = typeof fromExtra === 'string' || typeof fromExtra === 'number' ? String(fromExtra) : '';
  if (GRAPH_ID.test(candidate)) return candidate;
  if (GRAPH_ID.test(credential.accountId)) return credential.accountId;
  throw new AppError(
    'reconnect_required',
    `The vault's Instagram credential ${credential.accountId} has no numeric instagram_business_account_id`,
    {
      hint: 'Reconnect the account through the OAuth broker so it sends the Instagram business account id.',
      details: { account_id: credential.accountId },
    },
  );
}

/** An InstagramClient and the account it acts for. */
export interface InstagramSession {
  ig: InstagramClient;
  /** The ig-user-id the calls go to. */
  igUserId: string;
  /** The vault credential the client was built from (its token is non-enumerable). */
  credential: Credential;
}

/**
 * Fetches this call's credential from the vault (cached in memory by the kit) and builds a client
 * with it. The token goes only into the client's Authorization header.
 * @throws AppError from the vault client: reconnect_required, not_found, conflict, vault_unavailable.
 */
export async function openInstagram(ctx: ToolContext<InstagramToolConfig>): Promise<InstagramSession> {
  const credential = await ctx.credential();
  const igUserId = igUserIdOf(credential);
  const ig = new InstagramClient({
    baseUrl: ctx.config.metaGraphUrl,
    credential: { accessToken: credential.accessToken, igUserId },
    timeoutMs: ctx.config.instagramTimeoutMs,
    pollIntervalMs: ctx.config.containerPollIntervalMs,
    maxPollAttempts: ctx.config.containerMaxPolls,
  });
  return { ig, igUserId, credential };
}
