// MediaBudget's accounting: slots and bytes taken on reserve, shrunk on download, all given back on release.
import { isAppError } from '@socialvault/common';
import { MediaBudget } from './media-budget';

describe('MediaBudget', () => {
  it('holds a slot while downloading, the real size after, and nothing once released', () => {
    const budget = new MediaBudget({ maxConcurrentDownloads: 2, maxBufferedBytes: 100 });
    const first = budget.reserve(60, 'media_urls[0]');
    expect(budget.usage()).toEqual({ downloads: 1, bufferedBytes: 60 });
    first.downloaded(10);
    expect(budget.usage()).toEqual({ downloads: 0, bufferedBytes: 10 });
    const second = budget.reserve(90, 'media_urls[1]');
    expect(budget.usage()).toEqual({ downloads: 1, bufferedBytes: 100 });
    second.release();
    second.release();
    first.release();
    expect(budget.usage()).toEqual({ downloads: 0, bufferedBytes: 0 });
  });

  it('refuses with rate_limited naming the field when a slot or the bytes are missing', () => {
    const budget = new MediaBudget({ maxConcurrentDownloads: 1, maxBufferedBytes: 100 });
    const held = budget.reserve(50, 'image_url');
    const refusal = (() => {
      try {
        budget.reserve(1, 'image_url');
      } catch (error) {
        return error;
      }
    })();
    expect(isAppError(refusal) && refusal.toJSON()).toEqual({
      code: 'rate_limited',
      message: 'image_url: not downloaded, this server is busy (all 1 media download slots are in use)',
      hint: expect.stringContaining('nothing was published'),
      retry_after_s: 15,
    });
    held.downloaded(50);
    expect(() => budget.reserve(51, 'image_url')).toThrow(/MiB of media are already held/);
    expect(budget.usage()).toEqual({ downloads: 0, bufferedBytes: 50 });
  });
});
