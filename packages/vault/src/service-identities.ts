// Service identities for the internal listener, parsed from VAULT_SERVICE_TOKENS (SPEC "Internal: tokens and metadata").
import crypto from 'node:crypto';
import { ConfigError, registerSecret } from '@socialvault/common';
import { isPlatform, PLATFORMS, type Platform } from '@socialvault/vault-api';

/** A caller of the internal listener: its name, the platforms it may see, and what it may read. */
export interface ServiceIdentity {
  /** e.g. `instagram-mcp`; appears in audit rows and `[Token Access]` lines. */
  name: string;
  /** Platforms this identity may see (`*` in the env expands to all of them). */
  platforms: Platform[];
  /** The bearer secret; compared in constant time, never logged. */
  secret: string;
  /** `metadata`: may list credentials but never read a token. */
  access: 'tokens' | 'metadata';
}

const NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const SECRET_PATTERN = /^[\x21-\x7E]+$/;
const MIN_SECRET_LENGTH = 16;

/**
 * Parses `name:platforms:secret[:metadata]` entries separated by commas; platforms are joined by `|`
 * or `*` for all. Throws ConfigError naming the entry (by position and name, never the secret).
 */
export function parseServiceIdentities(spec: string): ServiceIdentity[] {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const identities: ServiceIdentity[] = [];
  entries.forEach((entry, index) => {
    const parts = entry.split(':');
    const [name = '', platformList = '', secret = '', access] = parts;
    registerSecret(secret, { pinned: true });
    const label = NAME_PATTERN.test(name) ? `entry ${index + 1} (${name})` : `entry ${index + 1}`;
    if (parts.length < 3 || parts.length > 4) {
      throw new ConfigError(
        `${label} must look like name:platforms:secret or name:platforms:secret:metadata`,
      );
    }
    if (!NAME_PATTERN.test(name))
      throw new ConfigError(`${label} has an invalid name (letters, digits, . _ -)`);
    if (identities.some((identity) => identity.name === name))
      throw new ConfigError(`${label}: name repeats`);
    const platforms = platformList === '*' ? [...PLATFORMS] : platformList.split('|');
    const unknown = platforms.filter((platform) => !isPlatform(platform));
    if (platforms.length === 0 || unknown.length > 0) {
      throw new ConfigError(`${label} names an unknown platform; use ${PLATFORMS.join('|')} or *`);
    }
    if (secret.length < MIN_SECRET_LENGTH || !SECRET_PATTERN.test(secret)) {
      throw new ConfigError(`${label} needs a secret of at least ${MIN_SECRET_LENGTH} printable characters`);
    }
    if (identities.some((identity) => identity.secret === secret)) {
      throw new ConfigError(`${label} reuses another identity's secret`);
    }
    if (access !== undefined && access !== 'metadata') {
      throw new ConfigError(`${label}: the optional 4th field can only be "metadata"`);
    }
    identities.push({
      name,
      platforms: [...new Set(platforms)] as Platform[],
      secret,
      access: access === 'metadata' ? 'metadata' : 'tokens',
    });
  });
  return identities;
}

const sha256 = (value: string): Buffer => crypto.createHash('sha256').update(value, 'utf8').digest();

/** Digests of the configured secrets (broker key, service secrets): computed once, not per request. */
const expectedDigests = new Map<string, Buffer>();
function expectedDigest(expected: string): Buffer {
  let digest = expectedDigests.get(expected);
  if (!digest) {
    digest = sha256(expected);
    expectedDigests.set(expected, digest);
  }
  return digest;
}

/**
 * Constant-time comparison of a presented secret with a configured one (compares SHA-256 digests, so
 * lengths do not leak either). `expected` must be a configured secret: its digest is kept for reuse.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(sha256(given), expectedDigest(expected));
}

/**
 * The identity whose secret equals `secret`, comparing against every identity in constant time
 * (one digest of `secret`, then one comparison per identity).
 */
export function findIdentityBySecret(
  identities: ServiceIdentity[],
  secret: string,
): ServiceIdentity | undefined {
  const given = sha256(secret);
  let match: ServiceIdentity | undefined;
  for (const identity of identities) {
    if (crypto.timingSafeEqual(given, expectedDigest(identity.secret)) && !match) match = identity;
  }
  return match;
}
