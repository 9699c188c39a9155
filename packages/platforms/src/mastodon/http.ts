// The Mastodon configuration of the platform transport: one instance (its URL comes from the credential), one
// token, connections only to public addresses unless allow-listed, X-RateLimit-* budgets.
import { AppError, BlockedAddressError } from '@socialvault/common';
import type { z } from 'zod';
import { compactParams, type PlatformParams } from '../http/params';
import { createPlatformTransport, type PlatformAnswer, type PlatformTransport } from '../http/transport';
import { secondsUntilResetWhenSpent } from '../rate-limit';
import { expectAnswer } from './answers';
import { MASTODON_RATE_LIMIT_HEADERS, toMastodonAppError } from './errors';
import type { MastodonClientOptions } from './types';

/** The client's options that concern the transport. */
export type MastodonHttpOptions = Omit<
  MastodonClientOptions,
  'mediaPollIntervalMs' | 'mediaMaxPolls' | 'sleep'
>;

/** A successful answer: status (200, 202, 206…), headers and body. */
export type MastodonAnswer<T> = PlatformAnswer<T>;

/** Media uploads have their own limit (30 per 30 min); every other endpoint spends the account's 300 per 5 min. */
const MEDIA_PATH = /\/api\/v\d\/media/;

/**
 * Mastodon over the platform transport, bound to one instance and one token: the token travels only in
 * `Authorization: Bearer` to that instance (registered with the log redactor), never to another host:
 * redirects are not followed, and unless the instance's origin is in `privateInstanceAllowlist` every
 * request connects only to public addresses (checked on the address the socket connects to), so an
 * `instance_url` leading to the internal network fails with `reconnect_required` before anything is sent.
 * `X-RateLimit-*` headers are remembered per token: at `remaining` 0 the next call is refused early with
 * `rate_limited` until `X-RateLimit-Reset` (media uploads: only further uploads). GETs are retried on 5xx.
 * @see https://docs.joinmastodon.org/api/rate-limits/
 */
export class MastodonHttp {
  readonly instanceUrl: string;
  /** The host, for messages. */
  readonly instance: string;
  private readonly accessToken: string;
  private readonly origin: string;
  private readonly transport: PlatformTransport;

  /** @throws AppError reconnect_required without a token or with an instance URL that is not http(s). */
  constructor(options: MastodonHttpOptions) {
    let url: URL;
    try {
      url = new URL(options.instanceUrl);
    } catch {
      url = new URL('invalid:');
    }
    if (!['http:', 'https:'].includes(url.protocol) || !options.accessToken) {
      throw new AppError(
        'reconnect_required',
        'The Mastodon credential has no usable instance URL or token',
        {
          hint: 'Reconnect the account through the OAuth broker with extra.instance_url set to the https:// URL of the instance.',
        },
      );
    }
    this.instanceUrl = options.instanceUrl.replace(/\/+$/, '');
    this.instance = url.host;
    this.origin = url.origin;
    this.accessToken = options.accessToken;
    this.transport = createPlatformTransport({
      platform: `Mastodon (${this.instance})`,
      accessToken: options.accessToken,
      timeoutMs: options.timeoutMs,
      http: options.http,
      mapError: (error, request) =>
        error instanceof BlockedAddressError
          ? this.privateAddressError(error.address)
          : toMastodonAppError(error, {
              operation: request.operation,
              instance: this.instance,
              accessToken: this.accessToken,
            }),
      addressGuard: {
        privateAllowlist: options.privateInstanceAllowlist,
        policy: options.addressPolicy,
      },
      rateLimits: {
        scopeKey: 'mastodon',
        policy: options.policy,
        perEndpoint: true,
        spentBudget: ({ headers }, request) => ({
          forS: secondsUntilResetWhenSpent(headers, MASTODON_RATE_LIMIT_HEADERS),
          scope: MEDIA_PATH.test(new URL(request.url).pathname) ? 'bucket' : 'token',
        }),
      },
    });
  }

  /** GET `{instanceUrl}{path}` with query `params` (`anonymous`: without the token). Throws AppError. */
  get<T>(
    path: string,
    params: PlatformParams,
    operation: string,
    anonymous = false,
  ): Promise<MastodonAnswer<T>> {
    return this.transport.send<T>({
      url: this.url(path),
      params: compactParams(params),
      anonymous,
      operation,
    });
  }

  /** POST a JSON body, with extra headers (e.g. `Idempotency-Key`). Throws AppError. */
  postJson<T>(path: string, body: unknown, operation: string, headers: Record<string, string> = {}) {
    return this.transport.send<T>({
      method: 'POST',
      url: this.url(path),
      data: body,
      headers: { 'Content-Type': 'application/json', ...headers },
      operation,
    });
  }

  /** POST a multipart form (media upload). Throws AppError. */
  postForm<T>(path: string, form: FormData, operation: string): Promise<MastodonAnswer<T>> {
    return this.transport.send<T>({
      method: 'POST',
      url: this.url(path),
      data: form,
      upload: true,
      operation,
    });
  }

  /**
   * `body` typed as `T` when `schema` accepts it (see answers.ts).
   * @throws AppError platform_error quoting an excerpt of the body (token scrubbed) and `expected`.
   */
  checked<T>(body: unknown, schema: z.ZodType, expected: string, operation: string): T {
    return expectAnswer(body, schema, {
      expected,
      operation,
      instance: this.instance,
      accessToken: this.accessToken,
    }) as T;
  }

  private url(path: string): string {
    return `${this.instanceUrl}${path}`;
  }

  /** The refusal of an instance at a private address: nothing was sent, the token least of all. */
  private privateAddressError(address: string): AppError {
    return new AppError(
      'reconnect_required',
      `Mastodon (${this.instance}) was not contacted: it is at ${address}, a private, loopback or link-local address`,
      {
        hint:
          'Reconnect the account with the public https:// URL of its instance; an instance on your own network ' +
          `needs its origin (${this.origin}) in MASTODON_PRIVATE_INSTANCE_ALLOWLIST.`,
        details: { platform: 'mastodon', instance: this.instance },
      },
    );
  }
}
