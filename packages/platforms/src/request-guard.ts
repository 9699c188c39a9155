// The one request policy every platform transport shares: refuse early when the budget is spent, remember what
// rate-limit headers and 429s say, and retry idempotent reads (GET, never a publish) on 5xx with bounded backoff.
import { isAppError } from '@socialvault/common';
import {
  budgetSpentError,
  sharedRateLimitMemory,
  tokenFingerprint,
  TOKEN_WIDE,
  type RateLimitMemory,
} from './rate-limit-memory';

/** Tunables of the policy; every field has a default. */
export interface RequestPolicy {
  /** Where spent budgets are remembered; default the process-wide `sharedRateLimitMemory`. */
  memory?: RateLimitMemory;
  /** Extra attempts of a GET that answered 5xx; default 2 (three attempts in all). 0 disables. */
  readRetries?: number;
  /** First wait before a retry, doubled each time (±20 % jitter), at most 2 000 ms; default 250 ms. */
  retryBaseDelayMs?: number;
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/** One request as the guard sees it. */
export interface GuardedRequest {
  method: string;
  /** What the client was doing, for the early refusal's message (`create the post`). */
  operation: string;
  /** The endpoint's own budget (`POST /2/tweets`), or undefined when only the token-wide budget applies. */
  bucket?: string;
}

/** What a successful send hands back: the value, and how long rate-limit headers say the budget is spent. */
export interface GuardedAnswer<T> {
  value: T;
  /** Seconds until the reset when the headers report the budget used up (remaining 0, usage ≥ 100 %). */
  spentForS?: number;
  /** Which budget is spent: the endpoint's (default when the request has a bucket) or the whole token's. */
  spentScope?: 'bucket' | 'token';
}

const MAX_RETRY_DELAY_MS = 2_000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps one token's requests to one platform.
 * @example
 * const guard = new RequestGuard('X', 'x', accessToken, options.policy);
 * const body = await guard.run({ method: 'GET', operation: 'read the post', bucket: 'GET /2/tweets/:id' }, async () => {
 *   const response = await axios.get(url);
 *   return { value: response.data, spentForS: remainingIsZero ? secondsToReset : undefined };
 * });
 */
export class RequestGuard {
  private readonly memory: RateLimitMemory;
  private readonly prefix: string;
  private readonly readRetries: number;
  private readonly baseDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  /**
   * @param platform product name for messages (`Instagram`)
   * @param platformKey lower-case key for memory scopes (`instagram`)
   * @param remember decides whether a `rate_limited` failure is remembered (default: all with retryAfterS)
   */
  constructor(
    private readonly platform: string,
    platformKey: string,
    accessToken: string,
    policy: RequestPolicy = {},
    private readonly remember: (error: { details?: Record<string, unknown> }) => boolean = () => true,
  ) {
    this.memory = policy.memory ?? sharedRateLimitMemory;
    this.prefix = `${platformKey}:${tokenFingerprint(accessToken)}:`;
    this.readRetries = Math.max(0, policy.readRetries ?? 2);
    this.baseDelayMs = Math.max(0, policy.retryBaseDelayMs ?? 250);
    this.sleep = policy.sleep ?? defaultSleep;
  }

  /**
   * Runs `send` unless the token's or the bucket's budget is known to be spent (then throws `rate_limited`
   * with `retryAfterS` and sends nothing). `send` throws the platform's AppError on failure; a `rate_limited`
   * one is remembered for its `retryAfterS`, and a GET that failed with HTTP 5xx is sent again.
   */
  async run<T>(request: GuardedRequest, send: () => Promise<GuardedAnswer<T>>): Promise<T> {
    const scopes = [this.prefix + TOKEN_WIDE, ...(request.bucket ? [this.prefix + request.bucket] : [])];
    const blockedUntil = this.memory.latestBlock(scopes);
    if (blockedUntil !== undefined) {
      throw budgetSpentError(
        this.platform,
        request.operation,
        blockedUntil,
        this.memory.secondsUntil(blockedUntil),
      );
    }
    const retries = request.method.toUpperCase() === 'GET' ? this.readRetries : 0;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const answer = await send();
        if (answer.spentForS !== undefined && answer.spentForS > 0) {
          this.block(request, answer.spentScope, answer.spentForS);
        }
        return answer.value;
      } catch (error) {
        if (isAppError(error) && error.code === 'rate_limited' && error.retryAfterS && this.remember(error)) {
          this.block(request, undefined, error.retryAfterS);
        }
        if (attempt >= retries || !isServerError(error)) throw error;
        await this.sleep(this.retryDelayMs(attempt + 1));
      }
    }
  }

  private block(request: GuardedRequest, scope: GuardedAnswer<unknown>['spentScope'], seconds: number): void {
    const bucket = scope === 'token' || !request.bucket ? TOKEN_WIDE : request.bucket;
    this.memory.blockFor(this.prefix + bucket, seconds);
  }

  private retryDelayMs(retry: number): number {
    const base = Math.min(this.baseDelayMs * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }
}

/** True for a platform answer with HTTP status 5xx (every platform mapper puts it in `details.http_status`). */
function isServerError(error: unknown): boolean {
  if (!isAppError(error)) return false;
  const status = error.details?.http_status;
  return typeof status === 'number' && status >= 500 && status <= 599;
}
