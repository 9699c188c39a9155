// mcp-instagram's own environment (Graph base URL, container polling, timeout), parsed once with the kit's base variables.
import { z } from 'zod';
import { httpUrl, wholeNumber } from '@socialvault/common';
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
  /** `INSTAGRAM_TIMEOUT_MS` (default 15000; deprecated alias `INSTAGRAM_GRAPH_TIMEOUT_MS`): timeout of each Graph request. */
  instagramTimeoutMs: number;
}

/** What the tools see: base configuration (without the service's secrets) plus InstagramConfig. */
export type InstagramToolConfig = ToolConfig<McpServerConfig<InstagramConfig>>;

/** zod schema over the environment for mcp-instagram's own variables. */
export const instagramEnvSchema = z
  .object({
    META_GRAPH_URL: httpUrl(DEFAULT_META_GRAPH_URL),
    INSTAGRAM_CONTAINER_POLL_INTERVAL_MS: wholeNumber(DEFAULT_CONTAINER_POLL.pollIntervalMs, 1, 60_000),
    INSTAGRAM_CONTAINER_MAX_POLLS: wholeNumber(DEFAULT_CONTAINER_POLL.maxPollAttempts, 1, 200),
    INSTAGRAM_TIMEOUT_MS: wholeNumber(15_000, 100, 120_000),
  })
  .transform((env): InstagramConfig => ({
    metaGraphUrl: env.META_GRAPH_URL,
    containerPollIntervalMs: env.INSTAGRAM_CONTAINER_POLL_INTERVAL_MS,
    containerMaxPolls: env.INSTAGRAM_CONTAINER_MAX_POLLS,
    instagramTimeoutMs: env.INSTAGRAM_TIMEOUT_MS,
  }));
