// The shared field schemas: what they accept, what they reject, and what an LLM reads in their JSON Schema.
import { z } from 'zod';
import {
  accountIdField as accountIdFieldFor,
  countCharacters,
  httpsUrlField,
  idempotencyKeyField,
  limitField,
  textField,
} from './fields';

describe('httpsUrlField', () => {
  const strict = httpsUrlField({ allowInsecureUrls: false, description: 'Image URL' });
  const insecure = httpsUrlField({ allowInsecureUrls: true, description: 'Image URL' });

  it('accepts https and rejects http unless insecure URLs are allowed', () => {
    expect(strict.safeParse('https://cdn.example.com/a.jpg').success).toBe(true);
    expect(strict.safeParse('http://cdn.example.com/a.jpg').error?.issues[0]?.message).toBe(
      'must be an https:// URL',
    );
    expect(insecure.safeParse('http://127.0.0.1:4000/a.jpg').success).toBe(true);
  });

  it('rejects other schemes and non-URLs in both modes', () => {
    for (const schema of [strict, insecure]) {
      expect(schema.safeParse('ftp://cdn.example.com/a.jpg').success).toBe(false);
      expect(schema.safeParse('javascript:alert(1)').success).toBe(false);
      expect(schema.safeParse('cdn.example.com/a.jpg').success).toBe(false);
    }
  });
});

describe('textField', () => {
  const caption = textField({ maxLength: 5, description: 'Caption' });

  it('counts code points, so an emoji counts once', () => {
    expect(countCharacters('😀😀😀😀😀')).toBe(5);
    expect(caption.safeParse('😀😀😀😀😀').success).toBe(true);
    expect(caption.safeParse('😀😀😀😀😀😀').error?.issues[0]?.message).toBe(
      'must be at most 5 characters (got 6)',
    );
  });

  it('rejects empty text and publishes maxLength and the description in JSON Schema', () => {
    expect(caption.safeParse('').error?.issues[0]?.message).toBe('must not be empty');
    expect(z.toJSONSchema(caption)).toMatchObject({
      type: 'string',
      maxLength: 5,
      minLength: 1,
      description: 'Caption',
    });
  });
});

describe('limitField', () => {
  const limit = limitField({ max: 50, defaultValue: 25 });

  it('defaults, coerces numeric strings, and bounds the value', () => {
    expect(limit.parse(undefined)).toBe(25);
    expect(limit.parse('10')).toBe(10);
    expect(limit.safeParse(0).success).toBe(false);
    expect(limit.safeParse(51).success).toBe(false);
    expect(limit.safeParse(2.5).success).toBe(false);
  });
});

describe('accountIdField and idempotencyKeyField', () => {
  it('are optional, trimmed or printable, and described for an LLM', () => {
    const accountIdField = accountIdFieldFor(
      'the Mastodon account as user@instance, e.g. alice@mastodon.social',
    );
    expect(accountIdField.parse(undefined)).toBeUndefined();
    expect(accountIdField.parse(' 1789 ')).toBe('1789');
    expect(accountIdField.safeParse('  ').success).toBe(false);
    expect(idempotencyKeyField.parse('row-42-2026-01-01')).toBe('row-42-2026-01-01');
    expect(idempotencyKeyField.safeParse('has space in it').success).toBe(false);
    expect(idempotencyKeyField.safeParse('short').success).toBe(false);
    expect(accountIdField.description).toBe(
      'Which connected account to act as: the Mastodon account as user@instance, e.g. alice@mastodon.social. ' +
        'Omit it when only one account is connected; if several are, the error lists the choices.',
    );
    expect(idempotencyKeyField.description).toMatch(/never|instead of posting again/);
  });
});
