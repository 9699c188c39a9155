// The LinkedIn configuration of the platform transport: versioned /rest calls carry LinkedIn-Version and the
// Rest.li protocol header, /v2/userinfo does not; image bytes go to the upload URL LinkedIn hands out.
import { AppError } from '@socialvault/common';
import { requireAccessToken } from '../http/access-token';
import {
  createPlatformTransport,
  type PlatformAnswer,
  type PlatformRequest,
  type PlatformTransport,
} from '../http/transport';
import { toLinkedInAppError, type LinkedInErrorContext } from './errors';
import { LINKEDIN_RESTLI_PROTOCOL_VERSION, LINKEDIN_VERSION_PATTERN } from './limits';
import type { LinkedInClientOptions } from './types';

/** A successful answer: status, headers and body. */
export type LinkedInAnswer<T> = PlatformAnswer<T>;

/** A request with what LinkedIn's error mapper names in a 403 (the permission the call needs). */
type LinkedInRequest = PlatformRequest & Omit<LinkedInErrorContext, 'operation' | 'accessToken'>;

/**
 * LinkedIn over the platform transport. The token travels only in `Authorization: Bearer` (registered with the log
 * redactor) and only to the API origin or a LinkedIn upload host. Query strings are passed already
 * encoded: Rest.li 2.0 wants URNs in them percent-encoded, which axios' own serializer would undo.
 * LinkedIn sends no budget headers; a 429 is remembered per endpoint until its Retry-After (or the daily reset),
 * so the next call there is refused early with `rate_limited`. GETs are retried on 5xx.
 * @see https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/protocol-version
 */
export class LinkedInHttp {
  readonly baseUrl: string;
  readonly version: string;
  private readonly transport: PlatformTransport<LinkedInRequest>;

  /** @throws AppError reconnect_required without a token; invalid_input for a malformed version. */
  constructor(options: LinkedInClientOptions) {
    const accessToken = requireAccessToken('LinkedIn', options.accessToken);
    if (!LINKEDIN_VERSION_PATTERN.test(options.version)) {
      throw new AppError(
        'invalid_input',
        `LinkedIn version ${JSON.stringify(options.version)} is not YYYYMM`,
        {
          hint: 'Set LINKEDIN_VERSION to a live version such as 202609.',
        },
      );
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.version = options.version;
    this.transport = createPlatformTransport<LinkedInRequest>({
      platform: 'LinkedIn',
      accessToken,
      timeoutMs: options.timeoutMs,
      http: options.http,
      mapError: (error, request) =>
        toLinkedInAppError(error, {
          operation: request.operation,
          accessToken,
          permission: request.permission,
          restrictedPermission: request.restrictedPermission,
        }),
      rateLimits: { scopeKey: 'linkedin', policy: options.policy, perEndpoint: true },
    });
  }

  /** A versioned call: `{baseUrl}/rest{pathAndQuery}` with LinkedIn-Version and X-Restli-Protocol-Version. */
  rest<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body: unknown,
    context: LinkedInErrorContext,
  ): Promise<LinkedInAnswer<T>> {
    return this.transport.send<T>({
      ...context,
      method,
      url: `${this.baseUrl}/rest${pathAndQuery}`,
      data: body,
      headers: {
        'LinkedIn-Version': this.version,
        'X-Restli-Protocol-Version': LINKEDIN_RESTLI_PROTOCOL_VERSION,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
    });
  }

  /** An unversioned GET, e.g. `/v2/userinfo`. */
  get<T>(path: string, context: LinkedInErrorContext): Promise<LinkedInAnswer<T>> {
    return this.transport.send<T>({ ...context, url: `${this.baseUrl}${path}` });
  }

  /**
   * PUTs `bytes` to an upload URL from initializeUpload. The token goes along (LinkedIn requires it)
   * only when the URL is https on a linkedin.com host or on the configured API origin.
   * @throws AppError platform_error for any other upload URL.
   */
  async putBytes(
    uploadUrl: string,
    bytes: Buffer,
    contentType: string,
    context: LinkedInErrorContext,
  ): Promise<LinkedInAnswer<unknown>> {
    const target = new URL(uploadUrl);
    const linkedinHost = target.protocol === 'https:' && /(^|\.)linkedin\.com$/i.test(target.hostname);
    if (!linkedinHost && target.origin !== new URL(this.baseUrl).origin) {
      throw new AppError(
        'platform_error',
        `LinkedIn could not ${context.operation}: unexpected upload host`,
        {
          hint: 'LinkedIn answered with an upload URL outside linkedin.com; nothing was sent. Report it if it persists.',
          details: { platform: 'linkedin', upload_host: target.hostname },
        },
      );
    }
    return this.transport.send<unknown>({
      ...context,
      method: 'PUT',
      url: uploadUrl,
      data: bytes,
      headers: { 'Content-Type': contentType },
      upload: true,
    });
  }
}
