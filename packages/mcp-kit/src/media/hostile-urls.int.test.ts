// Hostile media URLs against fetchMedia's SSRF guard: every private range by literal, by name and by redirect,
// DNS answers that change between check and connect (the checked address is the one connected to), other
// schemes, oversized and mislabelled bodies, slow drips and proxies from the environment. No test connects
// anywhere but this machine: names resolve through an injected resolver, and a safety net refuses sockets to
// any non-loopback address.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { isAppError, isPublicAddress, type AddressPolicy, type ResolveAll } from '@socialvault/common';
import { fetchMedia, type FetchMediaOptions } from './fetch-media';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
const SEED = 20_251_111;

/** In these tests 127.0.0.2 plays a public host; every other address is judged as in production. */
const PLAYS_PUBLIC = '127.0.0.2';
const INTERNAL = '127.0.0.1';
const isAllowed = (address: string) => address === PLAYS_PUBLIC || isPublicAddress(address);

interface Host {
  server: http.Server;
  hits: string[];
}

/** One handler on a fixed address; records every path it is asked for. */
async function startHost(address: string, port: number, handler: http.RequestListener): Promise<Host> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    // No keep-alive: every fetch opens (and so looks up) anew, as a later tool call would.
    res.setHeader('connection', 'close');
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return { server, hits };
}

let port: number;
let publicHost: Host;
let internalHost: Host;
/** Names the injected resolver knows; a function answers differently on each call. */
const zone = new Map<string, string[] | (() => string[])>();
const resolveCalls: string[] = [];
const resolve: ResolveAll = (hostname, options, reply) => {
  resolveCalls.push(hostname);
  // Asynchronous, like the system resolver.
  const callback: typeof reply = (...args) => setImmediate(() => reply(...args));
  const entry = zone.get(hostname);
  const addresses = typeof entry === 'function' ? entry() : entry;
  if (!addresses) {
    callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    return;
  }
  const entries = addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  callback(null, options.family ? entries.filter((entry) => entry.family === options.family) : entries);
};
const policy: AddressPolicy = { resolve, isAllowed };
const guarded = (extra: Partial<FetchMediaOptions> = {}): FetchMediaOptions => ({
  maxBytes: 32 * 1024,
  allowedContentTypes: ['image/jpeg', 'image/png'],
  allowPrivateAddresses: false,
  addressPolicy: policy,
  timeoutMs: 3_000,
  ...extra,
});

// Safety net: whatever the guard does, no socket of this file leaves the loopback range.
const originalConnect = net.Socket.prototype.connect;
const offMachineAttempts: string[] = [];
beforeAll(async () => {
  jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
    this: net.Socket,
    ...args: unknown[]
  ) {
    const options = args[0] as { host?: string } | number | string;
    const host = typeof options === 'object' && options !== null ? options.host : undefined;
    if (host && net.isIP(host) && !/^127\.|^::1$|^::ffff:127\./.test(host)) {
      offMachineAttempts.push(host);
      throw new Error(`test safety net: refused a socket to ${host}`);
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as never);

  internalHost = await startHost(INTERNAL, 0, (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
  });
  port = (internalHost.server.address() as AddressInfo).port;
  // The same port on the "public" address, as a rebinding attacker's host would be.
  publicHost = await startHost(PLAYS_PUBLIC, port, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/photo.jpg')
      return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (url.pathname === '/redirect') {
      return void res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    }
    if (url.pathname === '/page')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html/>');
    if (url.pathname === '/no-type') return void res.writeHead(200).end(JPEG);
    if (url.pathname === '/svg') {
      return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg onload="x"/>');
    }
    if (url.pathname === '/html-as-jpeg') {
      return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html>not an image</html>');
    }
    if (url.pathname === '/lying-length') {
      // Claims a small body, then keeps sending (a chunked-like stream past the cap).
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.write(JPEG);
      res.end(Buffer.alloc(64 * 1024, 1));
      return;
    }
    if (url.pathname === '/bomb') {
      const body = zlib.gzipSync(Buffer.concat([JPEG, Buffer.alloc(8 * 1024 * 1024)]));
      return void res
        .writeHead(200, {
          'content-type': 'image/jpeg',
          'content-encoding': 'gzip',
          'content-length': body.length,
        })
        .end(body);
    }
    if (url.pathname === '/drip') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent >= JPEG.length) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(JPEG.subarray(sent, sent + 1));
        sent += 1;
      }, 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(404).end();
  });
});
afterAll(async () => {
  jest.restoreAllMocks();
  for (const host of [publicHost, internalHost]) {
    host.server.closeAllConnections();
    await new Promise((done) => host.server.close(done));
  }
});
beforeEach(() => {
  zone.clear();
  zone.set('cdn.test', [PLAYS_PUBLIC]);
  resolveCalls.length = 0;
  publicHost.hits.length = 0;
  internalHost.hits.length = 0;
});
afterEach(() => {
  expect(offMachineAttempts).toEqual([]);
  expect(internalHost.hits).toEqual([]);
});

