// The media store on an S3-compatible bucket (S3, R2, MinIO): private objects, handed out as presigned GET URLs.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Logger } from 'winston';
import type { S3StoreConfig } from './media-config';
import { newMediaId, type MediaStore, type StoredMedia } from './media-store';
import { EXTENSION_BY_TYPE } from './sniff';

/** Objects go under this prefix, so a lifecycle rule on it can expire what a crash left behind. */
export const S3_MEDIA_PREFIX = 'socialvault-media/';

/**
 * A store that uploads each file as a private object `socialvault-media/<id>.<ext>` and returns a presigned
 * GET URL valid for `ttlS` (the bucket needs no public access). `delete()` removes the object after the
 * publish; add a lifecycle rule expiring the prefix after a day for objects a crashed process left behind.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html
 * @example const store = createS3MediaStore(config.mediaStore.s3, { ttlS: 3600, logger });
 */
export function createS3MediaStore(
  config: S3StoreConfig,
  options: { ttlS: number; logger: Logger },
): MediaStore {
  const client = new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  });
  return {
    kind: 's3',
    put: async (bytes, contentType): Promise<StoredMedia> => {
      const key = `${S3_MEDIA_PREFIX}${newMediaId()}.${EXTENSION_BY_TYPE[contentType] ?? 'bin'}`;
      const expiresAt = new Date(Date.now() + options.ttlS * 1000);
      await client.send(
        new PutObjectCommand({
          Bucket: config.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          CacheControl: 'no-store',
          Expires: expiresAt,
        }),
      );
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: config.bucket, Key: key }), {
        expiresIn: options.ttlS,
      });
      return {
        url,
        expiresAt,
        delete: async () => {
          await client
            .send(new DeleteObjectCommand({ Bucket: config.bucket, Key: key }))
            .catch((error: unknown) =>
              options.logger.warn(
                'hosted media could not be deleted from the bucket; its URL still expires',
                {
                  error: (error as Error).name,
                },
              ),
            );
        },
      };
    },
    close: async () => client.destroy(),
  };
}
