// Pure checks of the shared tool pieces: metric lists, deprecated-metric hints, since/until parsing, the caption limit.
import { isAppError, type AppError } from '@socialvault/common';
import { metricList, toUnixSeconds } from '@socialvault/mcp-kit';
import { INSTAGRAM_CAPTION_MAX_CHARS } from '@socialvault/platforms';
import { captionField, checkMetrics } from './shared';

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('metricList', () => {
  it('splits a comma-separated string and trims names', () => {
    expect(metricList(' reach, views ,,')).toEqual(['reach', 'views']);
    expect(metricList(['reach', ' views'])).toEqual(['reach', 'views']);
    expect(metricList(undefined)).toBeUndefined();
  });
});

describe('checkMetrics', () => {
  it('returns current metrics normalised and de-duplicated', () => {
    expect(checkMetrics('account', ['Reach', 'views', 'reach'])).toEqual(['reach', 'views']);
  });

  it("answers the seed's impressions/profile_views call with what replaces each and a corrected list", () => {
    const error = thrown(() => checkMetrics('account', ['impressions', 'reach', 'profile_views']));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'Instagram no longer serves the account metrics impressions, profile_views: Meta retired them from the Graph API',
    );
    expect(error.hint).toMatch(
      /^Replace them: impressions → views; profile_views → no account-level replacement \(get_media_insights has profile_visits per post\)\. Ask for metrics \["views","reach"\] instead\. Current account metrics: reach, views,/,
    );
  });

  it('names website_clicks → profile_links_taps for accounts and video_views → views for media', () => {
    expect(thrown(() => checkMetrics('account', ['website_clicks'])).hint).toContain(
      'website_clicks → profile_links_taps',
    );
    expect(thrown(() => checkMetrics('media', ['video_views'])).hint).toContain('video_views → views');
  });

  it('lists the current metrics for an unknown one, and refuses an empty list', () => {
    const unknown = thrown(() => checkMetrics('media', ['reach', 'clicks']));
    expect(unknown.message).toBe('Unknown Instagram media metric: "clicks"');
    expect(unknown.hint).toMatch(/^Current media metrics: views, reach, likes/);
    expect(thrown(() => checkMetrics('account', [])).message).toBe('No account metrics were named');
  });
});

describe('toUnixSeconds', () => {
  it('reads unix seconds, ISO dates and date-times, taking a date-time without offset as UTC', () => {
    expect(toUnixSeconds(1714521600)).toBe(1714521600);
    expect(toUnixSeconds('1714521600')).toBe(1714521600);
    expect(toUnixSeconds('2024-05-01')).toBe(1714521600);
    expect(toUnixSeconds('2024-05-01T00:00:00')).toBe(1714521600);
    expect(toUnixSeconds('2024-05-01T02:00:00+02:00')).toBe(1714521600);
    expect(toUnixSeconds('2024-05-01T00:00:00.500Z')).toBe(1714521600);
  });

  it('gives NaN for anything else', () => {
    expect(toUnixSeconds('yesterday')).toBeNaN();
    expect(toUnixSeconds('2024-13-45')).toBeNaN();
    expect(toUnixSeconds('12')).toBeNaN();
  });
});

it("checks captions against the platform client's limit, counting an emoji once", () => {
  expect(captionField.safeParse('a'.repeat(INSTAGRAM_CAPTION_MAX_CHARS)).success).toBe(true);
  expect(captionField.safeParse(`${'a'.repeat(INSTAGRAM_CAPTION_MAX_CHARS - 1)}😀`).success).toBe(true);
  expect(captionField.safeParse('a'.repeat(INSTAGRAM_CAPTION_MAX_CHARS + 1)).error?.issues[0]?.message).toBe(
    `must be at most ${INSTAGRAM_CAPTION_MAX_CHARS} characters (got ${INSTAGRAM_CAPTION_MAX_CHARS + 1})`,
  );
});
