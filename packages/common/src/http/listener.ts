// One listener lifecycle for every service: listen on host:port and report the bound URL; close gracefully.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How long a closing listener lets requests in flight finish before it cuts their connections, in ms.
 * With the listen-queue drain (≤ DRAIN_MAX_MS) it stays under the 10 s that docker and `pnpm start`'s
 * supervisor wait between SIGTERM and SIGKILL.
 */
export const CLOSE_GRACE_MS = 5_000;

/** A draining listener keeps accepting until no connection came for this long, in ms (at most DRAIN_MAX_MS). */
const DRAIN_QUIET_MS = 500;
const DRAIN_MAX_MS = 4_000;
/** How often a closing listener closes the connections that fell idle, in ms. */
const IDLE_SWEEP_MS = 50;

/** How a listener stops. */
export interface CloseOptions {
  /**
   * First keep accepting until the listen queue is quiet (≤ 4 s), so no request a client already sent is
   * reset by the close. What a SIGTERM does; tests skip it. Default false.
   */
  drain?: boolean;
  /** Override of CLOSE_GRACE_MS, in ms; 0 cuts connections with a request in flight at once (tests, simulators). */
  graceMs?: number;
}

/** A listening HTTP server. */
export interface Listener {
  server: http.Server;
  /** e.g. `http://127.0.0.1:3006`; a wildcard bind host (`0.0.0.0`, `::`) is shown as 127.0.0.1, IPv6 in brackets. */
  url: string;
  /** The bound port (the ephemeral one when asked for 0). */
  port: number;
  /**
   * Stops accepting, lets requests in flight finish for up to CLOSE_GRACE_MS, then cuts what is left;
   * idle keep-alive connections are closed at once and every later response says `Connection: close`.
   * Resolves once the server is closed; calling it again returns the same promise.
   */
  close(options?: CloseOptions): Promise<void>;
}

/** `http://host:port` of a bound server as clients reach it (wildcard hosts shown as 127.0.0.1). */
function urlOf(server: http.Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Listens with `handler` (an Express app is one) on `host`:`port` (0 picks a free port).
 * @throws the server's error (e.g. EADDRINUSE naming the address) when it cannot bind.
 * @example
 * const listener = await listen(app, { host: '127.0.0.1', port: 0 });
 * await fetch(`${listener.url}/health`);
 * await listener.close();
 */
export async function listen(
  handler: http.RequestListener,
  { host, port }: { host: string; port: number },
): Promise<Listener> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    server,
    url: urlOf(server, host),
    port: (server.address() as AddressInfo).port,
    close: (options = {}) => (closing ??= closeServer(server, options)),
  };
}

/**
 * Keeps accepting until the listen queue is quiet. Connections the kernel already took wait in that queue
 * until the event loop accepts them (one per loop turn on a busy machine); closing the listener resets every
 * one still there, with its request unanswered.
 */
async function drainListenQueue(server: http.Server): Promise<void> {
  const startedAt = Date.now();
  let lastConnectionAt = startedAt;
  const seen = () => (lastConnectionAt = Date.now());
  server.on('connection', seen);
  while (Date.now() - lastConnectionAt < DRAIN_QUIET_MS && Date.now() - startedAt < DRAIN_MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  server.off('connection', seen);
  // One more poll phase reads what the last accepted connections sent, so they count as in flight.
  await new Promise((resolve) => setImmediate(resolve));
}

async function closeServer(server: http.Server, { drain = false, graceMs = CLOSE_GRACE_MS }: CloseOptions) {
  // Every response from now on closes its connection: keep-alive clients send nothing more on it.
  server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  if (drain) await drainListenQueue(server);
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    // A request in flight now answers on a keep-alive connection, which then sits idle and would hold
    // close() open until the grace ends: close such connections as soon as they fall idle.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    force.unref();
    sweep.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
