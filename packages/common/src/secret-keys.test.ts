import { isSecretKey, secretKeyPath } from './secret-keys';

describe('isSecretKey', () => {
  it.each([
    'access_token',
    'access-token',
    'accessToken',
    'AccessToken',
    'accesstoken',
    'pageAccessToken',
    'page_access_token',
    'refresh_token',
    'refreshToken',
    'id_token',
    'token',
    'TOKEN',
    'fb_exchange_token',
    'secret',
    'client_secret',
    'clientSecret',
    'app-secret',
    'password',
    'db_password',
    'passwd',
    'private_key',
    'private-key',
    'privateKey',
    'api_key',
    'apiKey',
    'APIKey',
    'x-api-key',
    'X-API-Key',
    'secret_key',
    'VAULT_ENCRYPTION_KEYS',
    'cookie',
    'Set-Cookie',
    'authorization',
    'Authorization',
    'proxy-authorization',
    'code_verifier',
  ])('refuses %s', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'token_expires_at',
    'tokenExpiresAt',
    'token_type',
    'token_expired',
    'refresh_token_expires_in',
    'instance_url',
    'facebook_page_id',
    'ad_account_id',
    'meta_user_id',
    'person_urn',
    'login_type',
    'key_id',
    'private_key_id',
    'keys',
    'key',
    'username',
    'scopes',
    'pages',
    'secretary_name',
    '',
  ])('accepts %s', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('secretKeyPath', () => {
  it('finds a secret key inside objects inside arrays, in document order', () => {
    expect(
      secretKeyPath({
        instance_url: 'https://m.example',
        pages: [
          { id: '1', name: 'a' },
          { id: '2', pageAccessToken: 'x', cookie: 'y' },
        ],
        client_secret: 'z',
      }),
    ).toEqual(['pages', 1, 'pageAccessToken']);
  });

  it('answers undefined for values without secret keys, and for scalars', () => {
    expect(
      secretKeyPath({ pages: [{ id: '1', token_expires_at: 'soon' }], n: [1, [2, null]] }),
    ).toBeUndefined();
    expect(secretKeyPath('access_token')).toBeUndefined();
    expect(secretKeyPath(null)).toBeUndefined();
  });

  it('walks a value nested 10,000 deep without overflowing the stack', () => {
    let deep: unknown = { private_key: 'x' };
    for (let level = 0; level < 10_000; level += 1) deep = level % 2 ? { a: deep } : [deep];
    const path = secretKeyPath(deep);
    expect(path).toHaveLength(10_001);
    expect(path?.at(-1)).toBe('private_key');
  });
});
