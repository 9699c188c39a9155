import { REDACTED, registerSecret } from '@socialvault/common';
import { describeProviderError, providerErrorOf } from './provider-error';

describe('providerErrorOf', () => {
  it('keeps only the known fields: RFC 6749 error/error_description, Graph error.*, X title/detail', () => {
    expect(
      providerErrorOf({
        error: 'invalid_grant',
        error_description: 'Token revoked',
        error_uri: 'https://example/echo?secret=1',
        request: { headers: { authorization: 'Basic abc' } },
      }),
    ).toEqual({ error: 'invalid_grant', errorDescription: 'Token revoked' });
    expect(
      providerErrorOf({
        error: {
          message: 'Invalid token',
          type: 'OAuthException',
          code: 190,
          error_subcode: 460,
          fbtrace_id: 'x',
        },
      }),
    ).toEqual({ graph: { code: 190, subcode: 460, type: 'OAuthException', message: 'Invalid token' } });
    expect(providerErrorOf({ title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank' })).toEqual({
      title: 'Unauthorized',
      detail: 'Unauthorized',
    });
  });

  it('drops an error code that is not one, and whatever is not a JSON object', () => {
    expect(providerErrorOf({ error: 'grant_type=refresh_token&refresh_token=rt%3Dx' })).toEqual({});
    expect(providerErrorOf('<html>refresh_token=abc</html>')).toEqual({});
    expect(providerErrorOf([{ error: 'invalid_grant' }])).toEqual({});
    expect(providerErrorOf(null)).toEqual({});
  });

  it('redacts a text before cutting it to 200 characters, on one line', () => {
    const secret = 'provider-error-canary-0123456789';
    registerSecret(secret);
    const description = `${'x'.repeat(190)} ${encodeURIComponent(`rt=${secret}`)}\n${'y'.repeat(300)}`;
    const kept = providerErrorOf({ error: 'invalid_request', error_description: description });
    expect(kept.errorDescription).toHaveLength(201);
    expect(kept.errorDescription).toContain('rt%3D[RED');
    expect(kept.errorDescription).not.toMatch(/provider-e|\n/);
    expect(providerErrorOf({ detail: `Basic ${Buffer.from(`id:${secret}`).toString('base64')}` })).toEqual({
      detail: `Basic ${REDACTED}`,
    });
  });
});

describe('describeProviderError', () => {
  it('joins the kept fields into one line, and says so when there are none', () => {
    expect(describeProviderError({ error: 'invalid_grant', errorDescription: 'Token revoked' })).toBe(
      'invalid_grant: Token revoked',
    );
    expect(describeProviderError({ graph: { code: 190, type: 'OAuthException', message: 'Expired' } })).toBe(
      'OAuthException: Expired',
    );
    expect(describeProviderError({})).toBe('no error fields the vault knows');
  });
});
