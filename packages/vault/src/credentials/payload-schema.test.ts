import { isAppError } from '@socialvault/common';
import { parseCredentialPayload } from './payload-schema';

const now = new Date('2026-01-01T00:00:00Z');
const parse = (body: unknown, allowInsecureUrls = false) =>
  parseCredentialPayload(body, { allowInsecureUrls, now });
const problem = (body: unknown, allowInsecureUrls = false) => {
  try {
    parse(body, allowInsecureUrls);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { message: error.message, field: error.details?.field, code: error.code };
  }
  throw new Error('expected a rejection');
};

describe('parseCredentialPayload', () => {
  it('normalises the generic form: expiry from expires_in, scopes split and deduplicated, nulls as absent', () => {
    expect(
      parse({
        platform: 'linkedin',
        account_id: 'urn:li:person:abc',
        access_token: 'AQX-token',
        refresh_token: null,
        expires_in: 5184000,
        scopes: 'openid profile,w_member_social openid',
        username: null,
        extra: { person_urn: 'urn:li:person:abc' },
        token_type: 'Bearer',
      }),
    ).toEqual({
      platform: 'linkedin',
      accountId: 'urn:li:person:abc',
      accessToken: 'AQX-token',
      refreshToken: null,
      tokenExpiresAt: new Date('2026-03-02T00:00:00Z'),
      refreshExpiresAt: null,
      scopes: ['openid', 'profile', 'w_member_social'],
      username: null,
      clientId: null,
      extra: { person_urn: 'urn:li:person:abc' },
    });
  });

  it('sets the refresh expiry from refresh_token_expires_in', () => {
    const input = parse({
      platform: 'x',
      account_id: '1',
      access_token: 'a-token',
      refresh_token: 'r-token',
      refresh_token_expires_in: 3600,
    });
    expect(input.refreshExpiresAt).toEqual(new Date('2026-01-01T01:00:00Z'));
  });

  it('maps the Meta form to platform instagram with the Meta ids in extra', () => {
    expect(
      parse({
        access_token: 'EAAB-token',
        instagram_business_account_id: '17841',
        facebook_page_id: '1081',
        expires_in: 60,
      }),
    ).toMatchObject({
      platform: 'instagram',
      accountId: '17841',
      tokenExpiresAt: new Date('2026-01-01T00:01:00Z'),
      extra: { facebook_page_id: '1081' },
    });
  });

  it('accepts an http Mastodon instance only when insecure URLs are allowed', () => {
    const body = {
      platform: 'mastodon',
      account_id: '1',
      access_token: 'm-token',
      extra: { instance_url: 'http://127.0.0.1:3020/mastodon/' },
    };
    expect(problem(body)).toMatchObject({
      field: 'extra.instance_url',
      message: 'extra.instance_url must be an https:// URL',
    });
    expect(parse(body, true).extra).toEqual({ instance_url: 'http://127.0.0.1:3020/mastodon' });
  });

  it.each([
    [
      {
        platform: 'mastodon',
        account_id: '1',
        access_token: 't',
        extra: { instance_url: 'https://u:p@m.example' },
      },
      'extra.instance_url',
    ],
    [{ platform: 'x', account_id: '1', access_token: 'has space' }, 'access_token'],
    [{ platform: 'x', account_id: '1', access_token: 't', scopes: 42 }, 'scopes'],
    [{ platform: 'x', account_id: '1', access_token: 't', scopes: ['ok', ''] }, 'scopes.1'],
    [{ platform: 'x', account_id: '1', access_token: 't', extra: [1] }, 'extra'],
    [
      { platform: 'x', account_id: '1', access_token: 't', refresh_token_expires_in: 5 },
      'refresh_token_expires_in',
    ],
    [{ platform: 'x', account_id: 1, access_token: 't' }, 'account_id'],
    [{ platform: 'x', account_id: '1', access_token: 't', expires_in: 1e12 }, 'expires_in'],
    [{ platform: 'x', account_id: '1', access_token: 't', expires_at: '2026-01-01T00:00:00' }, 'expires_at'],
    [
      {
        access_token: 't',
        instagram_business_account_id: '1',
        expires_in: 5,
        token_expires_at: '2026-01-01T00:00:00Z',
      },
      'token_expires_at',
    ],
    ['a string', 'body'],
  ])('rejects %j naming %s', (body, field) => {
    expect(problem(body)).toMatchObject({ field, code: 'invalid_input' });
  });

  it.each([
    ['U+202E (right-to-left override)', '\u202E'],
    ['U+202A (left-to-right embedding)', '\u202A'],
    ['U+2066 (left-to-right isolate)', '\u2066'],
    ['U+2069 (pop directional isolate)', '\u2069'],
    ['U+200F (right-to-left mark)', '\u200F'],
    ['U+061C (Arabic letter mark)', '\u061C'],
    ['U+2028 (line separator)', '\u2028'],
    ['U+2029 (paragraph separator)', '\u2029'],
  ])('refuses %s in account_id and username, naming the field', (_name, char) => {
    const base = { platform: 'x', account_id: '1', access_token: 't' };
    for (const field of ['account_id', 'username']) {
      expect(problem({ ...base, [field]: `acct${char}gpj.exe` })).toEqual({
        code: 'invalid_input',
        field,
        message: `${field} must not contain bidirectional controls (U+202A-U+202E, U+2066-U+2069, …) or U+2028/U+2029`,
      });
    }
    expect(problem({ access_token: 't', instagram_business_account_id: `1${char}` }).field).toBe(
      'instagram_business_account_id',
    );
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('refuses %s in account_id and username as control characters', (_name, chars) => {
    for (const field of ['account_id', 'username']) {
      expect(problem({ platform: 'x', account_id: '1', access_token: 't', [field]: `a${chars}b` })).toEqual({
        code: 'invalid_input',
        field,
        message: `${field} must not contain control characters`,
      });
    }
  });

  it('keeps accepting non-Latin names and ids (letters of right-to-left scripts are not controls)', () => {
    const input = parse({ platform: 'x', account_id: 'حساب-1', access_token: 't', username: 'שלום עולם' });
    expect(input).toMatchObject({ accountId: 'حساب-1', username: 'שלום עולם' });
  });
});
