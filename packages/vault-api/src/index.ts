// The vault's wire contract, written once: the vault parses its answers with these before sending, clients after
// receiving; and the platform endpoint facts the vault and the broker both derive from the same base URLs.
import type { z } from 'zod';

export * from './platforms';
export * from './credentials';
export * from './publications';
export * from './events';
export { threadsTokenUrlOf } from './platform-urls';

/**
 * One line naming where an answer broke the contract, e.g. `publication.status: Invalid option…`,
 * for a client's `vault_unavailable` error (field paths and zod's message only, never a value).
 */
export function contractProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
