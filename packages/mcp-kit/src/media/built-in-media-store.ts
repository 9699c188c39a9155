// The built-in media store: files on disk served by a small listener of their own, for setups without a bucket.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'winston';
import { listen } from '@socialvault/common';
import { EXTENSION_BY_TYPE } from './sniff';
import { MEDIA_ID, newMediaId, type MediaStore, type StoredMedia } from './media-store';

const TYPE_BY_EXTENSION = Object.fromEntries(
  Object.entries(EXTENSION_BY_TYPE).map(([type, ext]) => [ext, type]),
);
const FILE_NAME = new RegExp(
  `^(${MEDIA_ID.source.slice(1, -1)})\\.(${Object.keys(TYPE_BY_EXTENSION).join('|')})$`,
);

export interface BuiltInMediaStoreOptions {
  /** Folder for the files (created 0700); only this store writes there. */
  dir: string;
  ttlS: number;
  /** Listener address and port (`HOST`, `MEDIA_PORT`; 0 = any free port). */
  host: string;
  port: number;
  /** `MEDIA_PUBLIC_URL`: the listener as the platform reaches it; default `http://<host>:<port>`. */
  publicUrl: string | undefined;
  logger: Logger;
  /** Clock (ms since epoch); tests only. */
  now?: () => number;
}

/** The built-in store with the URL its listener serves. */
export interface BuiltInMediaStore extends MediaStore {
  listenUrl: string;
  /** What hosted URLs start with: `MEDIA_PUBLIC_URL`, or `listenUrl`. */
  publicUrl: string;
}

/**
 * Starts the built-in store: `GET /media/<id>.<ext>` answers the file (with its type, `Cache-Control:
 * no-store`) while it is younger than `ttlS`, and 404 otherwise — unknown, malformed, expired or deleted id
 * alike, so an answer tells a guesser nothing. Expired files are swept every minute (or TTL, if shorter).
 * Nothing else is served: no listing, no upload, no other path.
 * @example const store = await startBuiltInMediaStore({ dir, ttlS: 3600, host: '127.0.0.1', port: 3015, publicUrl: undefined, logger });
 */
export async function startBuiltInMediaStore(options: BuiltInMediaStoreOptions): Promise<BuiltInMediaStore> {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlS * 1000;
  await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });

  /** The file behind a request path segment, if it exists and has not expired (an expired one is removed). */
  const live = async (name: string): Promise<{ file: string; type: string } | undefined> => {
    const match = FILE_NAME.exec(name);
    if (!match) return undefined;
    const file = path.join(options.dir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) return undefined;
    if (stat.mtimeMs + ttlMs <= now()) {
      await fs.rm(file, { force: true });
      return undefined;
    }
    return { file, type: TYPE_BY_EXTENSION[match[2]!]! };
  };

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.get('/media/:name', async (req, res) => {
    const found = await live(req.params.name);
    if (!found) return void res.status(404).type('text/plain').send('not found');
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Type': found.type });
    res.send(await fs.readFile(found.file));
  });
  app.use((_req, res) => void res.status(404).type('text/plain').send('not found'));

  const listener = await listen(app, { host: options.host, port: options.port });
  const listenUrl = listener.url;
  const publicUrl = (options.publicUrl ?? listenUrl).replace(/\/+$/, '');

  const sweep = async (): Promise<void> => {
    const names = await fs.readdir(options.dir).catch(() => [] as string[]);
    for (const name of names) await live(name);
  };
  const sweeper = setInterval(() => void sweep(), Math.min(ttlMs, 60_000));
  sweeper.unref();
  await sweep();

  return {
    kind: 'built-in',
    listenUrl,
    publicUrl,
    put: async (bytes, contentType): Promise<StoredMedia> => {
      const name = `${newMediaId()}.${EXTENSION_BY_TYPE[contentType] ?? 'bin'}`;
      const file = path.join(options.dir, name);
      await fs.writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
      const stat = await fs.stat(file);
      return {
        url: `${publicUrl}/media/${name}`,
        expiresAt: new Date(stat.mtimeMs + ttlMs),
        delete: async () => {
          await fs
            .rm(file, { force: true })
            .catch((error: unknown) =>
              options.logger.warn('hosted media could not be deleted; the sweep retries', { error }),
            );
        },
      };
    },
    close: async () => {
      clearInterval(sweeper);
      await listener.close();
    },
  };
}
