import { types } from 'pg';
import { parseTimestamptz, VAULT_PG_TYPES } from './pg-types';

const pgDefault = types.getTypeParser(1184, 'text');

describe('parseTimestamptz', () => {
  it.each([
    '2026-12-06 16:00:00+00',
    '2026-12-06 16:00:00.1+00',
    '2026-12-06 16:00:00.123+00',
    '2026-12-06 16:00:00.123456+00',
    '2026-12-06 16:00:00.999999+00',
    '2024-02-29 23:59:59.007+00',
    '1970-01-01 00:00:00+00',
    '9999-12-31 23:59:59.999+00',
    '2026-12-06 17:00:00.5+01',
    '2026-12-06 10:30:00+05:30',
    '0042-01-01 00:00:00+00',
    '2000-01-01 00:00:00+00 BC',
  ])('gives the Date pg gives for %s', (text) => {
    expect(parseTimestamptz(text)).toEqual(pgDefault(text));
  });

  it('leaves infinity to pg (a number, as pg gives it)', () => {
    expect(parseTimestamptz('infinity')).toBe(Infinity);
  });

  it('reads the UTC form to the millisecond', () => {
    expect((parseTimestamptz('2026-12-06 16:00:00.123456+00') as Date).toISOString()).toBe(
      '2026-12-06T16:00:00.123Z',
    );
  });
});

describe('VAULT_PG_TYPES', () => {
  it('parses timestamptz text with parseTimestamptz and leaves every other type to pg', () => {
    expect(VAULT_PG_TYPES.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(VAULT_PG_TYPES.getTypeParser(1184, 'binary')).toBe(types.getTypeParser(1184, 'binary'));
    expect(VAULT_PG_TYPES.getTypeParser(1114, 'text')).toBe(types.getTypeParser(1114, 'text'));
  });
});
