import { isAppError } from '@socialvault/common';
import { threadsTextLength, validateThreadsText } from './limits';
import { assertThreadsMetrics } from './metrics';

describe('threadsTextLength', () => {
  it('counts one per character and each emoji as its UTF-8 bytes, as the Threads docs say', () => {
    expect(threadsTextLength('Hello')).toBe(5);
    expect(threadsTextLength('Hi 😀')).toBe(3 + 4);
    expect(threadsTextLength('é日本')).toBe(3);
    expect(threadsTextLength('👍🏽')).toBe(Buffer.byteLength('👍🏽'));
  });
});

describe('validateThreadsText', () => {
  it('accepts exactly 500 and refuses 501 naming the count', () => {
    expect(() => validateThreadsText('a'.repeat(500))).not.toThrow();
    const error = (() => {
      try {
        validateThreadsText('a'.repeat(498) + '😀');
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error) && error.code).toBe('invalid_input');
    expect((error as Error).message).toBe(
      'text: must be at most 500 characters (got 502; each emoji counts as its UTF-8 bytes)',
    );
  });

  it('refuses blank text', () => {
    expect(() => validateThreadsText('  ')).toThrow('text: must not be empty');
  });
});

describe('assertThreadsMetrics', () => {
  it('normalises names and refuses unknown ones, pointing impressions at views', () => {
    expect(assertThreadsMetrics('post', [' Views', 'likes', 'views'])).toEqual(['views', 'likes']);
    expect(() => assertThreadsMetrics('post', ['impressions'])).toThrow(
      expect.objectContaining({ code: 'invalid_input', hint: expect.stringContaining('"views"') }),
    );
    expect(() => assertThreadsMetrics('account', ['shares'])).toThrow(
      'Unknown Threads account metric: "shares"',
    );
  });
});
