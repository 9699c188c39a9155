// Environment parsing shared by every service: one zod schema, parsed once, one readable failure line.
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import type { z } from 'zod';

/** Thrown when the environment does not satisfy a service's schema; `message` is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses `env` with `schema`. On failure throws a ConfigError whose message names each bad
 * variable: `Invalid configuration: VAULT_INGRESS_PORT: expected a number`.
 * Values are never echoed (they may be secrets).
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/**
 * Loads `.env` from `dir` (default: the current directory) into `process.env` without overriding
 * variables already set. Returns the file path when one was read.
 */
export function loadDotEnv(dir = process.cwd()): string | undefined {
  const file = path.join(dir, '.env');
  if (!fs.existsSync(file)) return undefined;
  dotenv.config({ path: file, override: false, quiet: true });
  return file;
}

/** zod preprocessor input: treats empty strings in the environment as unset. */
export function emptyAsUndefined(value: unknown): unknown {
  return value === '' ? undefined : value;
}
