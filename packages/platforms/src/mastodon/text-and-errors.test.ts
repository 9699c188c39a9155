// Mastodon's length rule, Link paging, HTML text, the instance cache and the error mapper, without the network.
import { thrownAppError } from '../../test/fixtures';
import { nextMaxIdFromLink } from './client';
import { mastodonFailureToAppError } from './errors';
import { htmlToText } from './html';
import { MastodonInstanceCache } from './instance-cache';
import { mastodonStatusLength, validateMastodonStatus } from './limits';

describe('mastodonStatusLength', () => {
  it('counts URLs as 23, remote mentions as their username, emoji as one, and the spoiler text', () => {
    expect(mastodonStatusLength(`see https://example.com/${'a'.repeat(100)}`)).toBe(4 + 23);
    expect(mastodonStatusLength('hi @alice@mastodon.social')).toBe('hi @alice'.length);
    expect(mastodonStatusLength('👩‍👩‍👧 ok')).toBe(4);
    expect(mastodonStatusLength('body', 'cw')).toBe(6);
  });

  it('refuses text over the instance limit, naming the instance', () => {
    const error = thrownAppError(() =>
      validateMastodonStatus({
        status: 'x'.repeat(501),
        hasMedia: false,
        maxCharacters: 500,
        instanceUrl: 'https://m.example',
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('at most 500 characters on m.example'),
    });
    expect(() =>
      validateMastodonStatus({
        status: '',
        hasMedia: true,
        maxCharacters: 500,
        instanceUrl: 'https://m.example',
      }),
    ).not.toThrow();
  });
});

describe('helpers', () => {
  it('reads the next max_id from a Link header', () => {
    expect(
      nextMaxIdFromLink(
        '<https://m.example/api/v1/accounts/1/statuses?limit=2&max_id=109>; rel="next", <https://m.example/x?min_id=200>; rel="prev"',
      ),
    ).toBe('109');
    expect(nextMaxIdFromLink('<https://m.example/x?min_id=200>; rel="prev"')).toBeNull();
    expect(nextMaxIdFromLink(undefined)).toBeNull();
  });

  it('turns status HTML into text', () => {
    expect(
      htmlToText('<p>Hello &lt;b&gt; &amp; you<br />two</p><p><a href="x">link</a> &#39;q&#39;</p>'),
    ).toBe("Hello <b> & you\ntwo\n\nlink 'q'");
  });

  it('caches instance info per instance URL, shares one read, and falls back to 500 briefly on failure', async () => {
    const cache = new MastodonInstanceCache({ failureTtlMs: 1000 });
    let reads = 0;
    const read = (max: number) => async () => {
      reads += 1;
      return { maxCharacters: max, maxMediaAttachments: 4, supportedMimeTypes: [] };
    };
    const [a, b] = await Promise.all([
      cache.get('https://a.example/', read(1000)),
      cache.get('https://a.example', read(9)),
    ]);
    expect([a.maxCharacters, b.maxCharacters, reads]).toEqual([1000, 1000, 1]);
    expect((await cache.get('https://b.example', read(700))).maxCharacters).toBe(700);
    const failing = await cache.get('https://c.example', async () => Promise.reject(new Error('down')));
    expect(failing.maxCharacters).toBe(500);
    expect((await cache.get('https://c.example', read(800), Date.now() + 2000)).maxCharacters).toBe(800);
  });
});

describe('mastodonFailureToAppError', () => {
  const context = { operation: 'create the status', instance: 'm.example', accessToken: 'tok-secret-123456' };

  it('maps 401 to reconnect_required and 422 to invalid_input with the instance message', () => {
    expect(
      mastodonFailureToAppError({ status: 401, body: { error: 'The access token is invalid' } }, context),
    ).toMatchObject({
      code: 'reconnect_required',
      message: 'Mastodon (m.example) could not create the status: The access token is invalid',
    });
    expect(
      mastodonFailureToAppError(
        { status: 422, body: { error: 'Validation failed: Text character limit of 500 exceeded' } },
        context,
      ).code,
    ).toBe('invalid_input');
    expect(
      mastodonFailureToAppError(
        {
          status: 422,
          body: { error: 'Cannot attach files that have not finished processing. Try again in a moment!' },
        },
        context,
      ).code,
    ).toBe('platform_error');
  });

  it('takes retry_after_s from X-RateLimit-Reset', () => {
    const reset = new Date(Date.now() + 120_000).toISOString();
    const error = mastodonFailureToAppError(
      {
        status: 429,
        body: { error: 'Too many requests' },
        headers: { 'X-RateLimit-Reset': reset, 'X-RateLimit-Remaining': '0' },
      },
      context,
    );
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterS).toBeGreaterThan(110);
    expect(error.retryAfterS).toBeLessThanOrEqual(120);
    expect(mastodonFailureToAppError({ status: 429, body: {} }, context).retryAfterS).toBe(300);
  });
});
