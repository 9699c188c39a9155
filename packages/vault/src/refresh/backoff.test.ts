import { backoffMs } from './backoff';

describe('backoffMs', () => {
  it('starts at one minute, doubles per failure in a row and stops at one hour', () => {
    expect([1, 2, 3, 4, 7, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60]);
  });

  it('waits at least as long as the provider asked', () => {
    expect(backoffMs(1, 900)).toBe(900_000);
    expect(backoffMs(3, 10)).toBe(240_000);
  });
});
