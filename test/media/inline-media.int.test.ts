// Media from agents end to end: an MCP SDK client publishes a base64 PNG to all five platforms; Instagram and
// Threads fetch it from the media store (JPEG for Instagram), X, LinkedIn and Mastodon receive the bytes; the
// hosted copy is gone (404) once the call returns; bad payloads, expired URLs and the S3 path are tried too.
import crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import {
  admin,
  call,
  connect,
  demoContextOf,
  IG_USER_ID,
  startFivePlatformStack,
  SUB,
  THREADS_USER_ID,
  TOKENS,
  X_USER_ID,
  type FivePlatformStack,
} from './five-platforms';
import { runInlineMediaDemo } from '../../scripts/demo/inline-media';

jest.setTimeout(120_000);

let stack: FivePlatformStack;
let s3: S3rver;
let s3Dir: string;
let s3Endpoint: string;
/** A 1080×1080 PNG made here, the way an image model hands one over: bytes in memory. */
let png: Buffer;

beforeAll(async () => {
  png = await sharp({
    create: { width: 1080, height: 1080, channels: 4, background: { r: 30, g: 144, b: 255, alpha: 1 } },
  })
    .png()
    .toBuffer();
  stack = await startFivePlatformStack();
  s3Dir = await fs.mkdtemp(path.join(os.tmpdir(), 'inline-media-s3-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: 'media', configs: [] }],
  });
  s3Endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
});

afterAll(async () => {
  await stack?.close();
  await s3?.close();
  await fs.rm(s3Dir, { recursive: true, force: true });
});

const base64 = () => png.toString('base64');
const hostedFiles = async () =>
  (await fs.readdir(stack.mediaDir, { recursive: true })).filter((name) => /\.\w+$/.test(String(name)));

describe('a base64 PNG published to all five platforms', () => {
  it('Instagram fetched it as a JPEG from the media store, which no longer serves it', async () => {
    const published = await call(stack.clients.get('instagram')!, 'publish_post', {
      image: { image_base64: base64(), mime_type: 'image/png' },
      caption: 'Made by an image model',
    });
    expect(published).toMatchObject({
      isError: false,
      body: { media_type: 'IMAGE', media_id: expect.any(String) },
    });
    const { containers } = await admin('GET', `/instagram/accounts/${IG_USER_ID}`);
    const container = containers.find((c) => c.id === published.body.container_id)!;
    expect(container.imageUrl).toMatch(
      new RegExp(`^${stack.servers.get('instagram')!.mediaUrl}/media/[A-Za-z0-9_-]{43}\\.jpg$`),
    );
    expect(container.fetchedMedia).toMatchObject({
      contentType: 'image/jpeg',
      sizeBytes: expect.any(Number),
    });
    expect((await fetch(container.imageUrl!)).status).toBe(404);
    expect(await hostedFiles()).toEqual([]);
  });

  it('Threads fetched the PNG itself from the media store, which no longer serves it', async () => {
    const published = await call(stack.clients.get('threads')!, 'publish_post', {
      text: 'Made by an image model',
      image: { url: `data:image/png;base64,${base64()}` },
    });
    expect(published).toMatchObject({ isError: false, body: { media_type: 'IMAGE' } });
    const { containers } = await admin('GET', `/threads/accounts/${THREADS_USER_ID}`);
    const container = containers.find((c) => c.id === published.body.container_id)!;
    const sha256 = crypto.createHash('sha256').update(png).digest('hex');
    expect(container.fetchedMedia).toMatchObject({ contentType: 'image/png', sizeBytes: png.length, sha256 });
    expect((await fetch(container.imageUrl!)).status).toBe(404);
  });

  it('X, LinkedIn and Mastodon received the PNG bytes in their uploads', async () => {
    const x = await call(stack.clients.get('x')!, 'publish_post', {
      text: 'Made by a model',
      media: [{ image_base64: base64(), mime_type: 'image/png' }],
    });
    expect(x).toMatchObject({ isError: false, body: { media_ids: [expect.any(String)] } });
    const xMedia = (await admin('GET', `/x/users/${X_USER_ID}`)).media;
    expect(xMedia).toEqual([
      expect.objectContaining({
        id: (x.body.media_ids as string[])[0],
        contentType: 'image/png',
        size: png.length,
        width: 1080,
        height: 1080,
      }),
    ]);

    const linkedin = await call(stack.clients.get('linkedin')!, 'publish_post', {
      text: 'Made by a model',
      image: { image_base64: base64() },
    });
    expect(linkedin).toMatchObject({
      isError: false,
      body: { image_urn: expect.stringMatching(/^urn:li:image:/) },
    });
    const { images } = await admin('GET', `/linkedin/members/${SUB}`);
    expect(images).toEqual([
      expect.objectContaining({
        urn: linkedin.body.image_urn,
        status: 'AVAILABLE',
        contentType: 'image/png',
        sizeBytes: png.length,
      }),
    ]);

    const mastodon = await call(stack.clients.get('mastodon')!, 'publish_post', {
      status: 'Made by a model',
      media: [{ url: `data:image/png;base64,${base64()}` }],
    });
    expect(mastodon).toMatchObject({ isError: false, body: { media_ids: [expect.any(String)] } });
    const { media } = await admin('GET', '/mastodon/instances/alpha');
    expect(media).toEqual([
      expect.objectContaining({ id: (mastodon.body.media_ids as string[])[0], size_bytes: png.length }),
    ]);
  });
});

