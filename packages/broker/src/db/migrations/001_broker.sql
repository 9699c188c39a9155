-- The broker's own tables (SPEC "Broker"): client registry, OAuth states, events, Mastodon apps, pending page picks.
-- Secrets are stored only as key-ring ciphertexts (v1:<key_id>:…) or as SHA-256 hashes.

CREATE TABLE clients (
  client_id text PRIMARY KEY,
  client_name text NOT NULL,
  vault_url text NOT NULL,
  vault_api_key_ciphertext text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oauth_states (
  state_hash bytea PRIMARY KEY,
  client_id text NOT NULL,
  flow text NOT NULL,
  platform text NOT NULL,
  session_hash bytea NOT NULL,
  code_verifier_ciphertext text,
  mastodon_instance text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX oauth_states_expires_at ON oauth_states (expires_at);

CREATE TABLE oauth_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  client_id text,
  platform text,
  account_id text,
  event text NOT NULL CHECK (event IN
    ('started', 'authorized', 'denied', 'refused', 'exchange_failed', 'forwarded', 'forward_failed', 'disconnected')),
  outcome text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX oauth_events_client_at ON oauth_events (client_id, at DESC);

CREATE TABLE mastodon_apps (
  instance_url text PRIMARY KEY,
  client_id text NOT NULL,
  client_secret_ciphertext text NOT NULL,
  redirect_uri text NOT NULL,
  scopes text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pending_page_picks (
  id uuid PRIMARY KEY,
  session_hash bytea NOT NULL,
  client_id text NOT NULL,
  user_token_ciphertext text NOT NULL,
  expires_in_s integer,
  meta_user_id text,
  pages jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
