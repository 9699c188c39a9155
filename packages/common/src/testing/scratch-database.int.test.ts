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

  it('waits for connections that are closing (a pool just ended) instead of terminating them', async () => {
    const db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'common');
    const closing = new Client({ connectionString: db.url });
    const errors: Error[] = [];
    closing.on('error', (error) => errors.push(error));
    await closing.connect();
    // pg.Pool#end() resolves before its sockets close; this client closes 300 ms into the drop.
    const ended = new Promise((resolve) => setTimeout(resolve, 300)).then(() => closing.end());
    await db.drop();
    await ended;
    expect(errors.map((error) => error.message)).toEqual([]);
    const probe = new Client({ connectionString: db.url });
    await expect(probe.connect()).rejects.toThrow(/does not exist/);
  });

  it('still drops a database whose connection was leaked, by terminating it after the grace period', async () => {
    const db = await createScratchDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'common');
    const leaked = new Client({ connectionString: db.url });
    const terminated = new Promise<Error>((resolve) => leaked.on('error', resolve));
    await leaked.connect();
    await db.drop();
    expect((await terminated).message).toMatch(/terminating connection/);
    const probe = new Client({ connectionString: db.url });
    await expect(probe.connect()).rejects.toThrow(/does not exist/);
  });
});