async function refusal(url: string, options = guarded()): Promise<string> {
  const error = await fetchMedia(url, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal of ${url}, got ${String(error)}`);
  expect(error.code).toBe('invalid_input');
  return error.message;
}

const PRIVATE_ADDRESSES = [
  '127.0.0.1',
  '127.255.255.254',
  '10.0.0.1',
  '10.255.255.255',
  '172.16.0.1',
  '172.31.255.254',
  '192.168.0.1',
  '192.168.255.255',
  '169.254.169.254',
  '169.254.0.1',
  '100.64.0.1',
  '0.0.0.0',
  '::1',
  '::',
  'fc00::1',
  'fd12:3456::1',
  'fdff:ffff::1',
  'fe80::1',
  '::ffff:127.0.0.1',
  '::ffff:10.0.0.1',
  '::ffff:169.254.169.254',
  '::7f00:1',
  '64:ff9b::a9fe:a9fe',
  '2002:7f00:1::1',
  'fec0::1',
];

describe('refused by literal, before any lookup or socket', () => {
  const literal = (address: string) => (net.isIPv6(address) ? `[${address}]` : address);
  it.each(PRIVATE_ADDRESSES)('http://%s/', async (address) => {
    expect(await refusal(`http://${literal(address)}:${port}/a.jpg`)).toMatch(/private or loopback/);
    expect(resolveCalls).toEqual([]);
  });

  it.each([
    ['decimal', 'http://2130706433:PORT/a.jpg'],
    ['hex', 'http://0x7f000001:PORT/a.jpg'],
    ['octal', 'http://0177.0.0.1:PORT/a.jpg'],
    ['short', 'http://127.1:PORT/a.jpg'],
    ['zero', 'http://0:PORT/a.jpg'],
    ['hex IPv4-mapped', 'http://[::ffff:7f00:1]:PORT/a.jpg'],
    ['metadata, decimal', 'http://2852039166/latest/meta-data/'],
  ])('%s spellings of a private address (%s)', async (_label, url) => {
    expect(await refusal(url.replace('PORT', String(port)))).toMatch(/private or loopback/);
  });
});

