// Builds a LinkedInClient for one tool call from the credential this server fetched from the vault itself.
import type { Credential, ToolContext } from '@socialvault/mcp-kit';
import { LinkedInClient } from '@socialvault/platforms';
import type { LinkedInToolConfig } from './config';

/** A client and the member it acts for. */
export interface LinkedInSession {
  li: LinkedInClient;
  /** The vault credential (its token is non-enumerable). */
  credential: Credential;
  /** The member URN: the credential's `extra.person_urn`, else `urn:li:person:<sub>` from /v2/userinfo. */
  authorUrn(): Promise<string>;
}

/**
 * Fetches this call's credential from the vault (cached in memory by the kit) and builds a client with it;
 * the token goes only into the client's Authorization header.
 * @throws AppError from the vault client: reconnect_required, not_found, conflict, vault_unavailable.
 */
export async function openLinkedIn(ctx: ToolContext<LinkedInToolConfig>): Promise<LinkedInSession> {
  const credential = await ctx.credential();
  const li = new LinkedInClient({
    baseUrl: ctx.config.linkedinApiUrl,
    version: ctx.config.linkedinVersion,
    accessToken: credential.accessToken,
    timeoutMs: ctx.config.linkedinTimeoutMs,
  });
  let author: Promise<string> | undefined;
  return { li, credential, authorUrn: () => (author ??= li.authorUrn(credential.extra.person_urn)) };
}
