// Builds a ThreadsClient for one tool call from the credential this server fetched from the vault itself.
import type { Credential, ToolContext } from '@socialvault/mcp-kit';
import { ThreadsClient } from '@socialvault/platforms';
import type { ThreadsToolConfig } from './config';

/** A ThreadsClient and the profile it acts for. */
export interface ThreadsSession {
  threads: ThreadsClient;
  /** The Threads user id the calls go to (`me` when the vault's account_id is not numeric). */
  threadsUserId: string;
  /** The vault credential the client was built from (its token is non-enumerable). */
  credential: Credential;
}

/**
 * Fetches this call's credential from the vault (cached in memory by the kit) and builds a client with
 * it. The vault's `account_id` is the Threads user id; when the broker stored something else, `me`
 * (the token's own profile) is used instead.
 * @throws AppError from the vault client: reconnect_required, not_found, conflict, vault_unavailable.
 */
export async function openThreads(ctx: ToolContext<ThreadsToolConfig>): Promise<ThreadsSession> {
  const credential = await ctx.credential();
  const threadsUserId = /^[0-9]{1,40}$/.test(credential.accountId) ? credential.accountId : 'me';
  const threads = new ThreadsClient({
    baseUrl: ctx.config.threadsApiUrl,
    credential: { accessToken: credential.accessToken, threadsUserId },
    timeoutMs: ctx.config.threadsTimeoutMs,
    pollIntervalMs: ctx.config.containerPollIntervalMs,
    maxPollAttempts: ctx.config.containerMaxPolls,
  });
  return { threads, threadsUserId, credential };
}
