// Bounded polling of a Meta media container (Instagram, Threads) until it can be published.
import { AppError } from '@socialvault/common';
import { assertGraphId, type GraphHttp } from './graph-http';

/**
 * Publishing state of a media container (`status_code` on Instagram, `status` on Threads).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
 */
export const CONTAINER_STATUS_CODES = ['IN_PROGRESS', 'FINISHED', 'ERROR', 'EXPIRED', 'PUBLISHED'] as const;
export type ContainerStatusCode = (typeof CONTAINER_STATUS_CODES)[number];

/** One status read: the code plus Graph's free-text detail (an error subcode when ERROR). */
export interface ContainerStatus {
  statusCode: ContainerStatusCode;
  /** Instagram `status` / Threads `error_message`, e.g. `Error: Media upload has failed with error code 2207001`. */
  detail?: string;
}

export interface ContainerPollOptions {
  /** First wait between two status reads; default 1 500 ms. */
  pollIntervalMs?: number;
  /** Status reads before giving up; default 20. */
  maxPollAttempts?: number;
  /** Each wait is the previous one times this; default 1.5. */
  backoffFactor?: number;
  /** Upper bound of one wait; default 15 000 ms. */
  maxPollIntervalMs?: number;
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_CONTAINER_POLL: Required<Omit<ContainerPollOptions, 'sleep'>> = {
  pollIntervalMs: 1_500,
  maxPollAttempts: 20,
  backoffFactor: 1.5,
  maxPollIntervalMs: 15_000,
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Options with defaults filled in; undefined fields fall back to DEFAULT_CONTAINER_POLL. */
export function resolveContainerPollOptions(
  options: ContainerPollOptions = {},
): Required<Omit<ContainerPollOptions, 'sleep'>> {
  return {
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_CONTAINER_POLL.pollIntervalMs,
    maxPollAttempts: options.maxPollAttempts ?? DEFAULT_CONTAINER_POLL.maxPollAttempts,
    backoffFactor: options.backoffFactor ?? DEFAULT_CONTAINER_POLL.backoffFactor,
    maxPollIntervalMs: options.maxPollIntervalMs ?? DEFAULT_CONTAINER_POLL.maxPollIntervalMs,
  };
}

/** The wait before status read number `attempt + 1` (attempt counts from 1), in milliseconds. */
export function containerPollDelayMs(attempt: number, options: ContainerPollOptions = {}): number {
  const { pollIntervalMs, backoffFactor, maxPollIntervalMs } = resolveContainerPollOptions(options);
  return Math.min(Math.round(pollIntervalMs * backoffFactor ** (attempt - 1)), maxPollIntervalMs);
}

/**
 * The field names a product reads its container state with: Instagram `status_code` (+ `status` text),
 * Threads `status` (+ `error_message`).
 */
export interface ContainerStatusFields {
  status: 'status_code' | 'status';
  detail: 'status' | 'error_message';
}

/**
 * `GET /{container-id}?fields=<status>,<detail>` on any Meta host, as a ContainerStatus.
 * @throws AppError invalid_input for a non-numeric id; platform_error when the status is not one of
 *   CONTAINER_STATUS_CODES; whatever the Graph call throws (reconnect_required, rate_limited, …).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
 * @see https://developers.facebook.com/docs/threads/reference/publishing
 */
export async function readMetaContainerStatus(
  http: GraphHttp,
  containerId: string,
  fields: ContainerStatusFields,
): Promise<ContainerStatus> {
  assertGraphId(containerId, 'container id');
  const body = await http.get<Record<string, unknown>>(
    containerId,
    { fields: `${fields.status},${fields.detail}` },
    'read media container status',
  );
  const code = body[fields.status] as ContainerStatusCode;
  if (!CONTAINER_STATUS_CODES.includes(code)) {
    throw new AppError(
      'platform_error',
      `${http.platform} returned an unknown container ${fields.status} ${JSON.stringify(body[fields.status])}`,
      { hint: 'Retry later; report it if it persists.', details: { container_id: containerId } },
    );
  }
  const detail = body[fields.detail];
  return { statusCode: code, ...(typeof detail === 'string' ? { detail } : {}) };
}

/** Turns a terminal non-publishable status into the error the caller sees. */
function terminalError(platform: string, containerId: string, status: ContainerStatus): AppError {
  const detail = status.detail ? ` (${status.detail})` : '';
  const details = {
    platform: platform.toLowerCase(),
    container_id: containerId,
    status_code: status.statusCode,
    status: status.detail,
  };
  if (status.statusCode === 'EXPIRED') {
    return new AppError(
      'platform_error',
      `${platform} media container ${containerId} expired before it was published${detail}`,
      {
        hint: 'Containers expire 24 h after creation; create a new one and publish it right away.',
        details,
      },
    );
  }
  if (status.statusCode === 'PUBLISHED') {
    return new AppError('invalid_input', `${platform} media container ${containerId} was already published`, {
      hint: 'A container publishes once; create a new container for a new post.',
      details,
    });
  }
  return new AppError(
    'platform_error',
    `${platform} could not process media container ${containerId}: status ERROR${detail}`,
    {
      hint: 'The media could not be processed (format, size or a fetch failure); check the media URL and create a new container.',
      details,
    },
  );
}

/**
 * Reads the container status until it is FINISHED, waiting `pollIntervalMs` then growing by
 * `backoffFactor` (capped at `maxPollIntervalMs`) between reads, at most `maxPollAttempts` reads.
 * Throws AppError: platform_error on ERROR/EXPIRED or when still IN_PROGRESS after the last read;
 * invalid_input on PUBLISHED; whatever `readStatus` throws (rate limits, expired token) as is.
 * @see https://developers.facebook.com/docs/instagram-platform/content-publishing
 */
export async function waitForContainerFinished(
  platform: string,
  containerId: string,
  readStatus: (containerId: string) => Promise<ContainerStatus>,
  options: ContainerPollOptions = {},
): Promise<void> {
  const { maxPollAttempts } = resolveContainerPollOptions(options);
  const sleep = options.sleep ?? defaultSleep;
  let last: ContainerStatus | undefined;
  for (let attempt = 1; attempt <= maxPollAttempts; attempt += 1) {
    last = await readStatus(containerId);
    if (last.statusCode === 'FINISHED') return;
    if (last.statusCode !== 'IN_PROGRESS') throw terminalError(platform, containerId, last);
    if (attempt < maxPollAttempts) await sleep(containerPollDelayMs(attempt, options));
  }
  throw new AppError(
    'platform_error',
    `${platform} media container ${containerId} was still IN_PROGRESS after ${maxPollAttempts} status checks`,
    {
      hint: 'Large videos can take minutes; publish the container later, or retry with a smaller file.',
      details: { platform: platform.toLowerCase(), container_id: containerId, status_code: last?.statusCode },
    },
  );
}
