-- Refresh bookkeeping on credentials (issue time, failures and backoff, reconnect notice) and the outbox of webhook events.
ALTER TABLE credentials
  ADD COLUMN token_issued_at timestamptz,
  ADD COLUMN refresh_failures integer NOT NULL DEFAULT 0,
  ADD COLUMN next_refresh_at timestamptz,
  ADD COLUMN last_refresh_error text,
  ADD COLUMN reconnect_notified_at timestamptz;

-- Existing rows: their token was issued no later than their last change.
UPDATE credentials SET token_issued_at = COALESCE(last_refreshed_at, updated_at);
ALTER TABLE credentials ALTER COLUMN token_issued_at SET DEFAULT now();
ALTER TABLE credentials ALTER COLUMN token_issued_at SET NOT NULL;

CREATE INDEX credentials_refresh_due_idx ON credentials (token_expires_at, next_refresh_at) WHERE status = 'active';

-- Events written in the same transaction as the change they announce, delivered after commit (and retried).
CREATE TABLE vault_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event text NOT NULL,
  credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  last_error text
);

CREATE INDEX vault_events_pending_idx ON vault_events (next_attempt_at) WHERE delivered_at IS NULL;
