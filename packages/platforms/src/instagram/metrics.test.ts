import { AppError } from '@socialvault/common';
import { assertInstagramMetrics, checkInstagramMetrics, findDeprecatedInstagramMetrics } from './metrics';

describe('Instagram metric checks', () => {
  it('names the replacement of each deprecated metric', () => {
    expect(findDeprecatedInstagramMetrics('account', ['impressions', 'reach', 'website_clicks'])).toEqual([
      expect.objectContaining({ metric: 'impressions', replacement: 'views' }),
      expect.objectContaining({ metric: 'website_clicks', replacement: 'profile_links_taps' }),
    ]);
    expect(findDeprecatedInstagramMetrics('media', ['plays', 'video_views', 'IMPRESSIONS'])).toEqual([
      expect.objectContaining({ metric: 'plays', replacement: 'views' }),
      expect.objectContaining({ metric: 'video_views', replacement: 'views' }),
      expect.objectContaining({ metric: 'impressions', replacement: 'views' }),
    ]);
  });

  it('separates unknown metrics from deprecated ones', () => {
    expect(checkInstagramMetrics('account', ['reach', 'profile_views', 'banana'])).toEqual({
      deprecated: [expect.objectContaining({ metric: 'profile_views', replacement: null })],
      unknown: ['banana'],
    });
  });

  it('refuses the seed call (impressions, reach, profile_views) with invalid_input whose hint names the current metrics', () => {
    let caught: unknown;
    try {
      assertInstagramMetrics('account', ['impressions', 'reach', 'profile_views']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('impressions, profile_views');
    expect(error.hint).toContain('impressions → views');
    expect(error.hint).toContain('profile_views → (no replacement)');
    expect(error.hint).toContain('accounts_engaged');
  });

  it('returns normalised, de-duplicated names for a valid request', () => {
    expect(assertInstagramMetrics('media', [' Views', 'reach', 'views'])).toEqual(['views', 'reach']);
    expect(() => assertInstagramMetrics('media', [])).toThrow('no media metrics requested');
  });
});
