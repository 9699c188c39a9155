-- The publication ledger: one row per (platform, account, idempotency key), so a retried publish never posts twice.
CREATE TABLE publications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform text NOT NULL CHECK (platform IN ('instagram', 'threads', 'x', 'linkedin', 'mastodon')),
  account_id text NOT NULL,
  idempotency_key text NOT NULL,
  -- sha256 (hex) of the canonical request content; the same key with another hash is a conflict.
  request_hash text NOT NULL,
  -- The tool that published (publish_post, publish_reel, …), for the history.
  tool text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'failed')),
  platform_post_id text,
  permalink text,
  -- The tool's result as returned to the caller (never a token); replayed for a deduplicated call.
  result jsonb,
  -- Non-secret ids reached so far (e.g. an Instagram/Threads container id), so a retry can resume.
  progress jsonb NOT NULL DEFAULT '{}'::jsonb,
  error_code text,
  error_message text,
  attempts integer NOT NULL DEFAULT 1,
  -- The current holder of a pending row and until when it holds it (renewed while it publishes).
  lease_id uuid,
  lease_expires_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  CONSTRAINT publications_platform_account_key UNIQUE (platform, account_id, idempotency_key),
  CONSTRAINT publications_published_has_post CHECK (status <> 'published' OR platform_post_id IS NOT NULL)
);

-- History queries: newest first per platform/account, keyset-paginated on (created_at, id).
CREATE INDEX publications_history_idx ON publications (platform, account_id, created_at DESC, id DESC);
CREATE INDEX publications_created_idx ON publications (created_at DESC, id DESC);
