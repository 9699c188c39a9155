// Bulk rows for the data-growth phase: one `INSERT … SELECT generate_series` per table, so 1,000,000 rows take
// seconds, never one request per row.
import { Client } from 'pg';

/** Where the measured rows of the growth phase live: one Threads account, the bulk spread around it. */
export const GROWTH_PLATFORM = 'threads';
export const GROWTH_ACCOUNT_ID = 'growth-measured';

/** Rows in a database of the growth phase (the measured credential is one of `credentials`). */
export interface GrowthSizes {
  credentials: number;
  publications: number;
}

/**
 * Fills `databaseUrl` (a vault database holding the measured credential, stored through the vault) up to
 * `sizes`, then ANALYZEs it so the planner knows the sizes. Returns the seconds it took.
 *
 * The bulk credentials are never read: only the measured one is decrypted, and the metadata list never
 * decrypts. Their ciphertext is the measured row's own (the same key id, a valid stored form), but the AAD
 * binds a ciphertext to its platform and account id, so none of the copies would decrypt: that is why the
 * measured row is stored through the vault and not by SQL. Account ids `bulk-0000001`… sort before
 * `growth-measured`, so a first page of Threads metadata is all bulk rows, as full at 100 rows as at 100,000.
 *
 * Publications: published rows of the measured account (one in ten) and of 999 other accounts, one a
 * second into the past, each under its own idempotency key, as years of a busy ledger would leave them.
 */
export async function seedGrowthRows(databaseUrl: string, sizes: GrowthSizes): Promise<number> {
  const startedAt = Date.now();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO credentials (platform, account_id, username, scopes, token_expires_at, extra,
         access_token_ciphertext, key_id)
       SELECT m.platform, 'bulk-' || lpad(i::text, 7, '0'), 'bulk_' || i, m.scopes, m.token_expires_at, '{}'::jsonb,
         m.access_token_ciphertext, m.key_id
       FROM (SELECT * FROM credentials WHERE platform = $1 AND account_id = $2) AS m,
         generate_series(1, $3::int - (SELECT count(*) FROM credentials)::int) AS i`,
      [GROWTH_PLATFORM, GROWTH_ACCOUNT_ID, sizes.credentials],
    );
    await client.query(
      `INSERT INTO publications (platform, account_id, idempotency_key, request_hash, tool, status,
         platform_post_id, created_by, created_at, updated_at, published_at)
       SELECT $1, CASE WHEN i % 10 = 0 THEN $2 ELSE 'bulk-' || lpad((i % 1000)::text, 7, '0') END,
         'bulk-key-' || i, md5(i::text) || md5((-i)::text), 'publish_post', 'published', 'post-' || i,
         'threads-mcp', t, t, t
       FROM generate_series(1, $3::int) AS i, LATERAL (SELECT now() - i * interval '1 second' AS t) AS at`,
      [GROWTH_PLATFORM, GROWTH_ACCOUNT_ID, sizes.publications],
    );
    await client.query('ANALYZE credentials; ANALYZE publications');
  } finally {
    await client.end();
  }
  return (Date.now() - startedAt) / 1000;
}
