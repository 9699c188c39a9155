// Gives a URL-fetching platform (Instagram, Threads) a URL for any media item: the caller's public URL as it is,
// or the bytes (inline, or re-hosted from an expiring URL) normalised and put in the media store for this call.
import { AppError } from '@socialvault/common';
import type { Logger } from 'winston';
import type { FetchedMedia } from './fetch-media';
import type { CallMediaOptions, MediaInput } from './media-budget';
import { isInlineMedia } from './media-item';
import type { MediaStore, StoredMedia } from './media-store';
import { normalizeImage, type ImageRules } from './normalize-image';
import { assertPublicMediaUrl } from './public-url';

/** What a tool passes to `ctx.hostMedia`: the accepted input (types, size) and what the platform takes. */
export interface HostMediaOptions extends CallMediaOptions {
  /** The platform's rules for the hosted file (types kept, aspect ratio, size after conversion). */
  rules: ImageRules;
}

/** The URL to hand to the platform. */
export interface HostedMedia {
  url: string;
  /** True when the file sits in this server's media store (deleted when the tool call ends). */
  hosted: boolean;
}

/**
 * The hosting side of one tool call. `host` returns a public http(s) URL unchanged (after the address
 * guard) unless `rehost`; otherwise it gets the bytes through `fetch` (the call's media budget: download or
 * inline decode), normalises them (normalizeImage) and stores them. `deleteAll` removes every object this
 * call stored: the caller runs it when the call has ended, published or not.
 */
export function callHosting(
  store: MediaStore | undefined,
  fetch: (media: MediaInput, options: CallMediaOptions) => Promise<FetchedMedia>,
  call: { allowPrivateAddresses: boolean; logger: Logger },
): {
  host: (media: MediaInput, options: HostMediaOptions) => Promise<HostedMedia>;
  deleteAll: () => Promise<void>;
} {
  const stored: StoredMedia[] = [];
  return {
    host: async (input, options) => {
      const source = typeof input === 'string' ? { url: input } : input;
      const field = options.field ?? 'image_url';
      if (!isInlineMedia(source) && !source.rehost) {
        const url = source.url ?? '';
        await assertPublicMediaUrl(url, { allowPrivateAddresses: call.allowPrivateAddresses, field });
        return { url, hosted: false };
      }
      // A bug in the server package: only servers whose spec has defaultMediaPort call this.
      if (!store) throw new Error('hostMedia called on a server without a media store (no defaultMediaPort)');
      const media = await fetch(source, { ...options, field });
      const ready = await normalizeImage(media, options.rules, field);
      let object: StoredMedia;
      try {
        object = await store.put(ready.bytes, ready.contentType);
      } catch (error) {
        call.logger.error('the media store refused a file', {
          store: store.kind,
          error: (error as Error).name,
        });
        throw new AppError(
          'platform_error',
          `${field}: the media could not be stored for the platform to fetch`,
          {
            hint: 'Nothing was published; retry later. The operator checks the MEDIA_STORE_* settings and the bucket.',
            details: { field },
          },
        );
      }
      stored.push(object);
      return { url: object.url, hosted: true };
    },
    deleteAll: async () => {
      await Promise.all(stored.splice(0).map((object) => object.delete()));
    },
  };
}
