// Serves decrypted tokens and metadata to service identities, scoped to their platforms (SPEC "Internal: tokens and metadata").
import type { Pool } from 'pg';
import { AppError, createLogger, isAppError, registerSecret, type KeyRing } from '@socialvault/common';
import { decryptCredentialSecret } from '../crypto/credential-aad';
import {
  findCredentialById,
  findServableCredential,
  listCredentials,
  listUsableCredentials,
  type ServableCredential,
} from '../db/credential-repository';
import type { AuditSink } from '../db/audit-batcher';
import { recordAudit, type AuditEvent } from '../db/audit-log';
import type { VaultMetrics } from '../metrics';
import {
  isPlatform,
  PLATFORMS,
  type CredentialList,
  type Platform,
  type TokenAnswer,
} from '@socialvault/vault-api';
import type { ServiceIdentity } from '../service-identities';
import { encodeCredentialCursor, parseCredentialPageQuery } from './credential-page';
import { isTokenExpired, metadataView, tokenView } from './credential-views';
import { hasControlChars, invalidField } from './payload-schema';
import type { TokenRefresher } from './token-refresher';

const log = createLogger('vault', 'token-service');

export interface TokenServiceDeps {
  pool: Pool;
  keyRing: KeyRing;
  /** Inline refresh before serving (the refresh scheduler's); absent = expired tokens are served flagged. */
  refresher?: TokenRefresher;
  metrics?: VaultMetrics;
  /** Where serve audit rows go (the batcher); absent = each row is written before the token is served. */
  audit?: AuditSink;
  now?: () => Date;
}

/** Who lists metadata: its name (for errors) and the platforms it may see. */
export type MetadataReader = Pick<ServiceIdentity, 'name' | 'platforms'>;

/** The broker on the ingress listener: metadata of every platform, never a token. */
export const BROKER_READER: MetadataReader = { name: 'broker', platforms: [...PLATFORMS] };

/** Query of GET /api/credentials: each optional (see `listMetadata`). */
export interface MetadataQuery {
  platform?: unknown;
  limit?: unknown;
  cursor?: unknown;
}

/** Query of GET /api/credentials/token: both optional (see `serve`). */
export interface TokenQuery {
  platform?: unknown;
  accountId?: unknown;
}

/** Reads credentials for service identities: metadata lists and decrypted tokens. */
export class TokenService {
  private readonly now: () => Date;

