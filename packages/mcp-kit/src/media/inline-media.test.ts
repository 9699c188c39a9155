// Inline media (base64, data: URLs): the bytes decide the type; size, type and encoding errors name the field.
import { isAppError } from '@socialvault/common';
import { solidImage } from '../../test/fixtures/images';
import { decodeInlineMedia, type InlineMediaOptions } from './inline-media';
import type { MediaSource } from './media-item';

const options: InlineMediaOptions = {
  maxBytes: 5 * 1024 * 1024,
  allowedContentTypes: ['image/jpeg', 'image/png', 'image/webp'],
  field: 'media[0]',
};

function refusal(source: MediaSource, override: Partial<InlineMediaOptions> = {}) {
  try {
    decodeInlineMedia(source, { ...options, ...override });
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decodeInlineMedia', () => {
  it('decodes image_base64 and a base64 data: URL, typing the bytes by their signature', async () => {
    const png = await solidImage(20, 10, 'png');
    const fromBase64 = decodeInlineMedia(
      { image_base64: png.toString('base64'), mime_type: 'image/png' },
      options,
    );
    expect(fromBase64).toEqual({
      bytes: png,
      contentType: 'image/png',
      filename: 'media.png',
      sizeBytes: png.length,
    });
    const jpeg = await solidImage(20, 10, 'jpeg');
    const fromDataUrl = decodeInlineMedia(
      { url: `data:image/jpeg;base64,${jpeg.toString('base64')}` },
      options,
    );
    expect(fromDataUrl).toMatchObject({ contentType: 'image/jpeg', sizeBytes: jpeg.length });
    // URL-safe alphabet, line breaks and no mime_type at all are fine: the bytes decide.
    const wrapped = png.toString('base64url').replace(/(.{60})/g, '$1\n');
    expect(decodeInlineMedia({ image_base64: wrapped }, options).bytes.equals(png)).toBe(true);
  });

  it('refuses a mime_type the bytes contradict, naming the field', async () => {
    const jpeg = await solidImage(8, 8, 'jpeg');
    expect(refusal({ image_base64: jpeg.toString('base64'), mime_type: 'image/png' })).toEqual({
      code: 'invalid_input',
      message: 'media[0].image_base64: labelled image/png but the bytes are image/jpeg',
      hint: expect.stringContaining('image/jpeg'),
    });
    // image/jpg is a common alias, not a contradiction.
    expect(
      decodeInlineMedia({ image_base64: jpeg.toString('base64'), mime_type: 'image/jpg' }, options)
        .contentType,
    ).toBe('image/jpeg');
  });

  it('refuses bytes that are not an accepted image: text, a GIF where GIF is not taken, nothing', async () => {
    expect(
      refusal({ image_base64: Buffer.from('<html>not an image</html>').toString('base64') }).message,
    ).toBe('media[0].image_base64: the bytes are not an image file');
    const gif = await solidImage(8, 8, 'gif');
    expect(refusal({ url: `data:image/gif;base64,${gif.toString('base64')}` }).message).toBe(
      'media[0].url: the bytes are image/gif, which this platform does not take',
    );
    expect(refusal({ image_base64: '' }).message).toBe('media[0].image_base64: is empty');
  });

  it('refuses a file over the cap before decoding it, and text that is not base64', () => {
    const big = 'A'.repeat(Math.ceil(((5 * 1024 * 1024 + 10) * 4) / 3));
    expect(refusal({ image_base64: big })).toMatchObject({
      message: expect.stringMatching(/^media\[0\]\.image_base64: the file is larger than 5242880 bytes/),
      hint: expect.stringContaining('5 MiB'),
    });
    expect(refusal({ image_base64: 'not base64!' }).message).toBe('media[0].image_base64: is not base64');
  });

  it('takes only base64 data: URLs', () => {
    expect(refusal({ url: 'data:image/png,%89PNG' })).toMatchObject({
      message: 'media[0].url: a data: URL must be base64 (data:image/png;base64,…)',
    });
  });
});
