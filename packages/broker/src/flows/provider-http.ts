// HTTP to the providers' token and identity endpoints over the platforms' transport: a timeout, no redirects,
// Mastodon instances only at public addresses, and failures as values that name the step and the provider's
// error code, never a token, code or secret.
// The platform transport (axios) rather than an OAuth library: the ESM-only ones (oauth4webapi 3, openid-client 6) do not
// load under this repo's CommonJS jest, and the flows here are mostly not plain RFC 6749 (Meta's GET
// token endpoint and long-lived exchanges, Threads' th_exchange_token, Mastodon's per-instance apps),
// so a library would cover only X and LinkedIn; PKCE is ten lines of node:crypto (db/states.ts).
import { BlockedAddressError, redactText, registerSecret, type AddressPolicy } from '@socialvault/common';
import {
  createPlatformTransport,
  type PlatformRequest,
  type PlatformTransport,
} from '@socialvault/platforms';

/** A provider call that failed: which step, the HTTP status (0 = no answer) and the provider's error code. */
export class ProviderCallError extends Error {
  override name = 'ProviderCallError';
  constructor(
    readonly step: string,
    readonly status: number,
    readonly providerError: string | undefined,
  ) {
    super(
      `${step} failed: ${status === 0 ? 'no answer' : `HTTP ${status}`}${providerError ? ` (${providerError})` : ''}`,
    );
  }
}

/** The short error code of a provider answer: OAuth `error`, Graph `error.message`/`code`, X `title`. */
function providerErrorOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const nested = record.error;
  const text =
    typeof nested === 'string'
      ? `${nested}${typeof record.error_description === 'string' ? `: ${record.error_description}` : ''}`
      : nested && typeof nested === 'object'
        ? [(nested as Record<string, unknown>).type, (nested as Record<string, unknown>).message]
            .filter((part) => typeof part === 'string')
            .join(': ')
        : typeof record.title === 'string'
          ? record.title
          : typeof record.message === 'string'
            ? record.message
            : undefined;
  return text ? redactText(text).slice(0, 200) : undefined;
}

/** One provider request: the platform transport's, named by the step passed to `json`. */
export type ProviderRequest = Omit<PlatformRequest, 'operation' | 'anonymous' | 'upload'>;

/** How the broker reaches providers. */
export interface ProviderHttpOptions {
  /** Per-request timeout in ms (`BROKER_PROVIDER_TIMEOUT_MS`). */
  timeoutMs: number;
  /** Origins of Mastodon instances allowed on private addresses (`MASTODON_PRIVATE_INSTANCE_ALLOWLIST`). */
  mastodonPrivateAllowlist?: readonly string[];
  /** How instance hosts are resolved and judged; tests only (default: system DNS, public addresses). */
  addressPolicy?: AddressPolicy;
}

/**
 * Makes provider calls over the platforms' transport (a timeout, no redirects); every token found in an answer is
 * registered with the redactor at once. Calls to a Mastodon instance (a host a user named) connect only to public
 * addresses, checked on the address the socket connects to, unless the instance's origin is allow-listed.
 */
export class ProviderHttp {
  private readonly configured: PlatformTransport;
  private readonly mastodon: PlatformTransport;

  constructor(options: ProviderHttpOptions) {
    const common = {
      platform: 'provider',
      timeoutMs: options.timeoutMs,
      // Every status is an answer: json() reads the provider's error code from it.
      acceptStatus: () => true,
      // The axios error holds the request (form with code, secret, verifier): never let it out.
      mapError: (error: unknown, request: PlatformRequest) =>
        new ProviderCallError(
          request.operation,
          0,
          error instanceof BlockedAddressError
            ? 'refused: a private, loopback or link-local address'
            : undefined,
        ),
    };
    this.configured = createPlatformTransport(common);
    this.mastodon = createPlatformTransport({
      ...common,
      addressGuard: { privateAllowlist: options.mastodonPrivateAllowlist, policy: options.addressPolicy },
    });
  }

  /**
   * Sends `request` to a configured provider host and returns the JSON body of a 2xx answer.
   * @throws ProviderCallError naming `step` for a non-2xx answer (a redirect included), a non-JSON body or no answer
   */
  json<T extends Record<string, unknown>>(step: string, request: ProviderRequest): Promise<T> {
    return this.send<T>(this.configured, step, request);
  }

  /**
   * `json` to a Mastodon instance: refused with ProviderCallError (status 0) before anything is sent when the
   * instance is, or resolves to, a private address and its origin is not allow-listed.
   */
  mastodonJson<T extends Record<string, unknown>>(step: string, request: ProviderRequest): Promise<T> {
    return this.send<T>(this.mastodon, step, request);
  }

  private async send<T extends Record<string, unknown>>(
    transport: PlatformTransport,
    step: string,
    request: ProviderRequest,
  ): Promise<T> {
    const { status, body } = await transport.send<unknown>({ ...request, operation: step });
    if (body && typeof body === 'object') {
      for (const key of ['access_token', 'refresh_token', 'id_token', 'client_secret'])
        registerSecret((body as Record<string, unknown>)[key] as string | undefined);
    }
    if (status < 200 || status > 299) throw new ProviderCallError(step, status, providerErrorOf(body));
    if (!body || typeof body !== 'object') throw new ProviderCallError(step, status, 'not JSON');
    return body as T;
  }
}

/** A form body (application/x-www-form-urlencoded) for axios. */
export function form(fields: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) params.set(key, value);
  return params;
}

/** Reads a required string field of a provider answer. @throws ProviderCallError when missing */
export function field(step: string, body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return String(value);
  throw new ProviderCallError(step, 200, `answer without ${name}`);
}

/** An optional positive number field (e.g. `expires_in`). */
export function optionalSeconds(body: Record<string, unknown>, name: string): number | undefined {
  const value = Number(body[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}
