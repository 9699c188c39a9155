// The connect flows by key, and how a route's platform (and `?login=`) picks one.
import { instagramLoginFlow } from './instagram-login';
import { linkedinFlow } from './linkedin';
import { mastodonFlow } from './mastodon';
import { metaFlow } from './meta';
import { threadsFlow } from './threads';
import type { ConnectFlow, FlowKey } from './types';
import { xFlow } from './x';

export const FLOWS: Record<FlowKey, ConnectFlow> = {
  instagram: metaFlow,
  instagram_login: instagramLoginFlow,
  threads: threadsFlow,
  x: xFlow,
  linkedin: linkedinFlow,
  mastodon: mastodonFlow,
};

/** Route platforms: the five, plus `meta` (seed name) as an alias of `instagram`. */
export const ROUTE_PLATFORMS = ['instagram', 'meta', 'threads', 'x', 'linkedin', 'mastodon'] as const;

/** The vault platform of a route platform (`meta` → `instagram`), or undefined when unknown. */
export function platformOfRoute(route: string): ConnectFlow['platform'] | undefined {
  if (route === 'meta') return 'instagram';
  return (ROUTE_PLATFORMS as readonly string[]).includes(route)
    ? (route as ConnectFlow['platform'])
    : undefined;
}

/**
 * The flow for a route platform and `login` choice: Instagram is Facebook Login by default and
 * Instagram Login with `login=instagram`. Returns undefined for an unknown combination.
 */
export function flowFor(route: string, login: unknown): ConnectFlow | undefined {
  const platform = platformOfRoute(route);
  if (!platform) return undefined;
  if (platform === 'instagram') {
    if (login === undefined || login === 'facebook') return metaFlow;
    return login === 'instagram' ? instagramLoginFlow : undefined;
  }
  return login === undefined ? FLOWS[platform] : undefined;
}

export type { ConnectFlow, FlowKey, FlowResult, MetaPage, PageChoice, VaultPayload } from './types';
export { metaPayload } from './meta';
