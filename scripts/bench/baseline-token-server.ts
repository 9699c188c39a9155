// The token fetch baseline: a bare Express handler doing one indexed SELECT by (platform, account_id)
// and one AES-256-GCM decrypt on the vault's own table — no service auth, no audit row, no log line.
// Run by the bench as its own process: DATABASE_URL, VAULT_ENCRYPTION_KEYS, PORT.
import express from 'express';
import { Pool } from 'pg';
import { parseKeyRing } from '@socialvault/common';
import { decryptCredentialSecret } from '@socialvault/vault';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const keyRing = parseKeyRing(process.env.VAULT_ENCRYPTION_KEYS ?? '');
const app = express();
app.disable('x-powered-by');
app.set('etag', false);

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

app.get('/token', async (req, res) => {
  const platform = String(req.query.platform);
  const accountId = String(req.query.account_id);
  const { rows } = await pool.query<{
    access_token_ciphertext: string;
    token_expires_at: Date | null;
    extra: Record<string, unknown>;
  }>(
    `SELECT access_token_ciphertext, token_expires_at, extra FROM credentials WHERE platform = $1 AND account_id = $2`,
    [platform, accountId],
  );
  const row = rows[0];
  if (!row) {
    res.status(404).json({ detail: { message: 'not found' } });
    return;
  }
  res.set('Cache-Control', 'no-store').json({
    access_token: decryptCredentialSecret(
      keyRing,
      { platform, accountId, extra: row.extra },
      'access_token',
      row.access_token_ciphertext,
    ),
    platform,
    account_id: accountId,
    token_expires_at: row.token_expires_at?.toISOString() ?? null,
  });
});

const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
