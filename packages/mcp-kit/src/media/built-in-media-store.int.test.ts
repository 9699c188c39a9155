// The built-in media store over real HTTP: serves a file under its unguessable URL until deleted or expired,
// and answers every other request — guessed ids, path tricks, other methods — with the same 404.
import crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@socialvault/common';
import { solidImage } from '../../test/fixtures/images';
import { startBuiltInMediaStore, type BuiltInMediaStore } from './built-in-media-store';

let dir: string;
let store: BuiltInMediaStore;
let clockMs = Date.now();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'media-store-test-'));
  store = await startBuiltInMediaStore({
    dir,
    ttlS: 3600,
    host: '127.0.0.1',
    port: 0,
    publicUrl: undefined,
    logger: createLogger('media-store-test', 'media'),
    now: () => clockMs,
  });
});

afterAll(async () => {
  await store.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('built-in media store', () => {
  it('serves a stored file with its type and no caching, then 404 once deleted', async () => {
    const jpeg = await solidImage(40, 40, 'jpeg');
    const stored = await store.put(jpeg, 'image/jpeg');
    expect(stored.url).toMatch(new RegExp(`^${store.listenUrl}/media/[A-Za-z0-9_-]{43}\\.jpg$`));
    const response = await fetch(stored.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).equals(jpeg)).toBe(true);
    await stored.delete();
    expect((await fetch(stored.url)).status).toBe(404);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('answers 404 after MEDIA_TTL_S and removes the file', async () => {
    const stored = await store.put(await solidImage(10, 10, 'png'), 'image/png');
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(3590_000);
    clockMs = stored.expiresAt.getTime() + 1;
    try {
      expect((await fetch(stored.url)).status).toBe(404);
      expect(await fs.readdir(dir)).toEqual([]);
    } finally {
      clockMs = Date.now();
    }
  });

  it('refuses a brute force of well-formed ids, malformed ids and path tricks alike, while the real one serves', async () => {
    const stored = await store.put(await solidImage(10, 10, 'png'), 'image/png');
    const real = path.posix.basename(new URL(stored.url).pathname);
    const guesses = Array.from({ length: 300 }, () => `${crypto.randomBytes(32).toString('base64url')}.png`);
    const tricks = [
      `${real.slice(0, -5)}x.png`,
      real.replace('.png', '.jpg'),
      real.toUpperCase(),
      '..%2f..%2fetc%2fpasswd',
      `..%2F${real}`,
      `${real}%00.png`,
      '',
    ];
    for (const name of [...guesses, ...tricks]) {
      const response = await fetch(`${store.listenUrl}/media/${name}`);
      expect({ name, status: response.status, body: await response.text() }).toEqual({
        name,
        status: 404,
        body: 'not found',
      });
    }
    for (const target of ['/', '/media', `/media/../media/${real}/x`, '/mcp']) {
      expect((await fetch(`${store.listenUrl}${target}`)).status).toBe(404);
    }
    expect((await fetch(stored.url, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(stored.url, { method: 'PUT', body: 'x' })).status).toBe(404);
    expect((await fetch(stored.url)).status).toBe(200);
    await stored.delete();
  });

  it('hands out URLs under MEDIA_PUBLIC_URL when set', async () => {
    const fronted = await startBuiltInMediaStore({
      dir,
      ttlS: 60,
      host: '127.0.0.1',
      port: 0,
      publicUrl: 'https://media.example.com/sv/',
      logger: createLogger('media-store-test', 'media'),
    });
    try {
      const stored = await fronted.put(await solidImage(10, 10, 'png'), 'image/png');
      expect(stored.url).toMatch(/^https:\/\/media\.example\.com\/sv\/media\/[A-Za-z0-9_-]{43}\.png$/);
      await stored.delete();
    } finally {
      await fronted.close();
    }
  });
});
