// What the Mastodon client needs from each answer body: a 2xx answer without it is the instance's fault, and the
// error says what the instance sent (bounded, secrets scrubbed) instead of failing later as "unexpected".
import { z } from 'zod';
import { AppError } from '@socialvault/common';
import { scrubSecrets } from '../thrown-errors';

/** Longest excerpt of an unexpected body quoted in an error message, in characters. */
const MAX_EXCERPT_CHARS = 200;

const id = z.string().min(1);
/** @see https://docs.joinmastodon.org/entities/Account/ */
export const AccountAnswer = z.looseObject({ id, username: z.string(), acct: z.string() });
/** @see https://docs.joinmastodon.org/entities/MediaAttachment/ */
export const MediaAnswer = z.looseObject({ id });
/** @see https://docs.joinmastodon.org/entities/Status/ */
export const StatusAnswer = z.looseObject({ id, uri: z.string(), created_at: z.string() });
export const StatusListAnswer = z.array(StatusAnswer);

/** `body` as a one-line excerpt of at most MAX_EXCERPT_CHARS characters, without the token or any registered secret. */
export function excerptOf(body: unknown, accessToken: string): string {
  let text: string;
  try {
    text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
  } catch {
    text = String(body);
  }
  // eslint-disable-next-line no-control-regex
  text = scrubSecrets(text, accessToken).replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ');
  return text.length > MAX_EXCERPT_CHARS
    ? `${text.slice(0, MAX_EXCERPT_CHARS)}… (${text.length} characters)`
    : text || '(empty)';
}

/**
 * Returns `body` typed when it has the fields `schema` requires.
 * @throws AppError platform_error quoting (an excerpt of) what the instance sent and what was expected.
 */
export function expectAnswer<T>(
  body: unknown,
  schema: z.ZodType<T>,
  context: { expected: string; operation: string; instance: string; accessToken: string },
): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError(
    'platform_error',
    `Mastodon (${context.instance}) could not ${context.operation}: the instance answered ${excerptOf(body, context.accessToken)}, not ${context.expected}`,
    {
      hint: 'The instance URL may not point at a Mastodon API (check extra.instance_url), or the instance is misbehaving; retry later.',
      details: { platform: 'mastodon', instance: context.instance, operation: context.operation },
    },
  );
}
