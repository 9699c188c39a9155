import { Client } from 'pg';
import { createScratchDatabase } from './scratch-database';

describe('createScratchDatabase', () => {
  it('creates an empty database that accepts writes and is gone after drop', async () => {
    const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
    const db = await createScratchDatabase(serverUrl, 'common');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE t (n int)');
    await client.query('INSERT INTO t VALUES (42)');
    const { rows } = await client.query('SELECT n FROM t');
    await client.end();
    expect(rows).toEqual([{ n: 42 }]);
    await db.drop();
    const probe = new Client({ connectionString: db.url });
    await expect(probe.connect()).rejects.toThrow(/does not exist/);
  });
});
