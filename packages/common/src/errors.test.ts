import { AppError, httpErrorBody } from './errors';

describe('httpErrorBody', () => {
  it("answers an AppError's message, hint and code, with details.field when it is a string", () => {
    const error = new AppError('invalid_input', 'account_id must not be empty', {
      hint: 'Send the account id.',
      details: { field: 'account_id', http_status: 400 },
    });
    expect(httpErrorBody(error, 'unused')).toEqual({
      detail: {
        message: 'account_id must not be empty',
        hint: 'Send the account id.',
        code: 'invalid_input',
        field: 'account_id',
      },
    });
  });

  it('answers a bug as Internal error with the fallback hint, adding the extra members', () => {
    expect(httpErrorBody(undefined, 'Check the logs.', { reason: 'credential_changed' })).toEqual({
      detail: {
        message: 'Internal error',
        hint: 'Check the logs.',
        code: 'internal',
        reason: 'credential_changed',
      },
    });
  });

  it('leaves out a field that is not a string', () => {
    const error = new AppError('not_found', 'No such row', { hint: 'List first.', details: { field: 3 } });
    expect(httpErrorBody(error, 'unused').detail).not.toHaveProperty('field');
  });
});
