// Authenticated calls to api.linkedin.com: versioned /rest calls carry LinkedIn-Version and the Rest.li
// protocol header, /v2/userinfo does not; image bytes go to the upload URL LinkedIn hands out.
import { AppError, registerSecret } from '@socialvault/common';
import axios, { type AxiosInstance } from 'axios';
import { endpointBucket } from '../rate-limit-memory';
import { RequestGuard, type RequestPolicy } from '../request-guard';
import { toLinkedInAppError, type LinkedInErrorContext } from './errors';
import { LINKEDIN_RESTLI_PROTOCOL_VERSION, LINKEDIN_VERSION_PATTERN } from './limits';

export interface LinkedInHttpOptions {
  /** API origin, `LINKEDIN_API_URL` (default https://api.linkedin.com). */
  baseUrl: string;
  /** `LINKEDIN_VERSION`, `YYYYMM`. */
  version: string;
  accessToken: string;
  /** Per-request timeout; default 15 000 ms (uploads get three times that). */
  timeoutMs?: number;
  http?: AxiosInstance;
  /** Rate-limit memory and read retries (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
}

/** A successful answer: status, headers and body. */
export interface LinkedInAnswer<T> {
  status: number;
  headers: Record<string, unknown>;
  body: T;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * A thin LinkedIn transport. The token travels only in `Authorization: Bearer` (registered with the log
 * redactor) and only to the API origin or a LinkedIn upload host. Query strings are passed already
 * encoded: Rest.li 2.0 wants URNs in them percent-encoded, which axios' own serializer would undo.
 * LinkedIn sends no budget headers; a 429 is remembered per endpoint until its Retry-After (or the daily reset),
 * so the next call there is refused early with `rate_limited`. GETs are retried on 5xx.
 * @see https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/protocol-version
 */
export class LinkedInHttp {
  readonly baseUrl: string;
  readonly version: string;
  private readonly accessToken: string;
  private readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  private readonly guard: RequestGuard;

  /** @throws AppError reconnect_required without a token; invalid_input for a malformed version. */
  constructor(options: LinkedInHttpOptions) {
    if (!options.accessToken) {
      throw new AppError('reconnect_required', 'LinkedIn credential has no access token', {
        hint: 'Reconnect the account through the OAuth broker.',
      });
    }
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
    this.accessToken = options.accessToken;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = options.http ?? axios.create();
    registerSecret(options.accessToken);
    this.guard = new RequestGuard('LinkedIn', 'linkedin', options.accessToken, options.policy);
  }

  /** A versioned call: `{baseUrl}/rest{pathAndQuery}` with LinkedIn-Version and X-Restli-Protocol-Version. */
  rest<T>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    body: unknown,
    context: LinkedInErrorContext,
  ): Promise<LinkedInAnswer<T>> {
    return this.send<T>(
      {
        method,
        url: `${this.baseUrl}/rest${pathAndQuery}`,
        data: body,
        headers: {
          'LinkedIn-Version': this.version,
          'X-Restli-Protocol-Version': LINKEDIN_RESTLI_PROTOCOL_VERSION,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      context,
    );
  }

  /** An unversioned GET, e.g. `/v2/userinfo`. */
  get<T>(path: string, context: LinkedInErrorContext): Promise<LinkedInAnswer<T>> {
    return this.send<T>({ method: 'GET', url: `${this.baseUrl}${path}` }, context);
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
    return this.send<unknown>(
      {
        method: 'PUT',
        url: uploadUrl,
        data: bytes,
        headers: { 'Content-Type': contentType },
        timeoutFactor: 3,
      },
      context,
    );
  }

  private async send<T>(
    request: {
      method: 'GET' | 'POST' | 'PUT';
      url: string;
      data?: unknown;
      headers?: Record<string, string>;
      timeoutFactor?: number;
    },
    context: LinkedInErrorContext,
  ): Promise<LinkedInAnswer<T>> {
    const { pathname } = new URL(request.url);
    const bucket = endpointBucket(request.method, pathname);
    return this.guard.run({ method: request.method, operation: context.operation, bucket }, async () => ({
      value: await this.sendOnce<T>(request, context),
    }));
  }

  private async sendOnce<T>(
    request: {
      method: 'GET' | 'POST' | 'PUT';
      url: string;
      data?: unknown;
      headers?: Record<string, string>;
      timeoutFactor?: number;
    },
    context: LinkedInErrorContext,
  ): Promise<LinkedInAnswer<T>> {
    try {
      const response = await this.http.request<T>({
        method: request.method,
        url: request.url,
        headers: {
          Authorization: `Bearer ${this.accessToken}`,
          Accept: 'application/json',
          ...request.headers,
        },
        data: request.data,
        timeout: this.timeoutMs * (request.timeoutFactor ?? 1),
        responseType: 'json',
        maxBodyLength: Infinity,
        validateStatus: (status) => status >= 200 && status < 300,
      });
      return {
        status: response.status,
        headers: response.headers as Record<string, unknown>,
        body: response.data,
      };
    } catch (error) {
      throw toLinkedInAppError(error, { ...context, accessToken: this.accessToken });
    }
  }
}
