import { AppError } from '../errors';
import { bodyReadError, httpStatusOf } from './body-errors';

/** What express.json raises: an http-errors object with `type`, `status` and `expose`. */
const readerError = (type: string | undefined, status: number) =>
  Object.assign(new Error('reader'), { type, status, statusCode: status, expose: status < 500 });

describe('bodyReadError', () => {
  it.each([
    ['entity.too.large', 413, 413, 'Request body is larger than 64 KiB'],
    ['entity.parse.failed', 400, 400, 'Request body is not valid JSON'],
    ['charset.unsupported', 415, 415, 'Unsupported body encoding'],
    ['encoding.unsupported', 415, 415, 'Unsupported body encoding'],
    ['request.aborted', 400, 400, 'Request body was incomplete'],
    [undefined, 400, 400, 'Request body could not be read'],
  ])('%s → invalid_input with status %i', (type, readerStatus, status, message) => {
    const error = bodyReadError(readerError(type, readerStatus), { maxBodyBytes: 64 * 1024 })!;
    expect(error).toBeInstanceOf(AppError);
    expect({ code: error.code, status: httpStatusOf(error), message: error.message }).toEqual({
      code: 'invalid_input',
      status,
      message,
    });
    expect(error.details?.field).toBe('body');
  });

  it('names the limit in MiB when it is whole MiB, and takes a service hint', () => {
    const error = bodyReadError(readerError('entity.too.large', 413), {
      maxBodyBytes: 16 * 1024 * 1024,
      hints: { tooLarge: 'Send less media inline.' },
    })!;
    expect(error.message).toBe('Request body is larger than 16 MiB');
    expect(error.hint).toBe('Send less media inline.');
  });

  it('leaves anything that is not a client error of the body reader alone (a 500)', () => {
    expect(bodyReadError(new Error('bug'), { maxBodyBytes: 1024 })).toBeUndefined();
    expect(bodyReadError(readerError(undefined, 500), { maxBodyBytes: 1024 })).toBeUndefined();
    expect(bodyReadError('text', { maxBodyBytes: 1024 })).toBeUndefined();
  });
});

describe('httpStatusOf', () => {
  it("takes the code's status unless details.httpStatus overrides it", () => {
    expect(httpStatusOf(new AppError('not_found', 'x', { hint: 'y' }))).toBe(404);
    expect(
      httpStatusOf(new AppError('invalid_input', 'x', { hint: 'y', details: { httpStatus: 415 } })),
    ).toBe(415);
  });
});
