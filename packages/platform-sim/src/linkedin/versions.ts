// Which `LinkedIn-Version` values the simulated /rest API serves: the monthly versions of the last 12 months.
// @see https://learn.microsoft.com/en-us/linkedin/marketing/versioning (monthly releases, each supported
// for at least one year, then sunset: calls with it answer 426 NONEXISTENT_VERSION)

/** How many monthly versions are live at once: the current month and the 11 before it. */
export const LINKEDIN_LIVE_MONTHS = 12;

const VERSION_PATTERN = /^(\d{4})(\d{2})(?:\.(\d{2}))?$/;

/** `202609` → 2026 * 12 + 8, or undefined when `version` is not `YYYYMM` or `YYYYMM.RR`. */
function monthIndex(version: string): number | undefined {
  const match = VERSION_PATTERN.exec(version);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return Number(match[1]) * 12 + (month - 1);
}

/**
 * True when `version` names a released, not yet sunset version at `now`: released this month or in
 * the previous 11 (a revision `YYYYMM.RR` follows its month). Future and older versions are not live.
 */
export function isLiveLinkedInVersion(version: string, now = new Date()): boolean {
  const index = monthIndex(version);
  if (index === undefined) return false;
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return index <= current && current - index < LINKEDIN_LIVE_MONTHS;
}

/** The newest live version at `now`, e.g. `202611` in November 2026. */
export function latestLinkedInVersion(now = new Date()): string {
  return `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}
