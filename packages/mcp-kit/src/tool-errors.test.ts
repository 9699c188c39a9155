// The one error mapper: zod failures become invalid_input naming the field; unknown exceptions a generic platform_error.
import { z } from 'zod';
import { AppError, registerSecret } from '@socialvault/common';
import { invalidInputError, toAppError, toErrorBody } from './tool-errors';

const schema = z
  .object({
    caption: z.string().max(3).describe('Post caption'),
    media: z
      .array(z.object({ url: z.string() }))
      .optional()
      .describe('Media items'),
  })
  .strict();

function issuesOf(input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error;
}

describe('invalidInputError', () => {
  it('names the field in the message and uses its description as the hint', () => {
    const error = invalidInputError(issuesOf({ caption: 'long' }), schema, 'publish_post');
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'Invalid arguments for publish_post: caption: Too big: expected string to have <=3 characters',
    );
    expect(error.hint).toBe('caption: Post caption');
    expect(error.details).toEqual({ field: 'caption' });
  });

  it('names nested paths and lists accepted arguments for unknown ones', () => {
    const nested = invalidInputError(issuesOf({ caption: 'ok', media: [{ url: 1 }] }), schema, 't');
    expect(nested.message).toContain('media[0].url: Invalid input: expected string, received number');
    expect(nested.hint).toBe('media: Media items');
    const unknown = invalidInputError(issuesOf({ caption: 'ok', captoin: 'x' }), schema, 't');
    expect(unknown.message).toContain('unknown argument captoin');
    expect(unknown.hint).toBe('Call t with its documented arguments: caption, media.');
  });

  it('never echoes the argument values', () => {
    const error = invalidInputError(issuesOf({ caption: 'SECRET-VALUE' }), schema, 't');
    expect(`${error.message} ${error.hint}`).not.toContain('SECRET-VALUE');
  });
});

describe('toAppError and toErrorBody', () => {
  it('passes AppErrors through and hides anything else behind platform_error', () => {
    const expected = new AppError('rate_limited', 'Slow down', { hint: 'Wait', retryAfterS: 1.2 });
    expect(toAppError(expected, 't')).toBe(expected);
    const hidden = toAppError(new TypeError('x is undefined at line 3'), 'get_account');
    expect(hidden.toJSON()).toEqual({
      code: 'platform_error',
      message: 'get_account failed unexpectedly',
      hint: expect.any(String),
    });
  });

  it('rounds retry_after_s up to whole seconds and scrubs registered secrets', () => {
    registerSecret('tok-abcdefgh-12345');
    const body = toErrorBody(
      new AppError('rate_limited', 'Token tok-abcdefgh-12345 limited', { hint: 'Wait', retryAfterS: 1.2 }),
    );
    expect(body).toEqual({
      code: 'rate_limited',
      message: 'Token [REDACTED] limited',
      hint: 'Wait',
      retry_after_s: 2,
    });
  });
});
