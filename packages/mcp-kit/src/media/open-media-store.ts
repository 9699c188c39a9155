// Picks and starts a server's media store: the bucket when MEDIA_STORE_BUCKET is set, else the built-in one.
import path from 'node:path';
import type { Logger } from 'winston';
import type { McpServerConfig } from '../config';
import type { McpServerSpec } from '../server-spec';
import { startBuiltInMediaStore } from './built-in-media-store';
import type { MediaStore } from './media-store';

/**
 * The media store of `spec`'s server, or undefined when it hosts no media (no `defaultMediaPort`). With
 * `MEDIA_STORE_BUCKET` set: the S3-compatible bucket; otherwise the built-in store listening on `HOST`:
 * `MEDIA_PORT` (default `defaultMediaPort`, or 0 when `PORT` is 0), files under `MEDIA_STORE_DIR/<platform>`. Logs where it serves.
 * @throws Error when the built-in store's port is taken or its folder cannot be created.
 */
export async function openMediaStore(
  spec: Pick<McpServerSpec<object>, 'platform' | 'defaultMediaPort'>,
  config: McpServerConfig,
  logger: Logger,
): Promise<MediaStore | undefined> {
  if (spec.defaultMediaPort === undefined) return undefined;
  const { mediaStore } = config;
  if (mediaStore.s3) {
    // The AWS SDK is loaded only by a server configured with a bucket.
    const { createS3MediaStore } = await import('./s3-media-store');
    logger.info('media store: bucket', { bucket: mediaStore.s3.bucket, ttl_s: mediaStore.ttlS });
    return createS3MediaStore(mediaStore.s3, { ttlS: mediaStore.ttlS, logger });
  }
  const store = await startBuiltInMediaStore({
    dir: path.join(mediaStore.dir, spec.platform),
    ttlS: mediaStore.ttlS,
    host: config.host,
    // A server on an ephemeral port (PORT=0: tests, several servers in one process) gets an ephemeral store too.
    port: mediaStore.port ?? (config.port === 0 ? 0 : spec.defaultMediaPort),
    publicUrl: mediaStore.publicUrl,
    logger,
  });
  logger.info(`media store listening on ${store.listenUrl}, public as ${store.publicUrl}`, {
    ttl_s: mediaStore.ttlS,
    ...(mediaStore.publicUrl
      ? {}
      : { warning: 'MEDIA_PUBLIC_URL is unset: only a local simulator can fetch' }),
  });
  return store;
}
