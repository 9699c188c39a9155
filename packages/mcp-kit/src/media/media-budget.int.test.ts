// The per-process media caps through a real server: a download over MEDIA_MAX_CONCURRENT_DOWNLOADS or over
// MEDIA_MAX_BUFFERED_MIB is refused at once with rate_limited (nothing fetched), and room comes back when
// downloads finish and calls end.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { defineMcpServer, defineTool, loadMcpConfig, startMcpHttpServer } from '../index';
import type { RunningMcpHttpServer } from '../http/server';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
const MIB = 1024 * 1024;

/** One tool: downloads each URL in turn through ctx.fetchMedia, each allowed `max_mib`. */
const mediaSpec = defineMcpServer({
  name: 'socialvault-media-test',
  version: '0.0.1',
  platform: 'x',
  defaultPort: 3997,
  accountIdForm: 'the test account id (e.g. 1789)',
  configSchema: z.object({}),
  tools: () => [
    defineTool({
      name: 'download_media',
      title: 'Download media',
      description: 'Downloads each URL as an image and returns the sizes.',
      inputSchema: z.object({
        urls: z.array(z.string()).describe('Media URLs'),
        max_mib: z.number().int().describe('File limit of each download, MiB'),
      }),
      outputSchema: z.object({ sizes: z.array(z.number()).describe('Bytes of each file') }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
      handler: async (args, ctx) => {
        const sizes = [];
        for (const [index, url] of args.urls.entries()) {
          const media = await ctx.fetchMedia(url, {
            maxBytes: args.max_mib * MIB,
            allowedContentTypes: ['image/jpeg'],
            field: `urls[${index}]`,
          });
          sizes.push(media.sizeBytes);
        }
        return { sizes };
      },
    }),
  ],
});

/** A media host whose /held.jpg answers only when the test says so. */
let mediaHost: http.Server;
let mediaUrl: string;
let requests: string[] = [];
let heldArrived: () => void = () => undefined;
let releaseHeld: () => void = () => undefined;

beforeAll(async () => {
  mediaHost = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const send = () => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (req.url === '/held.jpg') {
      releaseHeld = send;
      heldArrived();
    } else send();
  });
  await new Promise<void>((resolve) => mediaHost.listen(0, '127.0.0.1', resolve));
  mediaUrl = `http://127.0.0.1:${(mediaHost.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => mediaHost.close(() => resolve())));
beforeEach(() => {
  requests = [];
});

async function startServer(env: Record<string, string>): Promise<RunningMcpHttpServer> {
  const config = loadMcpConfig(mediaSpec, {
    VAULT_URL: 'http://127.0.0.1:9',
    VAULT_TOKEN: 'svc-secret-media-0123456789',
    HOST: '127.0.0.1',
    PORT: '0',
    MEDIA_ALLOW_PRIVATE_URLS: 'true',
    ...env,
  });
  return startMcpHttpServer(mediaSpec, { config });
}

async function download(server: RunningMcpHttpServer, urls: string[], maxMib = 1) {
  const response = await fetch(server.mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'download_media', params: { urls, max_mib: maxMib } }),
  });
  const body = (await response.json()) as { sizes?: number[]; error?: Record<string, unknown> };
  return { status: response.status, body };
}

/** Starts a call whose first download hangs on /held.jpg; returns once the media host has the request. */
async function holdOneDownload(server: RunningMcpHttpServer, maxMib: number) {
  const arrived = new Promise<void>((resolve) => (heldArrived = resolve));
  const call = download(server, [`${mediaUrl}/held.jpg`], maxMib);
  await arrived;
  return { call };
}

let server: RunningMcpHttpServer | undefined;
afterEach(async () => {
  await server?.close({ graceMs: 0 });
  server = undefined;
});

it('refuses a download over MEDIA_MAX_CONCURRENT_DOWNLOADS with rate_limited, fetching nothing', async () => {
  server = await startServer({ MEDIA_MAX_CONCURRENT_DOWNLOADS: '1' });
  const { call } = await holdOneDownload(server, 1);
  const refused = await download(server, [`${mediaUrl}/a.jpg`]);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toEqual({
    code: 'rate_limited',
    message: 'urls[0]: not downloaded, this server is busy (all 1 media download slots are in use)',
    hint: expect.stringContaining('MEDIA_MAX_CONCURRENT_DOWNLOADS'),
    retry_after_s: 15,
  });
  expect(requests).toEqual(['/held.jpg']);
  releaseHeld();
  expect(await call).toEqual({ status: 200, body: { sizes: [JPEG.length] } });
  // The slot is free again once the download has ended.
  expect(await download(server, [`${mediaUrl}/a.jpg`, `${mediaUrl}/b.jpg`])).toEqual({
    status: 200,
    body: { sizes: [JPEG.length, JPEG.length] },
  });
});

it('refuses a download whose file limit does not fit MEDIA_MAX_BUFFERED_MIB, and counts real sizes once downloaded', async () => {
  server = await startServer({ MEDIA_MAX_BUFFERED_MIB: '64' });
  // A running 40 MiB-limit download reserves 40 MiB: another one does not fit in 64.
  const { call } = await holdOneDownload(server, 40);
  const refused = await download(server, [`${mediaUrl}/a.jpg`], 40);
  expect(refused.status).toBe(429);
  expect(refused.body.error?.message).toBe(
    'urls[0]: not downloaded, this server is busy (64 MiB of media are already held for uploads)',
  );
  expect(refused.body.error?.hint).toContain('MEDIA_MAX_BUFFERED_MIB');
  expect(requests).toEqual(['/held.jpg']);
  // A smaller limit still fits next to it.
  expect((await download(server, [`${mediaUrl}/a.jpg`], 20)).status).toBe(200);
  releaseHeld();
  expect((await call).status).toBe(200);
  // Downloaded files count by their size (2 KiB), not their limit: two 40 MiB-limit files in one call fit.
  const both = await download(server, [`${mediaUrl}/a.jpg`, `${mediaUrl}/b.jpg`], 40);
  expect(both).toEqual({ status: 200, body: { sizes: [JPEG.length, JPEG.length] } });
});