  constructor(private readonly deps: TokenServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Metadata of every credential `reader` may see (a service identity, or the broker with every
   * platform), optionally one platform only, by platform then account id. No secrets. With `limit`
   * (1–500) or `cursor`, one page: `next_cursor` names the next one, null after the last.
   * @throws AppError `invalid_input` (unknown platform, bad limit or cursor), `forbidden` (platform
   * outside the reader's).
   */
  async listMetadata(reader: MetadataReader, query: MetadataQuery = {}): Promise<CredentialList> {
    const { platform } = query;
    const platforms = platform === undefined ? reader.platforms : [this.allowedPlatform(reader, platform)];
    const page = parseCredentialPageQuery(query.limit, query.cursor);
    // One row more than the page tells whether another page follows.
    const records = await listCredentials(
      this.deps.pool,
      platforms,
      page && { ...page, limit: page.limit + 1 },
    );
    const more = page !== undefined && records.length > page.limit;
    if (more) records.length = page.limit;
    const last = records.at(-1);
    const now = this.now();
    return {
      credentials: records.map((record) => metadataView(record, now)),
      next_cursor: more && last ? encodeCredentialCursor(last) : null,
    };
  }

  /**
   * The decrypted access token of one credential. `platform` may be omitted when the identity has
   * exactly one platform; `accountId` when the platform has exactly one non-revoked credential.
   * Writes an audit row and logs `[Token Access] <service> <platform>:<account_id>`; an expired
   * token is served with `token_expired: true` and a `[Token Expired]` line.
   * @throws AppError `invalid_input`, `forbidden` (other platform or metadata-only identity),
   * `not_found`, `conflict` (several accounts, hint lists them), `vault_unavailable` (cannot decrypt).
   */
  async serve(identity: ServiceIdentity, query: TokenQuery): Promise<TokenAnswer> {
    if (identity.access !== 'tokens') {
      throw new AppError('forbidden', `${identity.name} may list credential metadata but not read tokens`, {
        hint: 'Use the service token of the MCP server that needs this token.',
      });
    }
    const platform = this.allowedPlatform(identity, query.platform);
    let record = await this.resolve(platform, query.accountId);
    const { refresher } = this.deps;
    if (refresher?.isDue(record, this.now())) {
      // The refresh compares the whole row before and after its lock: read it whole on this rare path.
      const whole = await findCredentialById(this.deps.pool, record.id);
      if (!whole) throw notFound(platform, record.accountId);
      try {
        record = await refresher.refresh(whole, identity.name);
      } catch (error) {
        log.warn(
          `Inline refresh of ${record.platform}:${record.accountId} failed; serving the stored token`,
          {
            credential_id: record.id,
            error,
          },
        );
        // The failure may be a lock-wait timeout: another process may have refreshed meanwhile,
        // so serve the row as stored now, never the one read before the wait.
        const current = await findCredentialById(this.deps.pool, record.id);
        if (!current) throw notFound(platform, record.accountId);
        record = current;
      }
    }
    if (record.status === 'revoked' || record.accessTokenCiphertext === null)
      throw notFound(platform, record.accountId);
    const accessToken = await this.decryptOrRefuse(identity, record, record.accessTokenCiphertext);
    registerSecret(accessToken);
    const now = this.now();
    const expired = isTokenExpired(record, now);
    const served: AuditEvent = {
      actor: identity.name,
      action: 'token.serve',
      outcome: 'success',
      credentialId: record.id,
      platform: record.platform,
      accountId: record.accountId,
      detail: { token_expired: expired },
    };
    await (this.deps.audit ? this.deps.audit.record(served) : recordAudit(this.deps.pool, served));
    this.deps.metrics?.tokensServed.inc({ platform: record.platform, expired: String(expired) });
    const target = `${record.platform}:${record.accountId}`;
    log.info(`[Token Access] ${identity.name} ${target}`, {
      credential_id: record.id,
      token_expired: expired,
    });
    if (expired) {
      const when = record.tokenExpiresAt
        ? `expired at ${record.tokenExpiresAt.toISOString()}`
        : 'is marked expired';
      log.warn(
        `[Token Expired] ${target} token ${when}; served to ${identity.name} with token_expired: true`,
        {
          credential_id: record.id,
        },
      );
    }
    return tokenView(record, accessToken, now);
  }

  /**
   * Decrypts the access token of `record`. When that fails (a key missing from the ring, or the row
   * changed since it was stored: ciphertext or a bound field such as extra.instance_url), nothing is
   * served: an audit row `credential.unreadable` and an error line name the credential (never a secret),
   * and the AppError (`vault_unavailable`, 503, with its hint) goes to the caller.
   */
  private async decryptOrRefuse(
    identity: ServiceIdentity,
    record: ServableCredential,
    ciphertext: string,
  ): Promise<string> {
    try {
      return decryptCredentialSecret(this.deps.keyRing, record, 'access_token', ciphertext);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const reason = typeof error.details?.reason === 'string' ? error.details.reason : 'undecryptable';
      const keyId = error.details?.key_id ?? null;
      await recordAudit(this.deps.pool, {
        actor: identity.name,
        action: 'credential.unreadable',
        outcome: 'failure',
        credentialId: record.id,
        platform: record.platform,
        accountId: record.accountId,
        detail: { reason, key_id: keyId, message: error.message },
      });
      log.error(
        `[Token Refused] ${identity.name} ${record.platform}:${record.accountId} (credential ${record.id}): ` +
          `${error.message}; nothing was served`,
        { credential_id: record.id, reason, key_id: keyId },
      );
      throw error;
    }
  }

  /** Validates `platform` (defaulting to the identity's only platform) and checks the identity may see it. */
  private allowedPlatform(identity: MetadataReader, platform: unknown): Platform {
    if (platform === undefined || platform === '') {
      const [only] = identity.platforms;
      if (identity.platforms.length === 1 && only) return only;
      throw new AppError('invalid_input', 'platform is required', {
        hint: `Pass ?platform= one of ${identity.platforms.join(', ')}.`,
        details: { field: 'platform' },
      });
    }
    if (!isPlatform(platform)) throw invalidField('platform', `must be one of ${PLATFORMS.join(', ')}`);
    if (!identity.platforms.includes(platform)) {
      throw new AppError('forbidden', `${identity.name} may not read ${platform} credentials`, {
        hint: `Use a service token allowed for ${platform}, or add ${platform} to ${identity.name} in VAULT_SERVICE_TOKENS.`,
        details: { field: 'platform' },
      });
    }
    return platform;
  }

  /** The credential named by `accountId`, or the platform's only non-revoked credential. */
  private async resolve(platform: Platform, accountId: unknown): Promise<ServableCredential> {
    if (accountId !== undefined && accountId !== '') {
      if (typeof accountId !== 'string' || accountId.length > 256 || hasControlChars(accountId)) {
        throw invalidField('account_id', 'must be one account id of at most 256 printable characters');
      }
      const record = await findServableCredential(this.deps.pool, platform, accountId);
      if (!record || record.status === 'revoked') throw notFound(platform, accountId);
      return record;
    }
    const candidates = await listUsableCredentials(this.deps.pool, platform);
    const [only] = candidates;
    if (candidates.length === 1 && only) return only;
    if (candidates.length === 0) throw notFound(platform);
    const choices = candidates.map((record) => record.accountId);
    throw new AppError(
      'conflict',
      `${platform} has ${candidates.length} credentials; account_id is required`,
      {
        hint: `Pass ?account_id= one of: ${choices.join(', ')}.`,
        details: { field: 'account_id', choices },
      },
    );
  }
}

function notFound(platform: Platform, accountId?: string): AppError {
  return new AppError(
    'not_found',
    accountId === undefined
      ? `No ${platform} credential is stored`
      : `No active ${platform} credential for account ${accountId}`,
    {
      hint: `Connect the ${platform} account through the OAuth broker first; GET /api/credentials lists what is stored.`,
      details: { field: accountId === undefined ? 'platform' : 'account_id' },
    },
  );
}
