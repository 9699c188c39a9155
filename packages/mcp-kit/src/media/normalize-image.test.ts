// Instagram-style normalisation with sharp: PNG/WebP become JPEG, aspect ratios outside the bounds are reported.
import sharp from 'sharp';
import { isAppError } from '@socialvault/common';
import { solidImage } from '../../test/fixtures/images';
import type { FetchedMedia } from './fetch-media';
import { normalizeImage, type ImageRules } from './normalize-image';

const INSTAGRAM: ImageRules = {
  keepTypes: ['image/jpeg'],
  aspectRatio: { min: 0.8, max: 1.91, label: '4:5 … 1.91:1' },
  maxBytes: 8 * 1024 * 1024,
};
const media = (bytes: Buffer, contentType: string): FetchedMedia => ({
  bytes,
  contentType,
  filename: 'media',
  sizeBytes: bytes.length,
});

describe('normalizeImage', () => {
  it('converts PNG and WebP to JPEG of the same size in pixels', async () => {
    for (const format of ['png', 'webp'] as const) {
      const converted = await normalizeImage(
        media(await solidImage(1080, 1350, format), `image/${format}`),
        INSTAGRAM,
        'image',
      );
      expect(converted.contentType).toBe('image/jpeg');
      expect(await sharp(converted.bytes).metadata()).toMatchObject({
        format: 'jpeg',
        width: 1080,
        height: 1350,
      });
    }
  });

  it('passes a JPEG within the bounds through untouched', async () => {
    const jpeg = await solidImage(1080, 566, 'jpeg');
    expect((await normalizeImage(media(jpeg, 'image/jpeg'), INSTAGRAM, 'image')).bytes).toBe(jpeg);
  });

  it('reports, without cropping, an aspect ratio outside 4:5 … 1.91:1, naming the field', async () => {
    for (const [width, height] of [
      [1000, 1300],
      [1200, 600],
    ]) {
      const error = await normalizeImage(
        media(await solidImage(width!, height!, 'png'), 'image/png'),
        INSTAGRAM,
        'images[1]',
      ).catch((caught: unknown) => caught);
      expect(isAppError(error) && { code: error.code, message: error.message }).toEqual({
        code: 'invalid_input',
        message: expect.stringMatching(
          new RegExp(`^images\\[1\\]: aspect ratio ${width}×${height} .* is outside 4:5 … 1.91:1$`),
        ),
      });
    }
  });

  it('refuses bytes sharp cannot read and a result over the size cap', async () => {
    const png = await solidImage(100, 100, 'png');
    const broken = await normalizeImage(media(png.subarray(0, 40), 'image/png'), INSTAGRAM, 'image').catch(
      (e: unknown) => e,
    );
    expect(isAppError(broken) && broken.message).toBe('image: the image cannot be read');
    const tooBig = await normalizeImage(
      media(png, 'image/png'),
      { ...INSTAGRAM, maxBytes: 100 },
      'image',
    ).catch((e: unknown) => e);
    expect(isAppError(tooBig) && tooBig.message).toMatch(
      /^image: the image is \d+ bytes after conversion to JPEG, more than 100$/,
    );
  });
});
