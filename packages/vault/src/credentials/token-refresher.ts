// The seam where the refresh scheduler plugs into token serving: inline refresh before a token is served.
import type { CredentialRecord, ServableCredential } from '../db/credential-repository';

/**
 * Refreshes credentials that are inside their platform's refresh window. The token service asks
 * `isDue` for every serve and, when true, awaits `refresh` before decrypting; with no refresher
 * configured an expired token is served with `token_expired: true`.
 */
export interface TokenRefresher {
  /** True when `credential` should be refreshed before it is served at `now` (window reached and refreshable). */
  isDue(credential: ServableCredential, now: Date): boolean;
  /**
   * Refreshes under a per-credential lock (re-reading the row after taking it, returning early when
   * another process already refreshed) and returns the row as stored afterwards. `actor` is the
   * service whose request triggered it, for the audit row. Throwing (a lock-wait timeout, a database
   * error) makes the token service log why, re-read the row and serve it as stored now (another
   * process may have refreshed it during the wait).
   */
  refresh(credential: CredentialRecord, actor: string): Promise<CredentialRecord>;
}
