// The common core of the get_recent_* results: its time normalisation and the metrics it keeps.
import { isoInstantOrNull, postMetrics, recentPostOutput, recentPostsOutput } from './recent-posts';

describe('isoInstantOrNull', () => {
  it('turns Graph’s +0000 offset form into a UTC ISO instant', () => {
    expect(isoInstantOrNull('2025-05-01T09:30:00+0000')).toBe('2025-05-01T09:30:00.000Z');
    expect(isoInstantOrNull('2025-05-01T11:30:00+0200')).toBe('2025-05-01T09:30:00.000Z');
  });

  it('keeps an ISO instant and gives null for an absent or unreadable time', () => {
    expect(isoInstantOrNull('2025-05-01T09:30:00.000Z')).toBe('2025-05-01T09:30:00.000Z');
    expect(isoInstantOrNull(undefined)).toBeNull();
    expect(isoInstantOrNull('')).toBeNull();
    expect(isoInstantOrNull('yesterday')).toBeNull();
  });
});

describe('postMetrics', () => {
  it('keeps the counts that are numbers and leaves the others absent', () => {
    expect(postMetrics({ likes: 3, comments: 0, shares: undefined, views: null })).toEqual({
      likes: 3,
      comments: 0,
    });
  });
});

describe('recentPostsOutput', () => {
  it('refuses a post without one of the core fields, naming it', () => {
    const schema = recentPostsOutput(recentPostOutput({}), {});
    const post = { id: '1', url: null, created_at: null, text: '', account_id: 'a@b', metrics: {} };
    expect(schema.safeParse({ account_id: 'a@b', posts: [post], count: 1 }).success).toBe(true);
    const { account_id: _dropped, ...withoutAccount } = post;
    const refused = schema.safeParse({ account_id: 'a@b', posts: [withoutAccount], count: 1 });
    expect(refused.error?.issues[0]?.path).toEqual(['posts', 0, 'account_id']);
  });
});
