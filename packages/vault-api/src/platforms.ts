// The platforms the vault stores credentials for (SPEC "What it is"): the one list every package uses.
import { z } from 'zod';

/** Every platform name the vault accepts, in the order documentation lists them. */
export const PLATFORMS = ['instagram', 'threads', 'x', 'linkedin', 'mastodon'] as const;

export type Platform = (typeof PLATFORMS)[number];

/** A platform name on the wire. */
export const platformSchema = z.enum(PLATFORMS);

/** True when `value` is one of PLATFORMS. */
export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}
