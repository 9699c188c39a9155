// What several LinkedIn tools share: the note on what a member token cannot read.
import { z } from 'zod';

/** `not_available`: one sentence on what LinkedIn does not give a member token, for the result an LLM reads. */
export const notAvailableField = z
  .string()
  .describe('What LinkedIn does not give this token, in one sentence');
