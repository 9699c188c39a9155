import { AxiosError, AxiosHeaders } from 'axios';
import { graphFailureToAppError, retryAfterFromHeaders, toGraphAppError } from './graph-errors';

const context = {
  platform: 'Instagram',
  operation: 'read the account',
  accessToken: 'EAAsecretcanary0123456789',
};
const graph = (error: Record<string, unknown>) => ({
  error: { type: 'OAuthException', fbtrace_id: 'Atrace123', ...error },
});

describe('graphFailureToAppError', () => {
  it('maps code 190 to reconnect_required and says the token expired for subcode 463', () => {
    const error = graphFailureToAppError(
      {
        status: 400,
        body: graph({
          message: 'Error validating access token: Session has expired',
          code: 190,
          error_subcode: 463,
        }),
      },
      context,
    );
    expect(error.code).toBe('reconnect_required');
    expect(error.message).toContain('the access token has expired');
    expect(error.hint).toMatch(/reconnect the account through the OAuth broker/i);
    expect(error.details).toMatchObject({
      graph_code: 190,
      graph_subcode: 463,
      fbtrace_id: 'Atrace123',
      http_status: 400,
    });
  });

  it('maps a missing-permission code to reconnect_required with a permission hint', () => {
    const error = graphFailureToAppError(
      { status: 403, body: graph({ message: '(#10) Permission denied', code: 10 }) },
      context,
    );
    expect(error.code).toBe('reconnect_required');
    expect(error.hint).toMatch(/permission/);
  });

  it.each([4, 17, 32, 613, 80002])(
    'maps throttling code %i to rate_limited with the default wait',
    (code) => {
      const error = graphFailureToAppError(
        { status: 400, body: graph({ message: 'limit reached', code }) },
        context,
      );
      expect(error.code).toBe('rate_limited');
      expect(error.retryAfterS).toBe(60);
    },
  );

  it('takes retry_after_s from estimated_time_to_regain_access (minutes) in X-Business-Use-Case-Usage', () => {
    const usage = {
      '17841400000000001': [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 7 }],
    };
    const error = graphFailureToAppError(
      {
        status: 403,
        body: graph({ message: '(#4) Application request limit reached', code: 4 }),
        headers: { 'x-business-use-case-usage': JSON.stringify(usage) },
      },
      context,
    );
    expect(error.toJSON()).toMatchObject({ code: 'rate_limited', retry_after_s: 420 });
  });

  it('treats HTTP 429 without a Graph body as rate_limited, honouring Retry-After', () => {
    const error = graphFailureToAppError(
      { status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '12' } },
      context,
    );
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterS).toBe(12);
  });

  it('maps the publishing quota (code 9, subcode 2207042) to rate_limited with a one-hour wait', () => {
    const error = graphFailureToAppError(
      {
        status: 400,
        body: graph({ message: 'Application request limit reached', code: 9, error_subcode: 2207042 }),
      },
      context,
    );
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterS).toBe(3600);
    expect(error.hint).toMatch(/publishing quota/);
  });

  it('maps code 100 to invalid_input carrying the Graph message', () => {
    const error = graphFailureToAppError(
      {
        status: 400,
        body: graph({ message: '(#100) Tried accessing nonexisting field (bogus)', code: 100 }),
      },
      context,
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'Instagram could not read the account: (#100) Tried accessing nonexisting field (bogus)',
    );
  });

  it('maps "does not exist" answers (100/33, 803, HTTP 404) to not_found', () => {
    const unsupported = graph({
      message: "Unsupported get request. Object with ID '1' does not exist",
      code: 100,
      error_subcode: 33,
    });
    expect(graphFailureToAppError({ status: 400, body: unsupported }, context).code).toBe('not_found');
    expect(
      graphFailureToAppError(
        {
          status: 400,
          body: graph({ message: '(#803) Some of the aliases you requested do not exist', code: 803 }),
        },
        context,
      ).code,
    ).toBe('not_found');
    expect(graphFailureToAppError({ status: 404, body: '' }, context).code).toBe('not_found');
  });

  it('maps 9004 to invalid_input that names the unfetchable URL from error_user_msg', () => {
    const error = graphFailureToAppError(
      {
        status: 400,
        body: graph({
          message: 'Only photo or video can be accepted as media type.',
          code: 9004,
          error_subcode: 2207052,
          error_user_msg: 'The media could not be fetched from this URI: https://cdn.example/a.png.',
        }),
      },
      context,
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('the media URL could not be fetched');
    expect(error.message).toContain('https://cdn.example/a.png');
  });

  it('maps server failures to platform_error with fbtrace_id in details and a retry hint', () => {
    const error = graphFailureToAppError(
      {
        status: 500,
        body: graph({ message: 'An unexpected error has occurred.', code: 2, is_transient: true }),
      },
      context,
    );
    expect(error.code).toBe('platform_error');
    expect(error.details).toMatchObject({ fbtrace_id: 'Atrace123', graph_code: 2 });
    expect(error.hint).toMatch(/temporary/);
  });

  it('never copies the access token into the message, even when Graph echoes it', () => {
    const error = graphFailureToAppError(
      { status: 400, body: graph({ message: `Malformed access token ${context.accessToken}`, code: 190 }) },
      context,
    );
    expect(JSON.stringify({ m: error.message, h: error.hint, d: error.details })).not.toContain(
      context.accessToken,
    );
  });
});

describe('toGraphAppError', () => {
  it('turns a network failure into platform_error without keeping the request (and its header) as cause', () => {
    const config = { headers: new AxiosHeaders({ Authorization: `Bearer ${context.accessToken}` }) };
    const error = toGraphAppError(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', config), context);
    expect(error.code).toBe('platform_error');
    expect(error.message).toBe('Instagram could not read the account: network error (ECONNREFUSED)');
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error.details)).not.toContain(context.accessToken);
  });

  it('reports a timeout as such', () => {
    const error = toGraphAppError(new AxiosError('timeout of 10ms exceeded', 'ECONNABORTED'), context);
    expect(error.message).toContain('the request timed out');
  });
});

describe('retryAfterFromHeaders', () => {
  it('uses the largest wait across business use cases and ignores malformed headers', () => {
    const usage = {
      a: [{ estimated_time_to_regain_access: 2 }],
      b: [{ estimated_time_to_regain_access: 9 }],
    };
    expect(retryAfterFromHeaders({ 'X-Business-Use-Case-Usage': JSON.stringify(usage) })).toBe(540);
    expect(retryAfterFromHeaders({ 'x-business-use-case-usage': '{not json' })).toBeUndefined();
    expect(
      retryAfterFromHeaders({
        'x-business-use-case-usage': JSON.stringify({ a: [{ estimated_time_to_regain_access: 0 }] }),
      }),
    ).toBeUndefined();
  });
});
