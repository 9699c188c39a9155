// The vault's wire contract, written once: the vault parses its answers with these before sending, clients after
// receiving; and the platform endpoint facts (production base URLs, the Graph API version, derived endpoints).
import type { z } from 'zod';

export * from './platforms';
export * from './credentials';
export * from './publications';
export * from './events';
export {
  threadsTokenUrlOf,
  META_GRAPH_VERSION,
  THREADS_API_VERSION,
  DEFAULT_META_GRAPH_URL,
  DEFAULT_META_OAUTH_DIALOG_URL,
  DEFAULT_INSTAGRAM_GRAPH_URL,
  DEFAULT_THREADS_API_URL,
  DEFAULT_X_API_URL,
  DEFAULT_LINKEDIN_OAUTH_URL,
  DEFAULT_LINKEDIN_API_URL,
} from './platform-urls';

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
