// The Connections page's reading of vault metadata: words for times, and who gets a Reconnect button.
import type { CredentialMetadata } from '@socialvault/vault-api';
import { accountRows, localeOf, needsReconnect, relativeWords } from './accounts-view';

const NOW = new Date('2026-03-01T12:00:00Z');
const DAY_MS = 86_400_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();
const entry = (fields: Partial<CredentialMetadata>): CredentialMetadata => ({
  id: '1',
  platform: 'threads',
  account_id: 'acct',
  username: null,
  client_id: null,
  status: 'active',
  scopes: [],
  token_expires_at: null,
  token_expired: false,
  refresh_expires_at: null,
  has_refresh_token: false,
  extra: {},
  created_at: at(-30 * DAY_MS),
  updated_at: at(-DAY_MS),
  last_refreshed_at: null,
  revoked_at: null,
  refresh_failures: 0,
  next_refresh_at: null,
  last_refresh_error: null,
  reconnect_notified_at: null,
  ...fields,
});

describe('relativeWords', () => {
  it('says "in 12 days", "3 hours ago" and "now" in the largest whole unit', () => {
    expect(relativeWords(new Date(at(12 * DAY_MS + 3_600_000)), NOW)).toBe('in 12 days');
    expect(relativeWords(new Date(at(-3 * 3_600_000)), NOW)).toBe('3 hours ago');
    expect(relativeWords(new Date(at(20_000)), NOW)).toBe('now');
  });

  it('speaks the viewer’s language', () => {
    expect(relativeWords(new Date(at(2 * DAY_MS)), NOW, 'de')).toBe('übermorgen');
    expect(localeOf('fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr-CH');
    expect(localeOf('*;q=0.5')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
  });
});

describe('needsReconnect', () => {
  it.each([
    ['an expired status', entry({ status: 'expired' }), true],
    ['a passed expiry', entry({ token_expires_at: at(-DAY_MS), token_expired: true }), true],
    ['6 days left and no refresh token', entry({ token_expires_at: at(6 * DAY_MS) }), true],
    ['8 days left', entry({ token_expires_at: at(8 * DAY_MS) }), false],
    ['no expiry (Mastodon)', entry({ token_expires_at: null }), false],
    [
      'a 2 h X token with a refresh token',
      entry({ token_expires_at: at(7_200_000), has_refresh_token: true }),
      false,
    ],
    [
      'a refresh token that itself runs out in 3 days',
      entry({ token_expires_at: at(DAY_MS), has_refresh_token: true, refresh_expires_at: at(3 * DAY_MS) }),
      true,
    ],
    ['a revoked account', entry({ status: 'revoked', token_expires_at: at(-DAY_MS) }), false],
  ])('%s → %s', (_name, credential, expected) => {
    expect(needsReconnect(credential, NOW)).toBe(expected);
  });
});

describe('accountRows', () => {
  it('lists accounts needing a reconnect first, with expiry and last refresh in words', () => {
    const rows = accountRows(
      [
        entry({ id: '1', platform: 'x', username: 'zed', token_expires_at: at(12 * DAY_MS + 60_000) }),
        entry({
          id: '2',
          platform: 'linkedin',
          token_expires_at: at(-DAY_MS),
          token_expired: true,
          last_refreshed_at: at(-3 * DAY_MS),
          last_refresh_error: 'invalid_grant',
        }),
      ],
      NOW,
    );
    expect(
      rows.map((row) => [row.id, row.status, row.expiry.words, row.lastRefresh.words, row.reconnect]),
    ).toEqual([
      ['2', 'expired', 'expired yesterday', '3 days ago', true],
      ['1', 'active', 'expires in 12 days', 'never', false],
    ]);
    expect(rows[0]!.lastError).toBe('invalid_grant');
  });
});