describe('refused by name', () => {
  it.each(PRIVATE_ADDRESSES)('a host name that resolves to %s', async (address) => {
    zone.set('evil.test', [address]);
    expect(await refusal(`http://evil.test:${port}/a.jpg`)).toMatch(/private or loopback/);
    expect(resolveCalls).toEqual(['evil.test']);
  });

  it('a name with one public and one private answer (the socket could pick either)', async () => {
    zone.set('mixed.test', [PLAYS_PUBLIC, INTERNAL]);
    expect(await refusal(`http://mixed.test:${port}/photo.jpg`)).toMatch(/private or loopback/);
    expect(publicHost.hits).toEqual([]);
  });

  it('localhost through the system resolver', async () => {
    const options = guarded({ addressPolicy: { isAllowed } });
    expect(await refusal(`http://localhost:${port}/a.jpg`, options)).toMatch(/private or loopback/);
  });

  it('any generated private address behind any name (property)', async () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const privateV4 = fc.oneof(
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => `172.${b}.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `127.${b}.${c}.${d}`),
      fc.tuple(octet, octet).map(([c, d]) => `169.254.${c}.${d}`),
      fc.tuple(fc.integer({ min: 64, max: 127 }), octet, octet).map(([b, c, d]) => `100.${b}.${c}.${d}`),
      fc.tuple(octet, octet, octet).map(([b, c, d]) => `0.${b}.${c}.${d}`),
    );
    const hextet = fc.integer({ min: 0, max: 0xffff }).map((value) => value.toString(16));
    const privateV6 = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0xfc00, max: 0xfdff }), hextet, hextet)
        .map(([a, b, c]) => `${a.toString(16)}:${b}::${c}`),
      fc.tuple(fc.integer({ min: 0xfe80, max: 0xfebf }), hextet).map(([a, b]) => `${a.toString(16)}::${b}`),
      privateV4.map((v4) => `::ffff:${v4}`),
      fc.constant('::1'),
    );
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    await fc.assert(
      fc.asyncProperty(
        label,
        fc.array(fc.oneof(privateV4, privateV6), { minLength: 1, maxLength: 3 }),
        async (name, addresses) => {
          expect(addresses.every((address) => !isPublicAddress(address))).toBe(true);
          const host = `${name}.test`;
          zone.set(host, [PLAYS_PUBLIC, ...addresses]);
          expect(await refusal(`http://${host}:${port}/photo.jpg`)).toMatch(/private or loopback/);
          expect(publicHost.hits).toEqual([]);
        },
      ),
      { numRuns: 1000, seed: SEED, endOnFailure: true },
    );
    // 1,000 real HTTP refusals: seconds alone, far longer beside the rest of the suite on 2 cores.
  }, 120_000);
});

describe('DNS answers that change between check and connect', () => {
  it('connects to the address it checked, once per lookup, and refuses the rebound answer', async () => {
    let calls = 0;
    zone.set('rebind.test', () => (++calls === 1 ? [PLAYS_PUBLIC] : [INTERNAL]));
    const media = await fetchMedia(`http://rebind.test:${port}/photo.jpg`, guarded());
    expect(media.bytes.equals(JPEG)).toBe(true);
    // One answer, checked and connected to: a second lookup (a separate check) would have rebound.
    expect(resolveCalls).toEqual(['rebind.test']);
    expect(publicHost.hits).toEqual(['/photo.jpg']);

    // A new connection looks up again, and this time the answer is internal: refused, nothing sent.
    expect(await refusal(`http://rebind.test:${port}/photo.jpg`)).toMatch(/private or loopback/);
    expect(resolveCalls).toEqual(['rebind.test', 'rebind.test']);
    expect(publicHost.hits).toEqual(['/photo.jpg']);
  });

  it('looks up again on a redirect to the same name, and refuses when the answer turned internal', async () => {
    let calls = 0;
    zone.set('hop.test', () => (++calls === 1 ? [PLAYS_PUBLIC] : [INTERNAL]));
    const to = encodeURIComponent(`http://hop.test:${port}/photo.jpg`);
    expect(await refusal(`http://hop.test:${port}/redirect?to=${to}`)).toMatch(/private or loopback/);
    expect(resolveCalls).toEqual(['hop.test', 'hop.test']);
    expect(publicHost.hits).toEqual([`/redirect?to=${to}`]);
  });
});

