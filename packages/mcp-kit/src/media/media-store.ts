// What a media store does: keep a file for a short while behind an unguessable public URL, then forget it.
import crypto from 'node:crypto';

/** One hosted file. */
export interface StoredMedia {
  /** The URL the platform downloads it from; works until `expiresAt` or `delete()`. */
  url: string;
  expiresAt: Date;
  /** Removes the file; its URL answers 404 (built-in store) or 403/404 (bucket) afterwards. Never throws. */
  delete(): Promise<void>;
}

/** A place to host media for platforms that fetch a URL (Instagram, Threads). */
export interface MediaStore {
  /** `s3` (MEDIA_STORE_BUCKET) or `built-in` (this server's own listener). */
  readonly kind: 's3' | 'built-in';
  /** The built-in store's own listener (`http://127.0.0.1:3015`); undefined for a bucket. */
  readonly listenUrl?: string;
  /** Stores `bytes` (of `contentType`, e.g. image/jpeg) under a fresh unguessable id for the configured TTL. */
  put(bytes: Buffer, contentType: string): Promise<StoredMedia>;
  /** Stops the store's listener and timers (objects already stored expire on their own). */
  close(): Promise<void>;
}

/** 256 random bits, base64url (43 characters): an id nobody guesses or enumerates. */
export function newMediaId(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** What a media id looks like; anything else is refused before it reaches a file system or a bucket. */
export const MEDIA_ID = /^[A-Za-z0-9_-]{43}$/;
