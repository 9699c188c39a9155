// The platforms the vault stores credentials for (SPEC "What it is").

/** Every platform name the vault accepts, in the order documentation lists them. */
export const PLATFORMS = ['instagram', 'threads', 'x', 'linkedin', 'mastodon'] as const;

export type Platform = (typeof PLATFORMS)[number];

/** True when `value` is one of PLATFORMS. */
export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}
