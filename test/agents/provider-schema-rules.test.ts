// The provider-rules checker itself: it flags what strict providers refuse, so the schema test can fail.
import { inputSchemaProblems, toOpenAiStrict, toolNameProblems } from './provider-schema-rules';

const base = { type: 'object', additionalProperties: false, required: ['text'] };

describe('inputSchemaProblems', () => {
  it('accepts a plain object of typed properties, and rewrites optional ones to nullable for strict mode', () => {
    const schema = {
      ...base,
      properties: {
        text: { type: 'string', maxLength: 280, description: 'Text' },
        visibility: { type: 'string', enum: ['PUBLIC', 'CONNECTIONS'], default: 'PUBLIC' },
      },
    };
    expect(inputSchemaProblems('publish_post', schema)).toEqual([]);
    expect(toOpenAiStrict(schema).properties!.visibility).toMatchObject({
      type: ['string', 'null'],
      enum: ['PUBLIC', 'CONNECTIONS', null],
    });
  });

  it('flags format uri, anyOf fields without type, and an object that allows extra properties', () => {
    const problems = inputSchemaProblems('t', {
      type: 'object',
      required: ['text'],
      properties: {
        text: { type: 'string' },
        image_url: { type: 'string', format: 'uri' },
        since: { anyOf: [{ type: 'integer', exclusiveMinimum: 0 }, { type: 'string' }] },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^t\.image_url: format "uri"/),
        expect.stringMatching(/^t\.since: no type/),
        expect.stringMatching(/^t\.since: anyOf/),
        expect.stringMatching(/additionalProperties is not false/),
      ]),
    );
  });

  it('flags names a provider refuses', () => {
    expect(toolNameProblems('instagram_publish_post')).toEqual([]);
    expect(toolNameProblems('instagram.publish_post')).toHaveLength(1);
    expect(toolNameProblems('x'.repeat(65))).toHaveLength(1);
  });
});