describe('refused media', () => {
  it('a payload that is not an image, one over the platform cap, and a type the bytes contradict, naming the field', async () => {
    const notImage = await call(stack.clients.get('x')!, 'publish_post', {
      text: 'x',
      media: [{ image_base64: Buffer.from('%PDF-1.7 not an image').toString('base64') }],
    });
    expect(notImage).toMatchObject({
      isError: true,
      body: { code: 'invalid_input', message: 'media[0].image_base64: the bytes are not an image file' },
    });
    const big = Buffer.alloc(9 * 1024 * 1024, 0x41).toString('base64');
    const tooLarge = await call(stack.clients.get('instagram')!, 'publish_post', {
      image: { image_base64: big },
      caption: 'too big',
    });
    expect(tooLarge).toMatchObject({
      isError: true,
      body: {
        code: 'invalid_input',
        message: expect.stringMatching(/^image\.image_base64: the file is larger than 8388608 bytes/),
      },
    });
    const mislabelled = await call(stack.clients.get('linkedin')!, 'publish_post', {
      text: 'x',
      image: { image_base64: base64(), mime_type: 'image/jpeg' },
    });
    expect(mislabelled.body).toMatchObject({
      code: 'invalid_input',
      message: 'image.image_base64: labelled image/jpeg but the bytes are image/png',
    });
    const both = await call(stack.clients.get('threads')!, 'publish_post', {
      text: 'x',
      image_url: stack.sim.sampleImageUrl,
      image: { image_base64: base64() },
    });
    expect(both.body).toMatchObject({
      code: 'invalid_input',
      message: 'image_url or image: give at most one of them',
    });
  });

  it('Instagram: an aspect ratio outside 4:5 … 1.91:1 is reported, nothing is hosted or published', async () => {
    const before = (await admin('GET', `/instagram/accounts/${IG_USER_ID}`)).containers.length;
    const wide = await sharp({ create: { width: 1200, height: 400, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const refused = await call(stack.clients.get('instagram')!, 'publish_carousel', {
      images: [{ image_base64: base64() }, { image_base64: wide.toString('base64') }],
      caption: 'carousel',
    });
    expect(refused.body).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^images\[1\]: aspect ratio 1200×400 \(3\.00:1\) is outside 4:5 … 1\.91:1$/,
      ),
    });
    expect((await admin('GET', `/instagram/accounts/${IG_USER_ID}`)).containers.length).toBe(before);
    expect(await hostedFiles()).toEqual([]);
  });

  it('an expired or deleted media URL is refused by the simulator as Meta refuses it (9004, 2207052)', async () => {
    const { containers } = await admin('GET', `/instagram/accounts/${IG_USER_ID}`);
    const goneUrl = containers.find((c) => c.imageUrl?.includes('/media/'))!.imageUrl!;
    const refused = await call(stack.clients.get('instagram')!, 'publish_post', {
      image_url: goneUrl,
      caption: 'again',
    });
    expect(refused.body).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('the media URL could not be fetched'),
    });
    const graph = await fetch(
      `${stack.sim.graphUrl}/${IG_USER_ID}/media?image_url=${encodeURIComponent(goneUrl)}&access_token=${TOKENS.instagram}`,
      { method: 'POST' },
    );
    expect(graph.status).toBe(400);
    expect(((await graph.json()) as { error: unknown }).error).toMatchObject({
      code: 9004,
      error_subcode: 2207052,
      type: 'OAuthException',
    });
  });
});

describe('the S3 path (s3rver)', () => {
  it('rehosts an expiring URL into the bucket for Threads, and the object is gone after the publish', async () => {
    const server = await stack.startServer('threads', {
      MEDIA_STORE_BUCKET: 'media',
      MEDIA_STORE_ENDPOINT: s3Endpoint,
      MEDIA_STORE_ACCESS_KEY_ID: 'S3RVER',
      MEDIA_STORE_SECRET_ACCESS_KEY: 'S3RVER',
      MEDIA_STORE_FORCE_PATH_STYLE: 'true',
    });
    expect(server.mediaUrl).toBeUndefined();
    const client = await connect(server);
    try {
      const published = await call(client, 'publish_post', {
        text: 'rehosted',
        image: { url: stack.sim.sampleImageUrl, rehost: true },
      });
      expect(published).toMatchObject({ isError: false, body: { media_type: 'IMAGE' } });
      const { containers } = await admin('GET', `/threads/accounts/${THREADS_USER_ID}`);
      const container = containers.find((c) => c.id === published.body.container_id)!;
      expect(container.imageUrl).toMatch(
        new RegExp(`^${s3Endpoint}/media/socialvault-media/[A-Za-z0-9_-]{43}\\.jpg\\?.*X-Amz-Signature=`),
      );
      expect(container.fetchedMedia).toMatchObject({ contentType: 'image/jpeg' });
      expect((await fetch(container.imageUrl!)).status).toBe(404);
    } finally {
      await client.close();
    }
  });
});

describe("pnpm demo's inline media section", () => {
  it('publishes its generated PNG to all five platforms through the MCP servers', async () => {
    const steps: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await runInlineMediaDemo(demoContextOf(stack, steps, false), {
        instagram: IG_USER_ID,
        threads: THREADS_USER_ID,
        x: X_USER_ID,
        linkedin: SUB,
        mastodon: 'gen@alpha',
      });
    } finally {
      log.mockRestore();
    }
    expect(steps.map((line) => line.split(' ')[0])).toEqual([
      'G1',
      'G-instagram',
      'G-threads',
      'G-x',
      'G-linkedin',
      'G-mastodon',
    ]);
    expect(steps.join('\n')).not.toMatch(/[A-Za-z0-9+/]{200}/);
  });
});
