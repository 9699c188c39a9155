// Which reverse proxies a listener believes about the client address (VAULT_TRUST_PROXY, BROKER_TRUST_PROXY).
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { emptyAsUndefined } from '../config';

/**
 * Express's `trust proxy` value: `false` (trust nothing: the client is the socket's peer), a hop count
 * (trust that many proxies in front, taking the address they appended to X-Forwarded-For), or a list of
 * proxy addresses/CIDRs (and the names `loopback`, `linklocal`, `uniquelocal`) whose X-Forwarded-For
 * entries are believed.
 * @see https://expressjs.com/en/guide/behind-proxies.html
 */
export type TrustProxy = false | number | string[];

/**
 * Parses a trust-proxy variable: empty or `0` → false; `1`… → a hop count; otherwise a comma-separated
 * list checked by proxy-addr, the parser Express itself runs on `app.set('trust proxy', …)`, so what is
 * accepted here is exactly what Express takes. `true` (trust every hop: any client could pick its own
 * address) is refused.
 * @throws Error naming the bad entry.
 * @example parseTrustProxy('10.0.0.0/8, 127.0.0.1') // → ['10.0.0.0/8', '127.0.0.1']
 */
export function parseTrustProxy(value: string): TrustProxy {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '0') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (/^(true|false)$/i.test(trimmed)) {
    throw new Error(
      'must be a hop count (e.g. 1) or a comma-separated list of proxy addresses/CIDRs, not true/false',
    );
  }
  const entries = trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    try {
      proxyAddr.compile(entry);
    } catch {
      throw new Error(
        `entry ${JSON.stringify(entry.slice(0, 60))} is not an IP address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`,
      );
    }
  }
  return entries;
}

/** zod field for a trust-proxy variable: unset or empty → `false`; a bad value is an issue naming the entry. */
export const trustProxyField = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .default('')
    .transform((value, ctx): TrustProxy => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
);
