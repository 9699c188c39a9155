// Viewer sessions of the Connections page: operator or one client, bound to the browser session's hash.
import type { Pool } from 'pg';
import { sessionHash } from '../http/session';

/** Who is looking: the operator sees every client; a client sees only its own accounts. */
export type Viewer = { role: 'operator' } | { role: 'client'; clientId: string };

/** How long a sign-in lasts (the session cookie itself lives 24 h). */
const VIEWER_LIFETIME_S = 12 * 3600;

/**
 * Binds `viewer` to the session `sessionId` for VIEWER_LIFETIME_S (replacing what it was). Callers pass a
 * freshly rotated session id, so a session id planted before sign-in never gains the viewer.
 */
export async function saveViewer(pool: Pool, sessionId: string, viewer: Viewer): Promise<void> {
  await pool.query(
    `INSERT INTO viewer_sessions (session_hash, role, client_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (session_hash) DO UPDATE SET role = $2, client_id = $3, created_at = now(),
       expires_at = now() + make_interval(secs => $4)`,
    [
      sessionHash(sessionId),
      viewer.role,
      viewer.role === 'client' ? viewer.clientId : null,
      VIEWER_LIFETIME_S,
    ],
  );
}

/** The unexpired viewer of a session, or undefined (no session, never signed in, expired, signed out). */
export async function viewerOf(pool: Pool, sessionId: string | undefined): Promise<Viewer | undefined> {
  if (!sessionId) return undefined;
  const { rows } = await pool.query<{ role: 'operator' | 'client'; client_id: string | null }>(
    'SELECT role, client_id FROM viewer_sessions WHERE session_hash = $1 AND expires_at > now()',
    [sessionHash(sessionId)],
  );
  const row = rows[0];
  if (!row) return undefined;
  return row.role === 'operator' ? { role: 'operator' } : { role: 'client', clientId: row.client_id! };
}

/** Ends the viewer of a session (sign-out); expired rows of any session go too. */
export async function forgetViewer(pool: Pool, sessionId: string | undefined): Promise<void> {
  await pool.query('DELETE FROM viewer_sessions WHERE session_hash = $1 OR expires_at <= now()', [
    sessionId ? sessionHash(sessionId) : Buffer.alloc(0),
  ]);
}
