import { AppError } from '@socialvault/common';
import { xFailureToAppError } from './errors';
import { validateXText, xTextLength } from './text';

describe('xTextLength', () => {
  it('counts URLs as 23, CJK and emoji as 2', () => {
    expect(xTextLength(`see https://example.com/${'a'.repeat(200)}`)).toBe(4 + 23);
    expect(xTextLength('日本語')).toBe(6);
    expect(xTextLength('😀')).toBe(2);
  });
});

describe('validateXText', () => {
  it('accepts 280 weighted characters, and a long URL that counts 23 only', () => {
    expect(() => validateXText('a'.repeat(280))).not.toThrow();
    expect(() => validateXText(`${'a'.repeat(250)} https://example.com/${'b'.repeat(100)}`)).not.toThrow();
  });

  it('refuses 141 CJK characters (282 weighted) naming the weighted length', () => {
    expect(() => validateXText('日'.repeat(141))).toThrow(
      'text: must be at most 280 weighted characters as X counts them (got 282)',
    );
  });
});

describe('xFailureToAppError', () => {
  const context = { operation: 'create the post', accessToken: 'xcanarytoken0123456789' };
  const problem = (status: number, detail: string, extra: Record<string, unknown> = {}) => ({
    title: status === 401 ? 'Unauthorized' : 'Forbidden',
    type: 'about:blank',
    status,
    detail,
    ...extra,
  });

  it('maps 401 to reconnect_required', () => {
    const error = xFailureToAppError({ status: 401, body: problem(401, 'Unauthorized') }, context);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('reconnect_required');
  });

  it('maps 429 to rate_limited with retry_after_s from x-rate-limit-reset', () => {
    const reset = Math.floor(Date.now() / 1000) + 300;
    const error = xFailureToAppError(
      {
        status: 429,
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        headers: {
          'x-rate-limit-limit': '100',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(reset),
        },
      },
      context,
    );
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterS).toBeGreaterThanOrEqual(299);
    expect(error.retryAfterS).toBeLessThanOrEqual(300);
    expect(error.details).toMatchObject({ rate_limit_remaining: 0 });
  });

  it('maps duplicate content to invalid_input and other 403s to reconnect_required', () => {
    const duplicate = xFailureToAppError(
      { status: 403, body: problem(403, 'You are not allowed to create a Tweet with duplicate content.') },
      context,
    );
    expect(duplicate.code).toBe('invalid_input');
    expect(xFailureToAppError({ status: 403, body: problem(403, 'Forbidden') }, context).code).toBe(
      'reconnect_required',
    );
  });

  it('maps invalid requests to invalid_input naming the parameter message, and 200 + resource-not-found to not_found', () => {
    const invalid = xFailureToAppError(
      {
        status: 400,
        body: {
          errors: [{ parameters: { 'media.media_ids': ['1'] }, message: 'Your media IDs are invalid.' }],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      },
      context,
    );
    expect(invalid.code).toBe('invalid_input');
    expect(invalid.message).toContain('Your media IDs are invalid.');
    const missing = xFailureToAppError(
      {
        status: 200,
        body: {
          errors: [
            {
              detail: 'Could not find tweet with id: [1].',
              title: 'Not Found Error',
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        },
      },
      context,
    );
    expect(missing.code).toBe('not_found');
  });

  it('scrubs the token from any text X echoes back', () => {
    const error = xFailureToAppError(
      { status: 400, body: problem(400, `bad token ${context.accessToken}`) },
      context,
    );
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toContain(context.accessToken);
  });
});
