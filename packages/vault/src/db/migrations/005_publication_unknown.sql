-- A publish whose outcome is unknown (the platform may have posted; no answer came back) is `unknown`, not a
-- pending row without a holder: the next call with its key reconciles (looks for the post) before posting.
ALTER TABLE publications DROP CONSTRAINT publications_status_check;
ALTER TABLE publications
  ADD CONSTRAINT publications_status_check CHECK (status IN ('pending', 'published', 'failed', 'unknown'));
UPDATE publications SET status = 'unknown', lease_id = NULL
  WHERE status = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at <= now());
