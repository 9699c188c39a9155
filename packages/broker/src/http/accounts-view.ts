// What the Connections page shows of a vault's metadata list: status, expiry in words, whether to reconnect.
import { z } from 'zod';

/** Accounts expiring sooner than this (with no refresh token to renew them) get a Reconnect button. */
const RECONNECT_WITHIN_MS = 7 * 24 * 3600 * 1000;

const isoOrNull = z.string().nullish();

/** The fields of one `GET /api/credentials` entry this page reads (the vault sends more; never a token). */
export const CredentialMetadata = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  platform: z.string(),
  account_id: z.string(),
  username: z.string().nullish(),
  status: z.string(),
  token_expires_at: isoOrNull,
  token_expired: z.boolean().optional(),
  has_refresh_token: z.boolean().optional(),
  refresh_expires_at: isoOrNull,
  last_refreshed_at: isoOrNull,
  last_refresh_error: z.string().nullish(),
  revoked_at: isoOrNull,
  extra: z.record(z.string(), z.unknown()).nullish(),
});
export type CredentialMetadata = z.infer<typeof CredentialMetadata>;

/** One row of the accounts table. */
export interface AccountRow {
  id: string;
  platform: string;
  accountId: string;
  username?: string;
  /** `active`, `expired` (also when the expiry passed) or `revoked`. */
  status: string;
  expiry: TimeWords;
  lastRefresh: TimeWords;
  lastError?: string;
  reconnect: boolean;
  /** Mastodon: the instance the account lives on (Reconnect goes there again). */
  instanceUrl?: string;
}

/** A time for people: words ("expires in 12 days"), and the ISO value for `<time datetime>`. */
export interface TimeWords {
  words: string;
  iso?: string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `in 12 days` / `3 hours ago` / `now` for `at` seen from `now`, in `locale` (rounded to the largest unit). */
export function relativeWords(at: Date, now: Date, locale = 'en'): string {
  const deltaMs = at.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, sizeMs] of UNITS) {
    if (Math.abs(deltaMs) >= sizeMs) return format.format(Math.round(deltaMs / sizeMs), unit);
  }
  return format.format(0, 'second');
}

function expiryWords(entry: CredentialMetadata, now: Date, locale: string): TimeWords {
  if (entry.status === 'revoked') return { words: 'revoked' };
  if (!entry.token_expires_at) return { words: 'does not expire' };
  const at = new Date(entry.token_expires_at);
  const words = relativeWords(at, now, locale);
  return { words: at <= now ? `expired ${words}` : `expires ${words}`, iso: at.toISOString() };
}

/** Whether a person must run the flow again: expired, or expiring within 7 days with nothing to renew it. */
export function needsReconnect(entry: CredentialMetadata, now: Date): boolean {
  if (entry.status === 'revoked') return false;
  if (entry.status === 'expired' || entry.token_expired) return true;
  if (!entry.token_expires_at) return false;
  const soon = now.getTime() + RECONNECT_WITHIN_MS;
  if (Date.parse(entry.token_expires_at) > soon) return false;
  // A refresh token renews the access token (X's 2 h tokens) unless it runs out itself within the week.
  if (!entry.has_refresh_token) return true;
  return entry.refresh_expires_at ? Date.parse(entry.refresh_expires_at) <= soon : false;
}

/** The table rows of a metadata list, newest problems first: needing reconnect, then by platform and name. */
export function accountRows(entries: CredentialMetadata[], now: Date, locale = 'en'): AccountRow[] {
  const rows = entries.map((entry): AccountRow => {
    const expired = entry.status !== 'revoked' && (entry.status === 'expired' || !!entry.token_expired);
    const instanceUrl = entry.extra?.instance_url;
    return {
      id: entry.id,
      platform: entry.platform,
      accountId: entry.account_id,
      ...(entry.username ? { username: entry.username } : {}),
      status: expired ? 'expired' : entry.status,
      expiry: expiryWords(entry, now, locale),
      lastRefresh: entry.last_refreshed_at
        ? {
            words: relativeWords(new Date(entry.last_refreshed_at), now, locale),
            iso: entry.last_refreshed_at,
          }
        : { words: 'never' },
      ...(entry.last_refresh_error ? { lastError: entry.last_refresh_error } : {}),
      reconnect: needsReconnect(entry, now),
      ...(typeof instanceUrl === 'string' ? { instanceUrl } : {}),
    };
  });
  return rows.sort(
    (a, b) =>
      Number(b.reconnect) - Number(a.reconnect) ||
      a.platform.localeCompare(b.platform) ||
      (a.username ?? a.accountId).localeCompare(b.username ?? b.accountId),
  );
}

/** The first language of an Accept-Language header that Intl knows, else `en`. */
export function localeOf(acceptLanguage: string | undefined): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim();
    if (!tag || tag === '*') continue;
    try {
      if (Intl.RelativeTimeFormat.supportedLocalesOf([tag]).length > 0) return tag;
    } catch {
      // A malformed tag: try the next one.
    }
  }
  return 'en';
}
