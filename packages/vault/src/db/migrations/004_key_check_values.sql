-- One key check value per key id (HMAC-SHA256 of a fixed label under the key): a key id configured with other
-- key material than the rows were written with is refused at start instead of being reported healthy.
CREATE TABLE key_check_values (
  key_id text PRIMARY KEY,
  check_value text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
