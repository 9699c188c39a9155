import { AuthFailureLimiter, MAX_TRACKED_SOURCES, sourceKey } from './auth-failure-limiter';

describe('sourceKey', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('%s → %s', (address, key) => {
    expect(sourceKey(address)).toBe(key);
  });
});

describe('AuthFailureLimiter', () => {
  let now = 0;
  const limiter = () => new AuthFailureLimiter({ limit: 3, windowMs: 1_000 }, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('is idle until a failure is counted, and always when the limit is off', () => {
    const l = limiter();
    expect(l.idle).toBe(true);
    l.recordFailure('a');
    expect(l.idle).toBe(false);
    const off = new AuthFailureLimiter({ limit: 0, windowMs: 1_000 }, () => now);
    off.recordFailure('a');
    expect(off.idle).toBe(true);
  });

  it('locks a source out at the limit, until the window after its last failure', () => {
    const l = limiter();
    expect(l.recordFailure('a')).toEqual({ lockedOut: false });
    expect(l.recordFailure('a')).toEqual({ lockedOut: false });
    expect(l.retryAfterMs('a')).toBe(0);
    now += 500;
    expect(l.recordFailure('a')).toEqual({ lockedOut: true });
    expect(l.retryAfterMs('a')).toBe(1_000);
    expect(l.retryAfterMs('b')).toBe(0);
    expect(l.firstRefusal('a')).toBe(true);
    expect(l.firstRefusal('a')).toBe(false);
    now += 999;
    expect(l.retryAfterMs('a')).toBe(1);
    now += 1;
    expect(l.retryAfterMs('a')).toBe(0);
    expect(l.recordFailure('a')).toEqual({ lockedOut: false });
  });

  it('forgets failures older than the window', () => {
    const l = limiter();
    l.recordFailure('a');
    l.recordFailure('a');
    now += 1_000;
    l.recordFailure('a');
    l.recordFailure('a');
    expect(l.retryAfterMs('a')).toBe(0);
  });

  it('groups an IPv6 /64 into one source', () => {
    const l = limiter();
    for (const host of ['1', '2', '3']) l.recordFailure(`2001:db8:aa:bb::${host}`);
    expect(l.retryAfterMs('2001:db8:aa:bb::ffff')).toBeGreaterThan(0);
    expect(l.retryAfterMs('2001:db8:aa:bc::1')).toBe(0);
  });

  it('is off with limit 0', () => {
    const l = new AuthFailureLimiter({ limit: 0, windowMs: 1_000 }, () => now);
    for (let n = 0; n < 100; n += 1) expect(l.recordFailure('a').lockedOut).toBe(false);
    expect(l.retryAfterMs('a')).toBe(0);
  });

  it('keeps memory bounded under a flood of sources, dropping the oldest', () => {
    const l = limiter();
    for (let n = 0; n < MAX_TRACKED_SOURCES + 500; n += 1) l.recordFailure(`10.0.${n >> 8}.${n & 255}`);
    expect(l.trackedSources).toBe(MAX_TRACKED_SOURCES);
    for (let n = 0; n < 3; n += 1) l.recordFailure('192.0.2.1');
    expect(l.retryAfterMs('192.0.2.1')).toBeGreaterThan(0);
  });
});
