// zod field helpers shared by the vault's environment schemas (service config and the CLI's refresh config).
import { z } from 'zod';
import { emptyAsUndefined } from '@socialvault/common';

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

/** A whole number within [min, max], with a default. */
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