describe('refused on a redirect', () => {
  const via = (target: string) => `http://cdn.test:${port}/redirect?to=${encodeURIComponent(target)}`;
  it.each([
    ['a loopback literal', `http://127.0.0.1:PORT/secret`],
    ['a short loopback literal', `http://127.1:PORT/secret`],
    ['IPv6 loopback', `http://[::1]:PORT/secret`],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/iam/'],
    ['a private literal', 'http://10.0.0.5/a.jpg'],
    ['a ULA literal', 'http://[fd00::5]/a.jpg'],
    ['a name resolving to loopback', `http://internal.test:PORT/secret`],
  ])('to %s', async (_label, target) => {
    zone.set('internal.test', [INTERNAL]);
    expect(await refusal(via(target.replace('PORT', String(port))))).toMatch(/private or loopback/);
  });

  it('after a public hop that redirects again', async () => {
    zone.set('internal.test', [INTERNAL]);
    const inner = `http://cdn.test:${port}/redirect?to=${encodeURIComponent(`http://internal.test:${port}/x`)}`;
    expect(await refusal(via(inner))).toMatch(/private or loopback/);
    expect(publicHost.hits).toHaveLength(2);
  });

  it.each([
    'file:///etc/passwd',
    'ftp://cdn.test/a.jpg',
    'gopher://cdn.test:70/_x',
    'data:image/jpeg;base64,/9j/',
  ])('to another scheme (%s)', async (target) => {
    expect(await refusal(via(target))).toMatch(/media_url: /);
  });
});

describe('refused content', () => {
  it.each([
    'file:///etc/passwd',
    'ftp://cdn.test/a.jpg',
    'gopher://cdn.test/a',
    'data:image/jpeg;base64,/9j/4AAQ',
    'javascript:alert(1)',
    'ws://cdn.test/a.jpg',
    '//cdn.test/a.jpg',
    'cdn.test/a.jpg',
    '',
  ])('a non-http URL %j', async (url) => {
    expect(await refusal(url)).toBe('media_url: must be an http(s) URL');
    expect(resolveCalls).toEqual([]);
  });

  it.each([
    ['/page', /content type text\/html is not accepted/],
    ['/no-type', /content type \(none\) is not accepted/],
    ['/svg', /content type image\/svg\+xml is not accepted/],
    ['/html-as-jpeg', /labelled image\/jpeg but is not one/],
    ['/lying-length', /larger than 32768 bytes/],
    ['/bomb', /larger than 32768 bytes/],
  ])('%s', async (path, message) => {
    expect(await refusal(`http://cdn.test:${port}${path}`)).toMatch(message);
  });

  it('a host that drips bytes is cut at the whole-download deadline, not per byte', async () => {
    const started = Date.now();
    expect(await refusal(`http://cdn.test:${port}/drip`, guarded({ timeoutMs: 600 }))).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});

describe('HTTP_PROXY in the environment', () => {
  let proxy: Host;
  const saved = { http: process.env.HTTP_PROXY, https: process.env.HTTPS_PROXY };
  beforeAll(async () => {
    proxy = await startHost(PLAYS_PUBLIC, 0, (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    });
    const proxyUrl = `http://${PLAYS_PUBLIC}:${(proxy.server.address() as AddressInfo).port}`;
    process.env.HTTP_PROXY = proxyUrl;
    process.env.HTTPS_PROXY = proxyUrl;
  });
  afterAll(async () => {
    for (const [name, value] of [
      ['HTTP_PROXY', saved.http],
      ['HTTPS_PROXY', saved.https],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    proxy.server.closeAllConnections();
    await new Promise((done) => proxy.server.close(done));
  });

  it('is not used: the proxy would resolve the name itself, past the guard', async () => {
    zone.set('internal.test', [INTERNAL]);
    expect(await refusal(`http://internal.test:${port}/secret`)).toMatch(/private or loopback/);
    expect(
      await refusal(`http://localhost:${port}/secret`, guarded({ addressPolicy: { isAllowed } })),
    ).toMatch(/private or loopback/);
    expect(proxy.hits).toEqual([]);
  });
});
