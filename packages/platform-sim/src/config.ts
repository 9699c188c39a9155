// Environment of `pnpm sim`: one zod schema, parsed once at start.
import { bindHost, DEFAULT_PORTS, parseEnv, port } from '@socialvault/common';
import { z } from 'zod';

const SimEnvSchema = z.object({
  SIM_PORT: port(DEFAULT_PORTS.simulator),
  SIM_HOST: bindHost,
});

export interface SimConfig {
  port: number;
  host: string;
}

/** Reads SIM_PORT (default 3020) and SIM_HOST (default 127.0.0.1); throws ConfigError naming a bad variable. */
export function loadSimConfig(env: NodeJS.ProcessEnv = process.env): SimConfig {
  const parsed = parseEnv(SimEnvSchema, env);
  return { port: parsed.SIM_PORT, host: parsed.SIM_HOST };
}
