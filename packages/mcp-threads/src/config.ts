// mcp-threads' own environment (Threads base URL, container polling, timeout), parsed once with the kit's base variables.
import { z } from 'zod';
import { httpUrl, wholeNumber } from '@socialvault/common';
import type { McpServerConfig, ToolConfig } from '@socialvault/mcp-kit';
import { DEFAULT_CONTAINER_POLL, DEFAULT_THREADS_API_URL } from '@socialvault/platforms';

/** The Threads-specific part of the configuration. */
export interface ThreadsConfig {
  /** `THREADS_API_URL`: versioned Threads base URL without a trailing slash (default https://graph.threads.net/v1.0). */
  threadsApiUrl: string;
  /** `THREADS_CONTAINER_POLL_INTERVAL_MS` (default 1500): first wait between image container status reads; grows ×1.5. */
  containerPollIntervalMs: number;
  /** `THREADS_CONTAINER_MAX_POLLS` (default 20): status reads before a publish gives up with platform_error. */
  containerMaxPolls: number;
  /** `THREADS_TIMEOUT_MS` (default 15000): timeout of each Threads request. */
  threadsTimeoutMs: number;
}

/** What the tools see: base configuration (without the service's secrets) plus ThreadsConfig. */
export type ThreadsToolConfig = ToolConfig<McpServerConfig<ThreadsConfig>>;

/** zod schema over the environment for mcp-threads' own variables. */
export const threadsEnvSchema = z
  .object({
    THREADS_API_URL: httpUrl(DEFAULT_THREADS_API_URL),
    THREADS_CONTAINER_POLL_INTERVAL_MS: wholeNumber(DEFAULT_CONTAINER_POLL.pollIntervalMs, 1, 60_000),
    THREADS_CONTAINER_MAX_POLLS: wholeNumber(DEFAULT_CONTAINER_POLL.maxPollAttempts, 1, 200),
    THREADS_TIMEOUT_MS: wholeNumber(15_000, 100, 120_000),
  })
  .transform((env): ThreadsConfig => ({
    threadsApiUrl: env.THREADS_API_URL,
    containerPollIntervalMs: env.THREADS_CONTAINER_POLL_INTERVAL_MS,
    containerMaxPolls: env.THREADS_CONTAINER_MAX_POLLS,
    threadsTimeoutMs: env.THREADS_TIMEOUT_MS,
  }));
