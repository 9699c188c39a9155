// The bucket media store against s3rver (an S3-compatible server): a private object behind a presigned GET,
// gone after delete.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { createLogger } from '@socialvault/common';
import { solidImage } from '../../test/fixtures/images';
import { createS3MediaStore } from './s3-media-store';
import type { MediaStore } from './media-store';

let dir: string;
let s3: S3rver;
let endpoint: string;
let store: MediaStore;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 's3rver-test-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir,
    configureBuckets: [{ name: 'media', configs: [] }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  store = createS3MediaStore(
    {
      bucket: 'media',
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    },
    { ttlS: 600, logger: createLogger('s3-store-test', 'media') },
  );
});

afterAll(async () => {
  await store.close();
  await s3.close();
  await fs.rm(dir, { recursive: true, force: true });
});

it('uploads a private object, serves it through a presigned GET for MEDIA_TTL_S, and deletes it', async () => {
  const jpeg = await solidImage(30, 30, 'jpeg');
  const stored = await store.put(jpeg, 'image/jpeg');
  const url = new URL(stored.url);
  expect(url.pathname).toMatch(/^\/media\/socialvault-media\/[A-Za-z0-9_-]{43}\.jpg$/);
  expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
  const response = await fetch(stored.url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/jpeg');
  expect(Buffer.from(await response.arrayBuffer()).equals(jpeg)).toBe(true);
  await stored.delete();
  expect((await fetch(stored.url)).status).toBe(404);
});
