// mcp-mastodon's own environment (timeouts, media polling, instance cache). There is no base-URL variable:
// each credential names its instance in `extra.instance_url`.
import { z } from 'zod';
import { originListField, wholeNumber } from '@socialvault/common';
import type { McpServerConfig, ToolConfig } from '@socialvault/mcp-kit';

/** The Mastodon-specific part of the configuration. */
export interface MastodonConfig {
  /** `MASTODON_TIMEOUT_MS` (default 15000): timeout of each instance request (uploads get three times it). */
  mastodonTimeoutMs: number;
  /** `MASTODON_MEDIA_POLL_INTERVAL_MS` (default 1000): wait between reads of an upload still processing. */
  mediaPollIntervalMs: number;
  /** `MASTODON_MEDIA_MAX_POLLS` (default 30): reads of a processing upload before publish_post gives up. */
  mediaMaxPolls: number;
  /** `MASTODON_INSTANCE_CACHE_TTL_S` (default 3600) in ms: how long an instance's limits are kept. */
  instanceCacheTtlMs: number;
  /**
   * `MASTODON_PRIVATE_INSTANCE_ALLOWLIST` (comma-separated origins, default none): instances that may live on
   * private, loopback or link-local addresses (simulators, LAN instances). Every other instance gets the token
   * only at a public address; ALLOW_INSECURE_URLS never changes that.
   */
  privateInstanceAllowlist: string[];
}

/** What the tools see: base configuration (without the service's secrets) plus MastodonConfig. */
export type MastodonToolConfig = ToolConfig<McpServerConfig<MastodonConfig>>;

/** zod schema over the environment for mcp-mastodon's own variables. */
export const mastodonEnvSchema = z
  .object({
    MASTODON_TIMEOUT_MS: wholeNumber(15_000, 100, 120_000),
    MASTODON_MEDIA_POLL_INTERVAL_MS: wholeNumber(1000, 1, 60_000),
    MASTODON_MEDIA_MAX_POLLS: wholeNumber(30, 1, 600),
    MASTODON_INSTANCE_CACHE_TTL_S: wholeNumber(3600, 0, 7 * 86_400),
    MASTODON_PRIVATE_INSTANCE_ALLOWLIST: originListField,
  })
  .transform((env): MastodonConfig => ({
    mastodonTimeoutMs: env.MASTODON_TIMEOUT_MS,
    mediaPollIntervalMs: env.MASTODON_MEDIA_POLL_INTERVAL_MS,
    mediaMaxPolls: env.MASTODON_MEDIA_MAX_POLLS,
    instanceCacheTtlMs: env.MASTODON_INSTANCE_CACHE_TTL_S * 1000,
    privateInstanceAllowlist: env.MASTODON_PRIVATE_INSTANCE_ALLOWLIST,
  }));
