import type { CredentialRecord } from '../db/credential-repository';
import { planRefresh, type PlatformStrategies } from './refresh-plan';
import type { RefreshStrategy } from './strategies/types';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const strategy = (name: string): RefreshStrategy => ({
  name,
  exchange: async () => ({ accessToken: 'x', expiresAt: null }),
});
const ALL: PlatformStrategies = {
  facebook: strategy('fb_exchange_token'),
  instagramLogin: strategy('ig_refresh_token'),
  threads: strategy('th_refresh_token'),
  x: strategy('x'),
  linkedin: strategy('linkedin'),
};

function record(overrides: Partial<CredentialRecord>): CredentialRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    platform: 'instagram',
    accountId: '1',
    username: null,
    clientId: null,
    status: 'active',
    scopes: [],
    tokenExpiresAt: at(60 * DAY),
    refreshExpiresAt: null,
    extra: {},
    accessTokenCiphertext: 'v1:k1:a:b:c',
    refreshTokenCiphertext: null,
    keyId: 'k1',
    createdAt: at(-30 * DAY),
    updatedAt: at(-30 * DAY),
    lastRefreshedAt: null,
    revokedAt: null,
    tokenIssuedAt: at(-30 * DAY),
    refreshFailures: 0,
    nextRefreshAt: null,
    lastRefreshError: null,
    reconnectNotifiedAt: null,
    ...overrides,
  };
}

const action = (r: Partial<CredentialRecord>, strategies = ALL) => planRefresh(record(r), NOW, strategies);

describe('planRefresh windows', () => {
  it('refreshes Instagram (Facebook Login) with fb_exchange_token when < 14 days remain, not before', () => {
    expect(action({ tokenExpiresAt: at(13 * DAY) })).toMatchObject({
      action: 'refresh',
      strategy: { name: 'fb_exchange_token' },
    });
    expect(action({ tokenExpiresAt: at(15 * DAY) })).toEqual({
      action: 'none',
      reason: `not due until ${at(DAY).toISOString()}`,
    });
  });

  it('uses ig_refresh_token for Instagram-Login tokens, only once they are 24 h old', () => {
    const igLogin = { extra: { login_type: 'instagram' }, tokenExpiresAt: at(10 * DAY) };
    expect(action(igLogin)).toMatchObject({ action: 'refresh', strategy: { name: 'ig_refresh_token' } });
    expect(action({ ...igLogin, tokenIssuedAt: at(-2 * 3600_000) }).action).toBe('none');
  });

  it('refreshes Threads when < 14 days remain and the token is > 24 h old', () => {
    expect(action({ platform: 'threads', tokenExpiresAt: at(DAY) })).toMatchObject({
      action: 'refresh',
      strategy: { name: 'th_refresh_token' },
    });
    const young = action({ platform: 'threads', tokenExpiresAt: at(DAY), tokenIssuedAt: at(-23 * 3600_000) });
    expect(young).toEqual({ action: 'none', reason: expect.stringContaining('less than 24 h old') });
  });

  it('marks an expired Meta token expired instead of calling out', () => {
    expect(action({ tokenExpiresAt: at(-MIN) })).toEqual({
      action: 'expire',
      reason: expect.stringContaining('cannot be refreshed'),
    });
    expect(action({ platform: 'threads', tokenExpiresAt: at(-MIN) }).action).toBe('expire');
  });

  it('refreshes X with its refresh token when < 30 minutes remain, also past expiry', () => {
    const x = { platform: 'x' as const, refreshTokenCiphertext: 'v1:k1:r:t:c' };
    expect(action({ ...x, tokenExpiresAt: at(29 * MIN) }).action).toBe('refresh');
    expect(action({ ...x, tokenExpiresAt: at(-5 * MIN) }).action).toBe('refresh');
    expect(action({ ...x, tokenExpiresAt: at(31 * MIN) }).action).toBe('none');
    expect(action({ ...x, tokenExpiresAt: at(MIN), refreshExpiresAt: at(-MIN) }).action).toBe('expire');
    expect(action({ platform: 'x', tokenExpiresAt: at(-MIN) }).action).toBe('expire');
    expect(action({ platform: 'x', tokenExpiresAt: at(MIN) }).action).toBe('none');
  });

  it('refreshes LinkedIn with a refresh token when < 7 days remain', () => {
    const li = { platform: 'linkedin' as const, refreshTokenCiphertext: 'v1:k1:r:t:c' };
    expect(action({ ...li, tokenExpiresAt: at(6 * DAY) })).toMatchObject({
      action: 'refresh',
      strategy: { name: 'linkedin' },
    });
    expect(action({ ...li, tokenExpiresAt: at(8 * DAY) }).action).toBe('none');
  });

  it('notifies once 7 days before a LinkedIn token without refresh token expires, then expires it', () => {
    expect(action({ platform: 'linkedin', tokenExpiresAt: at(8 * DAY) }).action).toBe('none');
    expect(action({ platform: 'linkedin', tokenExpiresAt: at(6 * DAY) })).toEqual({
      action: 'notify',
      reason: expect.stringContaining('no refresh token'),
    });
    expect(
      action({ platform: 'linkedin', tokenExpiresAt: at(6 * DAY), reconnectNotifiedAt: at(-DAY) }).action,
    ).toBe('none');
    expect(
      action({ platform: 'linkedin', tokenExpiresAt: at(-MIN), reconnectNotifiedAt: at(-DAY) }).action,
    ).toBe('expire');
  });

  it('leaves Mastodon alone unless the instance gave an expiry that has passed', () => {
    expect(action({ platform: 'mastodon', tokenExpiresAt: null }).action).toBe('none');
    expect(action({ platform: 'mastodon', tokenExpiresAt: at(MIN) }).action).toBe('none');
    expect(action({ platform: 'mastodon', tokenExpiresAt: at(-MIN) }).action).toBe('expire');
  });
});

describe('planRefresh gates', () => {
  it('does nothing for expired or revoked rows and tokens without expiry', () => {
    expect(action({ status: 'expired', tokenExpiresAt: at(DAY) }).action).toBe('none');
    expect(action({ status: 'revoked', tokenExpiresAt: at(DAY) }).action).toBe('none');
    expect(action({ tokenExpiresAt: null }).action).toBe('none');
  });

  it('waits out a backoff before refreshing, but still marks a dead token expired', () => {
    const backingOff = { tokenExpiresAt: at(DAY), refreshFailures: 2, nextRefreshAt: at(MIN) };
    expect(action(backingOff)).toEqual({
      action: 'none',
      reason: expect.stringContaining('backing off after 2 failure(s)'),
    });
    expect(action({ ...backingOff, nextRefreshAt: at(-MIN) }).action).toBe('refresh');
    expect(action({ ...backingOff, tokenExpiresAt: at(-MIN) }).action).toBe('expire');
  });

  it('does not refresh a platform whose app credentials are missing', () => {
    const { facebook: _f, x: _x, ...noApps } = ALL;
    expect(action({ tokenExpiresAt: at(DAY) }, noApps)).toEqual({
      action: 'none',
      reason: 'META_APP_ID/META_APP_SECRET not set',
    });
    expect(
      action({ platform: 'x', refreshTokenCiphertext: 'v1:r', tokenExpiresAt: at(MIN) }, noApps).action,
    ).toBe('none');
    expect(action({ extra: { login_type: 'instagram' }, tokenExpiresAt: at(DAY) }, noApps).action).toBe(
      'refresh',
    );
  });
});
