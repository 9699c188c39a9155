// Lists of origins from the environment (e.g. MASTODON_PRIVATE_INSTANCE_ALLOWLIST): parsed once, compared exactly.
import { z } from 'zod';
import { emptyAsUndefined } from '../config';

/**
 * Parses a comma-separated list of origins (`http://127.0.0.1:3020,https://mastodon.lan`) into their
 * normalised form (`new URL(…).origin`: lower-case host, default port dropped). Blank entries are ignored.
 * @throws Error naming the first entry that is not a bare http(s) origin (no path, query or credentials).
 */
export function parseOriginList(value: string): string[] {
  const origins: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const bare = url && /^https?:$/.test(url.protocol) && !url.username && !url.password;
    if (!url || !bare || url.pathname !== '/' || url.search || url.hash) {
      throw new Error(
        `entry ${JSON.stringify(entry.slice(0, 80))} must be an origin like https://mastodon.lan:8443 (scheme, host, optional port; no path)`,
      );
    }
    origins.push(url.origin);
  }
  return origins;
}

/** zod field for an origin list variable: unset or empty → `[]`; a bad entry is an issue naming it. */
export const originListField = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return parseOriginList(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
);

/** True when `url`'s origin is one of `origins` (as returned by parseOriginList). False for a non-URL. */
export function hasListedOrigin(url: string, origins: readonly string[]): boolean {
  try {
    return origins.includes(new URL(url).origin);
  } catch {
    return false;
  }
}
