// Builds an XClient for one tool call from the credential this server fetched from the vault itself.
import type { Credential, ToolContext } from '@socialvault/mcp-kit';
import { XClient } from '@socialvault/platforms';
import type { XToolConfig } from './config';

/** An XClient and the credential it acts with. */
export interface XSession {
  x: XClient;
  /** The vault credential the client was built from (its token is non-enumerable). */
  credential: Credential;
  /** The X user id: the vault's account_id when numeric, else read once from /2/users/me. */
  userId(): Promise<string>;
}

/**
 * Fetches this call's credential from the vault (cached in memory by the kit) and builds a client with it.
 * @throws AppError from the vault client: reconnect_required, not_found, conflict, vault_unavailable.
 */
export async function openX(ctx: ToolContext<XToolConfig>): Promise<XSession> {
  const credential = await ctx.credential();
  const x = new XClient({
    baseUrl: ctx.config.xApiUrl,
    accessToken: credential.accessToken,
    timeoutMs: ctx.config.xTimeoutMs,
  });
  const known = /^[0-9]{1,19}$/.test(credential.accountId) ? credential.accountId : undefined;
  return { x, credential, userId: async () => known ?? (await x.me()).id };
}

/** The public URL of a post: `https://x.com/<username>/status/<id>` (or `/i/web/status/<id>` without a username). */
export function postUrl(username: string | null | undefined, postId: string): string {
  return username ? `https://x.com/${username}/status/${postId}` : `https://x.com/i/web/status/${postId}`;
}
