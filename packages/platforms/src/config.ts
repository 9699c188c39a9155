// Platform base URLs from the environment, so tests and `pnpm start` can point clients at platform-sim.
import { emptyAsUndefined, parseEnv } from '@socialvault/common';
import { z } from 'zod';

/** Production Graph host and the API version this client is written against. */
export const DEFAULT_META_GRAPH_URL = 'https://graph.facebook.com/v25.0';

/** Production Threads host and API version (SPEC "Platform API base URLs": THREADS_API_URL). */
export const DEFAULT_THREADS_API_URL = 'https://graph.threads.net/v1.0';

/** Production X API origin (SPEC "Platform API base URLs": X_API_URL); paths start with /2/. */
export const DEFAULT_X_API_URL = 'https://api.x.com';

const PlatformsEnvSchema = z.object({
  META_GRAPH_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/ }).default(DEFAULT_META_GRAPH_URL),
  ),
});

export interface PlatformsConfig {
  /** Versioned Graph base URL without a trailing slash, e.g. `https://graph.facebook.com/v25.0`. */
  metaGraphUrl: string;
}

/**
 * Reads `META_GRAPH_URL` (default https://graph.facebook.com/v25.0). Throws ConfigError naming the
 * variable when it is not an http(s) URL. Call once at service start and pass the result down.
 */
export function loadPlatformsConfig(env: NodeJS.ProcessEnv = process.env): PlatformsConfig {
  const parsed = parseEnv(PlatformsEnvSchema, env);
  return { metaGraphUrl: parsed.META_GRAPH_URL.replace(/\/+$/, '') };
}
