// LinkedIn text rules (little text, 3,000 characters) and the error mapper, without the network.
import { thrownAppError } from '../../test/fixtures';
import { linkedinFailureToAppError, secondsUntilUtcMidnight } from './errors';
import { validateLinkedInText } from './limits';
import { escapeLittleText, unescapeLittleText } from './little-text';

describe('little text', () => {
  it('escapes every reserved character and turns #word into a hashtag template', () => {
    expect(escapeLittleText('Launch (beta) @team *now* #news_2 a#b \\ ~ [x] {y} <z> |')).toBe(
      'Launch \\(beta\\) \\@team \\*now\\* {hashtag|\\#|news}\\_2 a\\#b \\\\ \\~ \\[x\\] \\{y\\} \\<z\\> \\|',
    );
  });

  it('round-trips: unescaping the escaped text gives the original back', () => {
    for (const text of ['plain', 'a (b) #c @d_e', 'emoji 🚀 #launch!', '#only', 'x\\y']) {
      expect(unescapeLittleText(escapeLittleText(text))).toBe(text);
    }
    expect(unescapeLittleText('by @[Ada Lovelace](urn:li:person:abc)')).toBe('by Ada Lovelace');
  });
});

describe('validateLinkedInText', () => {
  it('accepts 3,000 characters (emoji count once) and refuses 3,001 or blank text', () => {
    expect(() => validateLinkedInText('🚀'.repeat(3000))).not.toThrow();
    expect(thrownAppError(() => validateLinkedInText('x'.repeat(3001)))).toMatchObject({
      code: 'invalid_input',
      message: 'text: must be at most 3000 characters (got 3001)',
    });
    expect(thrownAppError(() => validateLinkedInText('   ')).code).toBe('invalid_input');
  });
});

describe('linkedinFailureToAppError', () => {
  const map = (status: number, body: unknown, extra: Record<string, unknown> = {}) =>
    linkedinFailureToAppError({ status, body, headers: {} }, { operation: 'create the post', ...extra });

  it('maps token failures to reconnect_required', () => {
    const error = map(401, {
      status: 401,
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
      message: 'The token used in the request has expired',
    });
    expect(error).toMatchObject({
      code: 'reconnect_required',
      message:
        'LinkedIn could not create the post: The token used in the request has expired (EXPIRED_ACCESS_TOKEN)',
      details: { http_status: 401, service_error_code: 65602, linkedin_code: 'EXPIRED_ACCESS_TOKEN' },
    });
  });

  it('names LINKEDIN_VERSION for a missing or sunset version', () => {
    expect(
      map(426, {
        status: 426,
        code: 'NONEXISTENT_VERSION',
        message: 'Requested version 20240101 is not active',
      }),
    ).toMatchObject({ code: 'platform_error', hint: expect.stringContaining('LINKEDIN_VERSION') });
    expect(
      map(400, { status: 400, code: 'VERSION_MISSING', message: 'A version must be present.' }).code,
    ).toBe('platform_error');
  });

  it('tells a missing permission (reconnect) from a partner-only one (not retryable)', () => {
    const denied = {
      status: 403,
      serviceErrorCode: 100,
      code: 'ACCESS_DENIED',
      message: 'Not enough permissions',
    };
    expect(map(403, denied, { permission: 'w_member_social' })).toMatchObject({
      code: 'reconnect_required',
      hint: expect.stringContaining('w_member_social'),
    });
    expect(map(403, denied, { permission: 'r_member_social', restrictedPermission: true })).toMatchObject({
      code: 'platform_error',
      hint: expect.stringContaining('approved partner'),
    });
  });

  it('waits until midnight UTC for a daily limit, else Retry-After or 60 s', () => {
    const daily = map(429, {
      status: 429,
      message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
    });
    expect(daily.code).toBe('rate_limited');
    expect(Math.abs(daily.retryAfterS! - secondsUntilUtcMidnight())).toBeLessThanOrEqual(1);
    expect(
      linkedinFailureToAppError(
        { status: 429, body: {}, headers: { 'Retry-After': '30' } },
        { operation: 'x' },
      ).retryAfterS,
    ).toBe(30);
    expect(map(429, { status: 429, message: 'Too many' }).retryAfterS).toBe(60);
    expect(secondsUntilUtcMidnight(Date.parse('2026-11-23T23:59:00Z'))).toBe(60);
  });

  it('maps 422 to invalid_input, 404 to not_found and 5xx to platform_error, scrubbing the token', () => {
    expect(map(422, { status: 422, message: 'ERROR :: /commentary :: too long\n' }).code).toBe(
      'invalid_input',
    );
    expect(map(404, { status: 404, message: 'Not found' }).code).toBe('not_found');
    const leaky = linkedinFailureToAppError(
      { status: 500, body: { message: 'boom AQVsecret123456' } },
      { operation: 'x', accessToken: 'AQVsecret123456' },
    );
    expect(leaky.code).toBe('platform_error');
    expect(leaky.message).not.toContain('AQVsecret123456');
  });
});
