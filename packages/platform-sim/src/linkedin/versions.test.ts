// Which LinkedIn-Version values the simulator serves: the current month and the eleven before it.
import { isLiveLinkedInVersion, latestLinkedInVersion } from './versions';

const NOV_2026 = new Date('2026-11-23T18:00:00Z');

describe('isLiveLinkedInVersion', () => {
  it('accepts the last twelve monthly versions and their revisions', () => {
    expect(isLiveLinkedInVersion('202611', NOV_2026)).toBe(true);
    expect(isLiveLinkedInVersion('202512', NOV_2026)).toBe(true);
    expect(isLiveLinkedInVersion('202609.01', NOV_2026)).toBe(true);
  });

  it('refuses sunset, future and malformed versions', () => {
    expect(isLiveLinkedInVersion('202511', NOV_2026)).toBe(false);
    expect(isLiveLinkedInVersion('202612', NOV_2026)).toBe(false);
    expect(isLiveLinkedInVersion('202613', NOV_2026)).toBe(false);
    expect(isLiveLinkedInVersion('20260901', NOV_2026)).toBe(false);
    expect(isLiveLinkedInVersion('', NOV_2026)).toBe(false);
  });

  it('names the current month as the latest version', () => {
    expect(latestLinkedInVersion(NOV_2026)).toBe('202611');
    expect(latestLinkedInVersion(new Date('2027-01-01T00:00:00Z'))).toBe('202701');
  });
});
