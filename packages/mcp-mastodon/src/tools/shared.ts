// What several Mastodon tools share: the instance a result comes from and a post's visibility.
import { z } from 'zod';

/** `instance_url` of a result: the credential's instance, where the account lives and the call went. */
export const instanceUrlField = z
  .string()
  .describe('The instance the account lives on, from the vault credential (the call went there)');

/** A status' visibility as the instance reports it. */
export const visibilityOutputField = z.string().describe('public, unlisted, private or direct');
