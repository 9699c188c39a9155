// Writes the audit trail: every store, serve, revoke and rejected request (never a token).
import type { Queryable } from './credential-repository';
import { redactValue } from '@socialvault/common';

/** What happened: `credential.store`, `credential.revoke`, `token.serve`, `credential.list`, `credential.rotate`, … */
export type AuditAction = string;

export interface AuditEvent {
  /** Service identity name, `broker`, `cli`, or `anonymous` for an unauthenticated request. */
  actor: string;
  action: AuditAction;
  outcome: 'success' | 'rejected' | 'failure';
  credentialId?: string | null;
  platform?: string | null;
  accountId?: string | null;
  /** Non-secret facts (status code, error code, field); passed through the redactor anyway. */
  detail?: Record<string, unknown>;
}

/** Inserts one audit row; use a transaction client to commit it together with the change it records. */
export async function recordAudit(db: Queryable, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (actor, credential_id, platform, account_id, action, outcome, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      event.actor,
      event.credentialId ?? null,
      event.platform ?? null,
      event.accountId ?? null,
      event.action,
      event.outcome,
      JSON.stringify(redactValue(event.detail ?? {})),
    ],
  );
}
