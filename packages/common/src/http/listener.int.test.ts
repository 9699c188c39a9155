import http from 'node:http';
import { listen } from './listener';

/** GET through a keep-alive agent, so the connection stays open after the answer. */
function get(
  url: string,
  agent: http.Agent,
): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
        );
      })
      .on('error', reject);
  });
}

describe('listen', () => {
  it('answers on the URL it reports, with the bound ephemeral port', async () => {
    const listener = await listen((_req, res) => res.end('ok'), { host: '127.0.0.1', port: 0 });
    try {
      expect(listener.port).toBeGreaterThan(0);
      expect(listener.url).toBe(`http://127.0.0.1:${listener.port}`);
      const agent = new http.Agent({ keepAlive: true });
      expect((await get(listener.url, agent)).body).toBe('ok');
      agent.destroy();
    } finally {
      await listener.close();
    }
  });

  it('shows a wildcard bind host as 127.0.0.1', async () => {
    const listener = await listen((_req, res) => res.end(), { host: '0.0.0.0', port: 0 });
    expect(listener.url).toBe(`http://127.0.0.1:${listener.port}`);
    await listener.close();
  });

  it('rejects with the bind error when the port is taken', async () => {
    const first = await listen((_req, res) => res.end(), { host: '127.0.0.1', port: 0 });
    try {
      await expect(listen((_req, res) => res.end(), { host: '127.0.0.1', port: first.port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.close();
    }
  });

  it('closes although a keep-alive client holds an idle connection, and lets a request in flight finish', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    const listener = await listen(
      (req, res) => {
        if (req.url !== '/slow') return void res.end('fast');
        arrived();
        void held.then(() => res.end('finished'));
      },
      { host: '127.0.0.1', port: 0 },
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    await get(`${listener.url}/fast`, agent); // leaves an idle keep-alive socket
    const slow = get(`${listener.url}/slow`, agent);
    await slowArrived;
    const closed = listener.close();
    expect(listener.close()).toBe(closed);
    release();
    const answer = await slow;
    await closed;
    expect(answer).toMatchObject({ status: 200, body: 'finished' });
    expect(listener.server.listening).toBe(false);
    agent.destroy();
  });
});
