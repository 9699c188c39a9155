-- Credentials (one row per platform account, secrets encrypted) and the audit trail (never a token).
CREATE TABLE credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform text NOT NULL CHECK (platform IN ('instagram', 'threads', 'x', 'linkedin', 'mastodon')),
  account_id text NOT NULL,
  username text,
  client_id text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'revoked')),
  scopes text[] NOT NULL DEFAULT '{}',
  token_expires_at timestamptz,
  refresh_expires_at timestamptz,
  extra jsonb NOT NULL DEFAULT '{}'::jsonb,
  access_token_ciphertext text,
  refresh_token_ciphertext text,
  key_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_refreshed_at timestamptz,
  revoked_at timestamptz,
  CONSTRAINT credentials_platform_account_id_key UNIQUE (platform, account_id),
  -- Only a revoked row may lack its access token; the key id always names the key of both ciphertexts.
  CONSTRAINT credentials_token_unless_revoked CHECK (status = 'revoked' OR access_token_ciphertext IS NOT NULL),
  CONSTRAINT credentials_key_id_with_ciphertext CHECK ((access_token_ciphertext IS NULL) = (key_id IS NULL))
);

CREATE INDEX credentials_key_id_idx ON credentials (key_id);
CREATE INDEX credentials_token_expires_at_idx ON credentials (token_expires_at) WHERE status = 'active';

CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
  platform text,
  account_id text,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'rejected', 'failure')),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);
CREATE INDEX audit_events_credential_id_idx ON audit_events (credential_id);
