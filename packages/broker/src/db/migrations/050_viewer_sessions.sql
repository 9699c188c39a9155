-- Who a browser session is on the Connections page: the operator (signed in with BROKER_ADMIN_TOKEN) or one
-- client (opened its signed page link). Keyed by the SHA-256 of the session id; deleted at sign-out.
CREATE TABLE viewer_sessions (
  session_hash bytea PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('operator', 'client')),
  client_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK ((role = 'client') = (client_id IS NOT NULL))
);
CREATE INDEX viewer_sessions_expires_at ON viewer_sessions (expires_at);
