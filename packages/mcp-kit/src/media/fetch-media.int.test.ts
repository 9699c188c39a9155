import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { isAppError, isPublicAddress } from '@socialvault/common';
import { fetchMedia, type FetchMediaOptions } from './fetch-media';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
const IMAGE_TYPES = ['image/jpeg', 'image/png'];

describe('fetchMedia', () => {
  let server: http.Server;
  let base: string;
  let hits = 0;

  beforeAll(async () => {
    const app = express();
    app.use((_req, _res, next) => {
      hits += 1;
      next();
    });
    app.get('/photo.jpg', (_req, res) => void res.type('image/jpeg').send(JPEG));
    app.get('/page', (_req, res) => void res.type('text/html').send('<html></html>'));
    app.get(
      '/fake.jpg',
      (_req, res) => void res.type('image/jpeg').send(Buffer.from('<html>not an image</html>')),
    );
    app.get(
      '/big.jpg',
      (_req, res) => void res.type('image/jpeg').send(Buffer.concat([JPEG, Buffer.alloc(64 * 1024)])),
    );
    app.get('/gone.jpg', (_req, res) => void res.status(404).send('nope'));
    app.get('/loop/:n', (req, res) => void res.redirect(`/loop/${Number(req.params.n) + 1}`));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    hits = 0;
  });

  const allowLocal: FetchMediaOptions = {
    maxBytes: 32 * 1024,
    allowedContentTypes: IMAGE_TYPES,
    allowPrivateAddresses: true,
  };
  const guarded: FetchMediaOptions = { ...allowLocal, allowPrivateAddresses: false, field: 'media_urls[0]' };

  async function rejection(
    url: string,
    options: FetchMediaOptions,
  ): Promise<{ message: string; hint: string; code: string }> {
    const error = await fetchMedia(url, options).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
    return { message: error.message, hint: error.hint, code: error.code };
  }

  it('returns the bytes, type and a file name of an accepted image', async () => {
    const media = await fetchMedia(`${base}/photo.jpg`, allowLocal);
    expect(media.contentType).toBe('image/jpeg');
    expect(media.filename).toBe('photo.jpg');
    expect(media.sizeBytes).toBe(JPEG.length);
    expect(media.bytes.equals(JPEG)).toBe(true);
  });

  it('refuses loopback hosts by name and by literal without sending a request', async () => {
    for (const url of [`${base}/photo.jpg`, `http://localhost:${new URL(base).port}/photo.jpg`]) {
      const error = await rejection(url, guarded);
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^media_urls\[0\]: .*(private or loopback)/);
      expect(error.hint).toMatch(/public URL/);
    }
    expect(hits).toBe(0);
  });

  it('refuses cloud-metadata, private and IPv6 loopback literals', async () => {
    for (const url of [
      'http://169.254.169.254/latest',
      'http://10.1.2.3/a.jpg',
      'http://[::1]/a.jpg',
      'http://[::ffff:127.0.0.1]/a.jpg',
    ]) {
      expect((await rejection(url, guarded)).message).toMatch(/private or loopback/);
    }
  });

  it('refuses non-http schemes', async () => {
    expect((await rejection('file:///etc/passwd', allowLocal)).message).toBe(
      'media_url: must be an http(s) URL',
    );
  });

  it('refuses a content type outside the allowed list, naming it', async () => {
    expect((await rejection(`${base}/page`, allowLocal)).message).toMatch(
      /content type text\/html is not accepted/,
    );
  });

  it('refuses a body that claims to be a JPEG but is not', async () => {
    expect((await rejection(`${base}/fake.jpg`, allowLocal)).message).toMatch(
      /labelled image\/jpeg but is not one/,
    );
  });

  it('refuses a file over the size cap', async () => {
    expect((await rejection(`${base}/big.jpg`, allowLocal)).message).toMatch(/larger than 32768 bytes/);
  });

  it('reports the HTTP status of a failing media URL', async () => {
    expect((await rejection(`${base}/gone.jpg`, allowLocal)).message).toMatch(/answered HTTP 404/);
  });

  it('gives up after three redirects', async () => {
    expect((await rejection(`${base}/loop/0`, allowLocal)).message).toMatch(/redirects more than 3 times/);
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['93.184.216.34', true],
    ['2606:4700::1111', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:10.0.0.1', false],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
