// zod field helpers for services' environment schemas: one set, so every variable of one kind reads and fails alike.
import { z } from 'zod';
import { emptyAsUndefined } from './config';

/** An optional variable: empty counts as unset. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

/** A boolean variable: true/false/1/0, default false. */
export const flag = z.preprocess(
  emptyAsUndefined,
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
);

/** A whole number within [min, max] (inclusive), with a default. */
export const wholeNumber = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be between ${min} and ${max}` })
      .max(max, { error: `must be between ${min} and ${max}` })
      .default(fallback),
  );

/** A TCP port 0-65535 (0 = ephemeral), with a default. */
export const port = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a port number' })
      .int({ error: 'must be a whole port number' })
      .min(0, { error: 'must be between 0 and 65535' })
      .max(65535, { error: 'must be between 0 and 65535' })
      .default(fallback),
  );

/** The interface a listener binds to (`HOST`, `VAULT_HOST`, `SIM_HOST`); default 127.0.0.1, compose sets 0.0.0.0. */
export const bindHost = z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1'));

/** An http(s) base URL, trailing slashes removed; required unless a default is given. */
export const httpUrl = (fallback?: string) => {
  const base = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
  return z.preprocess(
    emptyAsUndefined,
    (fallback === undefined ? base : base.default(fallback)).transform((value) => value.replace(/\/+$/, '')),
  );
};

/** Printable ASCII without spaces (ids, keys, secrets that travel in headers or forms). */
export const printableAscii = () =>
  z.string().regex(/^[\x21-\x7E]+$/, { error: 'must be printable ASCII without spaces' });
