// mcp-linkedin's own environment (API origin, API version, timeout), parsed once with the kit's base variables.
import { z } from 'zod';
import { emptyAsUndefined, httpUrl, wholeNumber } from '@socialvault/common';
import type { McpServerConfig, ToolConfig } from '@socialvault/mcp-kit';
import {
  DEFAULT_LINKEDIN_API_URL,
  DEFAULT_LINKEDIN_VERSION,
  LINKEDIN_VERSION_PATTERN,
} from '@socialvault/platforms';

/** The LinkedIn-specific part of the configuration. */
export interface LinkedInConfig {
  /** `LINKEDIN_API_URL`: API origin without a trailing slash (default https://api.linkedin.com). */
  linkedinApiUrl: string;
  /**
   * `LINKEDIN_VERSION`: the `LinkedIn-Version` header, `YYYYMM` (default 202609). LinkedIn serves each
   * monthly version for about a year; a sunset one fails every call with 426 until this is bumped.
   * @see https://learn.microsoft.com/en-us/linkedin/marketing/versioning
   */
  linkedinVersion: string;
  /** `LINKEDIN_TIMEOUT_MS` (default 15000): timeout of each LinkedIn request (uploads get three times it). */
  linkedinTimeoutMs: number;
}

/** What the tools see: base configuration (without the service's secrets) plus LinkedInConfig. */
export type LinkedInToolConfig = ToolConfig<McpServerConfig<LinkedInConfig>>;

/** zod schema over the environment for mcp-linkedin's own variables. */
export const linkedinEnvSchema = z
  .object({
    LINKEDIN_API_URL: httpUrl(DEFAULT_LINKEDIN_API_URL),
    LINKEDIN_VERSION: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(LINKEDIN_VERSION_PATTERN, { error: 'must be a LinkedIn API version YYYYMM, e.g. 202609' })
        .default(DEFAULT_LINKEDIN_VERSION),
    ),
    LINKEDIN_TIMEOUT_MS: wholeNumber(15_000, 100, 120_000),
  })
  .transform((env): LinkedInConfig => ({
    linkedinApiUrl: env.LINKEDIN_API_URL,
    linkedinVersion: env.LINKEDIN_VERSION,
    linkedinTimeoutMs: env.LINKEDIN_TIMEOUT_MS,
  }));
