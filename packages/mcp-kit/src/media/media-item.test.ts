// The media item schema: strict-provider friendly JSON Schema, its rules checked inside, and the pick helpers.
import { z } from 'zod';
import { isAppError } from '@socialvault/common';
import { mediaItemField, pickMedia, pickMediaList } from './media-item';

const item = mediaItemField({ allowInsecureUrls: false, description: 'The image.' });
const messages = (value: unknown) => {
  const parsed = item.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

/** Every node of a JSON Schema. */
function* nodes(schema: unknown): Generator<Record<string, unknown>> {
  if (typeof schema !== 'object' || schema === null) return;
  yield schema as Record<string, unknown>;
  for (const value of Object.values(schema)) yield* nodes(value);
}

describe('mediaItemField', () => {
  it('publishes plain typed properties: no format, no anyOf/oneOf, no additional properties', () => {
    const schema = z.toJSONSchema(z.object({ image: item.optional(), media: z.array(item) }), {
      io: 'input',
    });
    for (const node of nodes(schema)) {
      expect(node).not.toHaveProperty('format');
      expect(node).not.toHaveProperty('anyOf');
      expect(node).not.toHaveProperty('oneOf');
    }
    const image = (schema.properties as Record<string, Record<string, unknown>>).image!;
    expect(image).toMatchObject({ type: 'object', additionalProperties: false });
    expect(image.description).toContain('"image_base64"');
    for (const property of Object.values(image.properties as Record<string, { type?: string }>)) {
      expect(typeof property.type).toBe('string');
    }
  });

  it('accepts a URL, a data: URL, or base64 with its type', () => {
    expect(messages({ url: 'https://example.com/a.jpg' })).toEqual([]);
    expect(messages({ url: 'https://example.com/a.jpg', rehost: true })).toEqual([]);
    expect(messages({ url: 'data:image/png;base64,iVBORw0KGgo=' })).toEqual([]);
    expect(messages({ image_base64: 'iVBORw0KGgo=', mime_type: 'image/png' })).toEqual([]);
  });

  it('refuses what makes no sense, naming the property', () => {
    expect(messages({})).toEqual(['url: give exactly one of url or image_base64']);
    expect(messages({ url: 'https://example.com/a.jpg', image_base64: 'iVBO' })).toEqual([
      'image_base64: give exactly one of url or image_base64',
    ]);
    expect(messages({ url: 'http://example.com/a.jpg' })).toEqual([
      'url: must be an https:// URL or a data: URL',
    ]);
    expect(messages({ url: 'data:image/png;base64,iVBO', rehost: true })).toEqual([
      'rehost: only applies to an http(s) url (inline media is always stored here)',
    ]);
    expect(messages({ url: 'https://example.com/a.jpg', mime_type: 'image/png' })).toEqual([
      'mime_type: only applies to image_base64 (a data: URL names its own type)',
    ]);
    expect(messages({ url: 'https://example.com/a.jpg', colour: 'red' })).toHaveLength(1);
    expect(
      mediaItemField({ allowInsecureUrls: true, description: 'x' }).safeParse({
        url: 'http://sim:3020/a.jpg',
      }).success,
    ).toBe(true);
  });
});

describe('pickMedia and pickMediaList', () => {
  it('returns the one given with the field its errors name', () => {
    expect(pickMedia({ image_url: 'https://a.example/x.jpg', image: undefined }, { required: true })).toEqual(
      {
        source: { url: 'https://a.example/x.jpg' },
        field: 'image_url',
      },
    );
    expect(pickMedia({ image_url: undefined, image: undefined }, { required: false })).toBeUndefined();
    expect(
      pickMediaList({ media_urls: undefined, media: [{ image_base64: 'AA' }, { url: 'https://b/y.png' }] }),
    ).toEqual([
      { source: { image_base64: 'AA' }, field: 'media[0]' },
      { source: { url: 'https://b/y.png' }, field: 'media[1]' },
    ]);
  });

  it('refuses both at once, or none when one is required', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (isAppError(error)) return `${error.code}: ${error.message}`;
      }
      return 'no refusal';
    };
    expect(
      refusal(() =>
        pickMedia({ image_url: 'https://a/b.jpg', image: { url: 'https://a/c.jpg' } }, { required: true }),
      ),
    ).toBe('invalid_input: image_url or image: give exactly one of them');
    expect(refusal(() => pickMedia({ image_url: undefined, image: undefined }, { required: true }))).toBe(
      'invalid_input: image_url or image: give exactly one of them',
    );
    expect(
      refusal(() => pickMediaList({ media_urls: ['https://a/b.jpg'], media: [{ url: 'https://a/c.jpg' }] })),
    ).toBe('invalid_input: media_urls or media: give at most one of them');
  });
});
