// Pending Meta page choices: the long-lived user token waits here (encrypted, 10 minutes) for the page
// picker's answer, bound to the browser session that ran the flow.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { registerSecret, type KeyRing } from '@socialvault/common';
import type { MetaPage, PageChoice } from '../flows';
import { hashesEqual, sessionHash } from '../http/session';

const PICK_LIFETIME_MS = 10 * 60 * 1000;

/** A pending choice as the picker needs it (the token decrypted only when the answer is accepted). */
export interface PendingPick extends PageChoice {
  id: string;
  clientId: string;
}

export type PickProblem = 'unknown' | 'expired' | 'foreign_session';

interface PickRow {
  id: string;
  session_hash: Buffer;
  client_id: string;
  user_token_ciphertext: string;
  expires_in_s: number | null;
  meta_user_id: string;
  pages: { pages: MetaPage[]; ad_account_id?: string; scopes?: string[] };
  expires_at: Date;
}

const aad = (id: string) => `page_pick:${id}:user_token`;

/** Stores a pending choice for `sessionId`; returns its id (what the picker form posts back). */
export async function savePendingPick(
  deps: { pool: Pool; keyRing: KeyRing },
  input: Omit<PendingPick, 'id'> & { sessionId: string },
): Promise<string> {
  const id = crypto.randomUUID();
  await deps.pool.query(
    `INSERT INTO pending_page_picks (id, session_hash, client_id, user_token_ciphertext, expires_in_s, meta_user_id,
                                     pages, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      sessionHash(input.sessionId),
      input.clientId,
      deps.keyRing.encrypt(input.userToken, aad(id)),
      input.expiresInS ?? null,
      input.metaUserId,
      { pages: input.pages, ad_account_id: input.adAccountId, scopes: input.scopes },
      new Date(Date.now() + PICK_LIFETIME_MS),
    ],
  );
  await deps.pool.query(`DELETE FROM pending_page_picks WHERE expires_at < now()`);
  return id;
}

/**
 * Takes the pending choice `id` for `sessionId`: refused (and left in place) when it belongs to another
 * session; deleted when taken, so an answer counts once.
 */
export async function takePendingPick(
  deps: { pool: Pool; keyRing: KeyRing },
  id: unknown,
  sessionId: string | undefined,
): Promise<{ pick: PendingPick } | { problem: PickProblem; clientId?: string }> {
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return { problem: 'unknown' };
  const { rows } = await deps.pool.query<PickRow>('SELECT * FROM pending_page_picks WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return { problem: 'unknown' };
  if (!sessionId || !hashesEqual(row.session_hash, sessionHash(sessionId)))
    return { problem: 'foreign_session', clientId: row.client_id };
  if (row.expires_at.getTime() <= Date.now()) return { problem: 'expired', clientId: row.client_id };
  const taken = await deps.pool.query('DELETE FROM pending_page_picks WHERE id = $1', [id]);
  if (taken.rowCount !== 1) return { problem: 'unknown' };
  const userToken = deps.keyRing.decrypt(row.user_token_ciphertext, aad(id));
  registerSecret(userToken);
  return {
    pick: {
      id,
      clientId: row.client_id,
      userToken,
      ...(row.expires_in_s ? { expiresInS: row.expires_in_s } : {}),
      metaUserId: row.meta_user_id,
      ...(row.pages.ad_account_id ? { adAccountId: row.pages.ad_account_id } : {}),
      ...(row.pages.scopes ? { scopes: row.pages.scopes } : {}),
      pages: row.pages.pages,
    },
  };
}
