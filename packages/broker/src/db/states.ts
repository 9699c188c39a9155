// OAuth `state` values (SPEC "Flow rules"): 32 random bytes, stored hashed, 10-minute expiry, single use,
// bound to the browser session; the PKCE verifier rides along encrypted.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { registerSecret, type KeyRing } from '@socialvault/common';
import { hashesEqual, sessionHash } from '../http/session';

const STATE_LIFETIME_MS = 10 * 60 * 1000;

/** Why a callback's state was refused; each has its own page. */
export type StateProblem = 'missing' | 'unknown' | 'used' | 'expired' | 'foreign_session' | 'wrong_platform';

/** What a valid state carries into the callback. */
export interface FlowState {
  clientId: string;
  flow: string;
  platform: string;
  codeVerifier?: string;
  mastodonInstance?: string;
}

interface StateRow {
  state_hash: Buffer;
  client_id: string;
  flow: string;
  platform: string;
  session_hash: Buffer;
  code_verifier_ciphertext: string | null;
  mastodon_instance: string | null;
  expires_at: Date;
  used_at: Date | null;
}

const hashOf = (state: string) => crypto.createHash('sha256').update(state).digest();
const verifierAad = (stateHash: Buffer) => `state:${stateHash.toString('hex')}:code_verifier`;

/** Creates and stores a state for `sessionId`; returns the state value to send to the provider. */
export async function createState(
  deps: { pool: Pool; keyRing: KeyRing },
  input: FlowState & { sessionId: string },
): Promise<string> {
  const state = crypto.randomBytes(32).toString('base64url');
  registerSecret(state);
  const stateHash = hashOf(state);
  await deps.pool.query(
    `INSERT INTO oauth_states (state_hash, client_id, flow, platform, session_hash, code_verifier_ciphertext,
                               mastodon_instance, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      stateHash,
      input.clientId,
      input.flow,
      input.platform,
      sessionHash(input.sessionId),
      input.codeVerifier ? deps.keyRing.encrypt(input.codeVerifier, verifierAad(stateHash)) : null,
      input.mastodonInstance ?? null,
      new Date(Date.now() + STATE_LIFETIME_MS),
    ],
  );
  // Old rows are useless after their expiry; sweep them on the way (cheap: indexed).
  await deps.pool.query(`DELETE FROM oauth_states WHERE expires_at < now() - interval '1 day'`);
  return state;
}

/**
 * Checks a callback's state before anything else happens: known, unused, unexpired, for this callback's
 * platform, and started by this browser session (constant-time hash comparison). A valid state is marked
 * used in the same step, so a replay is refused. Returns the state's facts or the problem.
 */
export async function consumeState(
  deps: { pool: Pool; keyRing: KeyRing },
  input: { state: unknown; platform: string; sessionId: string | undefined },
): Promise<{ ok: FlowState; clientId: string } | { problem: StateProblem; clientId?: string }> {
  if (typeof input.state !== 'string' || input.state.length === 0) return { problem: 'missing' };
  const stateHash = hashOf(input.state);
  const { rows } = await deps.pool.query<StateRow>('SELECT * FROM oauth_states WHERE state_hash = $1', [
    stateHash,
  ]);
  const row = rows[0];
  if (!row || !hashesEqual(row.state_hash, stateHash)) return { problem: 'unknown' };
  const clientId = row.client_id;
  if (row.used_at) return { problem: 'used', clientId };
  if (row.expires_at.getTime() <= Date.now()) return { problem: 'expired', clientId };
  if (!input.sessionId || !hashesEqual(row.session_hash, sessionHash(input.sessionId)))
    return { problem: 'foreign_session', clientId };
  if (row.platform !== input.platform) return { problem: 'wrong_platform', clientId };
  const claimed = await deps.pool.query(
    'UPDATE oauth_states SET used_at = now() WHERE state_hash = $1 AND used_at IS NULL',
    [stateHash],
  );
  if (claimed.rowCount !== 1) return { problem: 'used', clientId };
  const codeVerifier = row.code_verifier_ciphertext
    ? deps.keyRing.decrypt(row.code_verifier_ciphertext, verifierAad(stateHash))
    : undefined;
  registerSecret(codeVerifier);
  return {
    clientId,
    ok: {
      clientId,
      flow: row.flow,
      platform: row.platform,
      ...(codeVerifier ? { codeVerifier } : {}),
      ...(row.mastodon_instance ? { mastodonInstance: row.mastodon_instance } : {}),
    },
  };
}

/** A PKCE pair (RFC 7636, S256): a 43-character verifier and its challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = crypto.randomBytes(32).toString('base64url');
  registerSecret(verifier);
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}
