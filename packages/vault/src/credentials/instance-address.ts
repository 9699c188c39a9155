// The broker POST's SSRF check: a Mastodon instance URL may not lead to the internal network (SPEC "Broker ingress").
import {
  AppError,
  bareHost,
  findBlockedAddress,
  hasListedOrigin,
  type AddressPolicy,
} from '@socialvault/common';
import type { CredentialInput } from './payload-schema';

const FIELD = 'extra.instance_url';

/**
 * Refuses a Mastodon credential whose `extra.instance_url` host is (or resolves to) a private, loopback,
 * link-local or metadata address, unless its origin is in `allowlist` (MASTODON_PRIVATE_INSTANCE_ALLOWLIST).
 * ALLOW_INSECURE_URLS plays no part: it admits http://, never a private address. A host that does not
 * resolve at all is let through: the Mastodon server checks the address it connects to before every
 * request anyway (the answer may change after this check), so this refusal is the early, readable one.
 * @throws AppError `invalid_input` (400) naming `extra.instance_url`, with the address and a hint.
 * @example await assertPublicInstance(input, { allowlist: config.mastodonPrivateInstanceAllowlist });
 */
export async function assertPublicInstance(
  input: Pick<CredentialInput, 'platform' | 'extra'>,
  options: { allowlist: readonly string[]; addressPolicy?: AddressPolicy },
): Promise<void> {
  if (input.platform !== 'mastodon') return;
  const instanceUrl = String(input.extra.instance_url);
  if (hasListedOrigin(instanceUrl, options.allowlist)) return;
  const { hostname } = new URL(instanceUrl);
  let blocked: string | undefined;
  try {
    blocked = await findBlockedAddress(hostname, options.addressPolicy);
  } catch {
    return;
  }
  if (blocked === undefined) return;
  const where = blocked === bareHost(hostname) ? 'is' : `${hostname} resolves to`;
  throw new AppError(
    'invalid_input',
    `${FIELD} ${where} ${blocked}, a private, loopback or link-local address`,
    {
      hint:
        'Give the public https:// URL of the Mastodon instance. An instance on your own network is accepted ' +
        `only when the vault operator lists its origin (${new URL(instanceUrl).origin}) in MASTODON_PRIVATE_INSTANCE_ALLOWLIST.`,
      details: { field: FIELD },
    },
  );
}
