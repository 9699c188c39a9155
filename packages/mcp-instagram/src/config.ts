// mcp-instagram's own environment (Graph base URL, container polling), parsed once with the kit's base variables.
import { z } from 'zod';
import { emptyAsUndefined } from '@socialvault/common';
import type { McpServerConfig, ToolConfig } from '@socialvault/mcp-kit';
import { DEFAULT_CONTAINER_POLL, DEFAULT_META_GRAPH_URL } from '@socialvault/platforms';

/** The Instagram-specific part of the configuration. */
export interface InstagramConfig {
  /** `META_GRAPH_URL`: versioned Graph base URL without a trailing slash (default https://graph.facebook.com/v25.0). */
  metaGraphUrl: string;
  /** `INSTAGRAM_CONTAINER_POLL_INTERVAL_MS` (default 1500): first wait between container status reads; grows ×1.5. */
  containerPollIntervalMs: number;
  /** `INSTAGRAM_CONTAINER_MAX_POLLS` (default 20): status reads before a publish gives up with platform_error. */
  containerMaxPolls: number;
  /** `INSTAGRAM_GRAPH_TIMEOUT_MS` (default 15000): timeout of each Graph request. */
  graphTimeoutMs: number;
}

/** What the tools see: base configuration (without the service's secrets) plus InstagramConfig. */
export type InstagramToolConfig = ToolConfig<McpServerConfig<InstagramConfig>>;

const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

/** zod schema over the environment for mcp-instagram's own variables. */
export const instagramEnvSchema = z
  .object({
    META_GRAPH_URL: z.preprocess(
      emptyAsUndefined,
      z
        .url({
          protocol: /^https?$/,
          error: 'must be an http(s) URL such as https://graph.facebook.com/v25.0',
        })
        .default(DEFAULT_META_GRAPH_URL),
    ),
    INSTAGRAM_CONTAINER_POLL_INTERVAL_MS: integer(DEFAULT_CONTAINER_POLL.pollIntervalMs, 1, 60_000),
    INSTAGRAM_CONTAINER_MAX_POLLS: integer(DEFAULT_CONTAINER_POLL.maxPollAttempts, 1, 200),
    INSTAGRAM_GRAPH_TIMEOUT_MS: integer(15_000, 100, 120_000),
  })
  .transform((env): InstagramConfig => ({
    metaGraphUrl: env.META_GRAPH_URL.replace(/\/+$/, ''),
    containerPollIntervalMs: env.INSTAGRAM_CONTAINER_POLL_INTERVAL_MS,
    containerMaxPolls: env.INSTAGRAM_CONTAINER_MAX_POLLS,
    graphTimeoutMs: env.INSTAGRAM_GRAPH_TIMEOUT_MS,
  }));
