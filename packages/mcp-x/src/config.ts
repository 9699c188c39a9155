// mcp-x's own environment (X base URL, timeout), parsed once with the kit's base variables.
import { z } from 'zod';
import { httpUrl, wholeNumber } from '@socialvault/common';
import type { McpServerConfig, ToolConfig } from '@socialvault/mcp-kit';
import { DEFAULT_X_API_URL } from '@socialvault/platforms';

/** The X-specific part of the configuration. */
export interface XConfig {
  /** `X_API_URL`: API origin without a trailing slash (default https://api.x.com); paths start with /2/. */
  xApiUrl: string;
  /** `X_TIMEOUT_MS` (default 15000): timeout of each X request (uploads get three times that). */
  xTimeoutMs: number;
}

/** What the tools see: base configuration (without the service's secrets) plus XConfig. */
export type XToolConfig = ToolConfig<McpServerConfig<XConfig>>;

/** zod schema over the environment for mcp-x's own variables. */
export const xEnvSchema = z
  .object({
    X_API_URL: httpUrl(DEFAULT_X_API_URL),
    X_TIMEOUT_MS: wholeNumber(15_000, 100, 120_000),
  })
  .transform((env): XConfig => ({
    xApiUrl: env.X_API_URL,
    xTimeoutMs: env.X_TIMEOUT_MS,
  }));
