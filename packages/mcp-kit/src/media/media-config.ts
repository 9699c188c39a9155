// Environment of the media store that gives Instagram and Threads a short-lived public URL for inline media.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { emptyAsUndefined, flag, httpUrl, optional, port, wholeNumber } from '@socialvault/common';

/** An S3-compatible bucket (S3, R2, MinIO, …) reached through the AWS SDK. */
export interface S3StoreConfig {
  /** `MEDIA_STORE_BUCKET`. */
  bucket: string;
  /** `MEDIA_STORE_ENDPOINT`: the S3 API base URL for R2/MinIO; undefined for AWS S3. */
  endpoint: string | undefined;
  /** `MEDIA_STORE_REGION` (default `us-east-1`; R2 takes `auto`). */
  region: string;
  /** `MEDIA_STORE_ACCESS_KEY_ID` / `MEDIA_STORE_SECRET_ACCESS_KEY`; unset: the SDK's default chain (IAM role, …). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** `MEDIA_STORE_FORCE_PATH_STYLE` (default false; MinIO and s3rver need true). */
  forcePathStyle: boolean;
}

/** Where hosted media lives and for how long. */
export interface MediaStoreConfig {
  /** `MEDIA_TTL_S` (default 3600): a hosted object's URL works this long at most; deleted sooner after the publish. */
  ttlS: number;
  /** The bucket, when `MEDIA_STORE_BUCKET` is set; otherwise the built-in store below serves the media. */
  s3: S3StoreConfig | undefined;
  /** `MEDIA_PORT`: the built-in store's listener (default: the spec's `defaultMediaPort`, or 0 = any free port when `PORT` is 0). */
  port: number | undefined;
  /** `MEDIA_PUBLIC_URL`: the built-in store's URL as the platform reaches it (default `http://<HOST>:<port>`). */
  publicUrl: string | undefined;
  /** `MEDIA_STORE_DIR` (default `<tmpdir>/socialvault-media`): the built-in store's files, one folder per platform. */
  dir: string;
}

/** zod schema over the media store variables; the secret access key is registered for redaction by the caller. */
export const mediaStoreEnvSchema = z
  .object({
    MEDIA_TTL_S: wholeNumber(3600, 60, 7 * 24 * 3600),
    MEDIA_STORE_BUCKET: optional(z.string().min(3).max(63)),
    MEDIA_STORE_ENDPOINT: optional(httpUrl()),
    MEDIA_STORE_REGION: z.preprocess(emptyAsUndefined, z.string().min(1).default('us-east-1')),
    MEDIA_STORE_ACCESS_KEY_ID: optional(z.string().min(1)),
    MEDIA_STORE_SECRET_ACCESS_KEY: optional(z.string().min(1)),
    MEDIA_STORE_FORCE_PATH_STYLE: flag,
    MEDIA_PORT: optional(port(0)),
    MEDIA_PUBLIC_URL: optional(httpUrl()),
    MEDIA_STORE_DIR: z.preprocess(
      emptyAsUndefined,
      z.string().min(1).default(path.join(os.tmpdir(), 'socialvault-media')),
    ),
  })
  .refine(
    (env) =>
      (env.MEDIA_STORE_ACCESS_KEY_ID === undefined) === (env.MEDIA_STORE_SECRET_ACCESS_KEY === undefined),
    {
      error: 'MEDIA_STORE_ACCESS_KEY_ID and MEDIA_STORE_SECRET_ACCESS_KEY go together: set both or neither',
      path: ['MEDIA_STORE_SECRET_ACCESS_KEY'],
    },
  )
  .transform((env): MediaStoreConfig => ({
    ttlS: env.MEDIA_TTL_S,
    s3: env.MEDIA_STORE_BUCKET
      ? {
          bucket: env.MEDIA_STORE_BUCKET,
          endpoint: env.MEDIA_STORE_ENDPOINT,
          region: env.MEDIA_STORE_REGION,
          credentials:
            env.MEDIA_STORE_ACCESS_KEY_ID && env.MEDIA_STORE_SECRET_ACCESS_KEY
              ? {
                  accessKeyId: env.MEDIA_STORE_ACCESS_KEY_ID,
                  secretAccessKey: env.MEDIA_STORE_SECRET_ACCESS_KEY,
                }
              : undefined,
          forcePathStyle: env.MEDIA_STORE_FORCE_PATH_STYLE,
        }
      : undefined,
    port: env.MEDIA_PORT,
    publicUrl: env.MEDIA_PUBLIC_URL,
    dir: env.MEDIA_STORE_DIR,
  }));
