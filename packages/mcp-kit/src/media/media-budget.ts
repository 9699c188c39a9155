// Per-process caps on media downloads: how many run at once and how many bytes the process holds for uploads.
import { AppError } from '@socialvault/common';
import { fetchMedia, type FetchedMedia, type FetchMediaOptions } from './fetch-media';
import { decodeInlineMedia } from './inline-media';
import { isInlineMedia, type MediaSource } from './media-item';

/** The caps (config `MEDIA_MAX_CONCURRENT_DOWNLOADS`, `MEDIA_MAX_BUFFERED_MIB`). */
export interface MediaLimits {
  maxConcurrentDownloads: number;
  maxBufferedBytes: number;
}

/**
 * What a tool passes to `ctx.fetchMedia`: fetchMedia's options without those the call context supplies (the
 * address policy, the call's signal and the deadline, `MEDIA_FETCH_TIMEOUT_MS`).
 */
export type CallMediaOptions = Omit<FetchMediaOptions, 'allowPrivateAddresses' | 'signal' | 'timeoutMs'>;

/** A refused download waits at most this long (s) before a retry can find room: every download has a deadline. */
const RETRY_AFTER_S = 15;

/**
 * The process's media counters. A download takes a slot for as long as it runs and reserves its file limit
 * (`maxBytes`) until its bytes arrive, then their real size until the tool call ends (the bytes are held
 * for the upload). Over either cap the download is refused at once, not queued: waiting callers would
 * hold their requests open with no bound, and a publish refused here has posted nothing (safe to retry).
 */
export class MediaBudget {
  private downloads = 0;
  private bufferedBytes = 0;

  constructor(private readonly limits: MediaLimits) {}

  /**
   * Takes a download slot and reserves `bytes`.
   * @throws AppError `rate_limited` (retry_after_s 15) naming `field` when a cap is reached.
   */
  reserve(bytes: number, field: string): MediaReservation {
    const { maxConcurrentDownloads, maxBufferedBytes } = this.limits;
    if (this.downloads >= maxConcurrentDownloads || this.bufferedBytes + bytes > maxBufferedBytes) {
      const full =
        this.downloads >= maxConcurrentDownloads
          ? `all ${maxConcurrentDownloads} media download slots are in use`
          : `${Math.round(maxBufferedBytes / 1024 / 1024)} MiB of media are already held for uploads`;
      throw new AppError('rate_limited', `${field}: not downloaded, this server is busy (${full})`, {
        hint:
          'Retry after retry_after_s; nothing was published. The operator can raise MEDIA_MAX_CONCURRENT_DOWNLOADS ' +
          'or MEDIA_MAX_BUFFERED_MIB.',
        retryAfterS: RETRY_AFTER_S,
        details: { field },
      });
    }
    this.downloads += 1;
    this.bufferedBytes += bytes;
    let downloading = true;
    let held = bytes;
    const downloaded = (sizeBytes: number): void => {
      if (!downloading) return;
      downloading = false;
      this.downloads -= 1;
      const kept = Math.min(sizeBytes, held);
      this.bufferedBytes -= held - kept;
      held = kept;
    };
    return {
      downloaded,
      release: () => {
        downloaded(0);
        this.bufferedBytes -= held;
        held = 0;
      },
    };
  }

  /** Downloads running and bytes reserved now (metrics and tests). */
  usage(): { downloads: number; bufferedBytes: number } {
    return { downloads: this.downloads, bufferedBytes: this.bufferedBytes };
  }
}

/** One download's share of a MediaBudget. */
export interface MediaReservation {
  /** The download ended with `sizeBytes` held: frees its slot and the reserved bytes above that size. */
  downloaded(sizeBytes: number): void;
  /** Frees everything this reservation still holds (idempotent). */
  release(): void;
}

/** A URL to download, or a media item (a URL, a data: URL or base64). */
export type MediaInput = string | MediaSource;

/**
 * The media side of one tool call: `fetch` downloads a URL, or decodes inline bytes, under `budget` (inline
 * bytes count against the buffered bytes like downloaded ones) with the call's address policy, signal and deadline;
 * `releaseAll` (when the call has ended) frees the bytes it still holds.
 */
export function callMedia(
  budget: MediaBudget,
  call: { allowPrivateAddresses: boolean; signal: AbortSignal; timeoutMs: number },
): {
  fetch: (media: MediaInput, options: CallMediaOptions) => Promise<FetchedMedia>;
  releaseAll: () => void;
} {
  const reservations: MediaReservation[] = [];
  return {
    fetch: async (input, options) => {
      const source = typeof input === 'string' ? { url: input } : input;
      const field = options.field ?? 'media_url';
      const reservation = budget.reserve(options.maxBytes, field);
      reservations.push(reservation);
      try {
        const media = isInlineMedia(source)
          ? decodeInlineMedia(source, { ...options, field })
          : await fetchMedia(source.url ?? '', { ...options, ...call });
        reservation.downloaded(media.sizeBytes);
        return media;
      } catch (error) {
        reservation.release();
        throw error;
      }
    },
    releaseAll: () => {
      for (const reservation of reservations) reservation.release();
    },
  };
}
