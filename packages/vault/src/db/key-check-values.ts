// SQL for key_check_values: the check value recorded per key id (no crypto here).
import type { Queryable } from './credential-repository';

/** The recorded check value per key id, for the ids in `keyIds`. */
export async function readKeyCheckValues(db: Queryable, keyIds: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ key_id: string; check_value: string }>(
    'SELECT key_id, check_value FROM key_check_values WHERE key_id = ANY($1)',
    [keyIds],
  );
  return new Map(rows.map((row) => [row.key_id, row.check_value]));
}

/** Records the check value of a key id unless one is recorded already (the first writer wins; read it back). */
export async function recordKeyCheckValue(db: Queryable, keyId: string, checkValue: string): Promise<void> {
  await db.query(
    'INSERT INTO key_check_values (key_id, check_value) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING',
    [keyId, checkValue],
  );
}
