// The optional JSON body of DELETE /api/credentials/:id: what the provider revocation needs that the vault does not store.
import { AppError, registerSecret } from '@socialvault/common';
import type { RevocationInput } from './provider-revoker';

const PRINTABLE_ASCII = /^[\x21-\x7E]+$/;
const MAX_SECRET_LENGTH = 1024;
const HINT =
  'Send no body, or {"client_secret": "<the Mastodon app secret>"} for a Mastodon credential (the vault never stores it).';

/**
 * Parses the body of DELETE /api/credentials/:id: none, or `{client_secret?}` — the client secret of the
 * Mastodon app (`POST /api/v1/apps`) the token was issued to, used once for `POST /oauth/revoke` and
 * registered with the log redactor, never stored.
 * @throws AppError `invalid_input` naming the field (`body`, `client_secret` or the unknown key).
 */
export function parseRevocationBody(body: unknown): RevocationInput {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('invalid_input', 'The body must be a JSON object', {
      hint: HINT,
      details: { field: 'body' },
    });
  }
  const { client_secret: clientSecret, ...rest } = body as Record<string, unknown>;
  const [unknown] = Object.keys(rest);
  if (unknown !== undefined) {
    throw new AppError('invalid_input', `${unknown} is not an accepted field`, {
      hint: HINT,
      details: { field: unknown },
    });
  }
  if (clientSecret === undefined) return {};
  if (typeof clientSecret === 'string') registerSecret(clientSecret);
  if (
    typeof clientSecret !== 'string' ||
    clientSecret.length > MAX_SECRET_LENGTH ||
    !PRINTABLE_ASCII.test(clientSecret)
  ) {
    throw new AppError(
      'invalid_input',
      `client_secret must be printable ASCII without spaces, at most ${MAX_SECRET_LENGTH} characters`,
      { hint: HINT, details: { field: 'client_secret' } },
    );
  }
  return { mastodonClientSecret: clientSecret };
}
