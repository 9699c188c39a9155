// The vault pool's type parsers: pg's own, except a faster timestamptz parser for the common UTC form
// (a token serve reads five timestamptz columns; pg's generic parser runs three regular expressions per value).
import { types, type CustomTypesConfig } from 'pg';

const TIMESTAMPTZ_OID = 1184;
const defaultTimestamptz = types.getTypeParser(TIMESTAMPTZ_OID, 'text');

/** `2026-12-06 16:00:00.123456+00`: what PostgreSQL sends for a timestamptz in a UTC session. */
const UTC_TIMESTAMPTZ = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * Parses a timestamptz as PostgreSQL sends it (text format) into a Date, the same one pg's default
 * parser gives (milliseconds truncated). The UTC form of years 1000–9999 is parsed here; any other
 * (another session time zone, BC, years before 1000) goes to pg's parser, and ±infinity
 * comes back as ±Infinity as pg gives it.
 */
export function parseTimestamptz(text: string): Date | number {
  const match = UTC_TIMESTAMPTZ.exec(text);
  if (!match || match[1]!.startsWith('0')) return defaultTimestamptz(text) as Date | number;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  return new Date(
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      Number(fraction.slice(0, 3).padEnd(3, '0')),
    ),
  );
}

/** Type parsers for the vault's pools (the `types` option: per pool, not pg's global registry). */
export const VAULT_PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary'
      ? parseTimestamptz
      : types.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};
