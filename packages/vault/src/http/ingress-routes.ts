// Broker routes on the ingress listener: POST, GET (metadata) and DELETE /api/credentials.
import { Router } from 'express';
import { registerSecret, type AddressPolicy } from '@socialvault/common';
import { credentialDeletionSchema, type CredentialDeletion } from '@socialvault/vault-api';
import { receiptView } from '../credentials/credential-views';
import type { CredentialStore } from '../credentials/credential-store';
import { BROKER_READER, type TokenService } from '../credentials/token-service';
import { assertPublicInstance } from '../credentials/instance-address';
import { parseCredentialPayload } from '../credentials/payload-schema';
import { parseRevocationBody } from '../revocation/revocation-request';
import { requireBrokerKey } from './auth';
import { auditAs } from './error-middleware';
import { jsonBody, optionalJsonBody } from './json-body';

export interface IngressRouteDeps {
  store: CredentialStore;
  /** Lists metadata with the same view as the internal route (never a token). */
  tokens: TokenService;
  brokerApiKey: string;
  allowInsecureUrls: boolean;
  mastodonPrivateInstanceAllowlist: readonly string[];
  instanceAddressPolicy?: AddressPolicy;
  maxBodyBytes: number;
}

/** Scrubs incoming tokens from every later log line, even when the payload is then rejected. */
function registerIncomingSecrets(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const { access_token: accessToken, refresh_token: refreshToken } = body as Record<string, unknown>;
  if (typeof accessToken === 'string') registerSecret(accessToken);
  if (typeof refreshToken === 'string') registerSecret(refreshToken);
}

export function ingressRouter(deps: IngressRouteDeps): Router {
  const router = Router();
  const brokerOnly = requireBrokerKey(deps.brokerApiKey);

  /** Stores (upserts) a credential: 201 `{id, platform, account_id, status, token_expires_at}`. */
  router.post(
    '/api/credentials',
    auditAs('credential.store'),
    brokerOnly,
    ...jsonBody(deps.maxBodyBytes),
    async (req, res) => {
      registerIncomingSecrets(req.body);
      const input = parseCredentialPayload(req.body, { allowInsecureUrls: deps.allowInsecureUrls });
      await assertPublicInstance(input, {
        allowlist: deps.mastodonPrivateInstanceAllowlist,
        addressPolicy: deps.instanceAddressPolicy,
      });
      const { record } = await deps.store.store(input);
      res.status(201).json(receiptView(record));
    },
  );

  /**
   * `?platform=&limit=&cursor=` each optional → `{credentials: [metadata…], next_cursor}` of every
   * platform, exactly the internal route's list (SPEC "Broker ingress"), so a broker can show what its
   * vault holds; never a token.
   */
  router.get('/api/credentials', auditAs('credential.list'), brokerOnly, async (req, res) => {
    res.json(await deps.tokens.listMetadata(BROKER_READER, req.query));
  });

  /**
   * Revokes a credential at its provider, then wipes it: 200 `{id, platform, account_id, status: "revoked",
   * token_expires_at, revoked_at, provider_revocation, provider_error?, provider_note?}`. Optional JSON body
   * `{client_secret}`: the Mastodon app secret its `/oauth/revoke` needs.
   */
  router.delete(
    '/api/credentials/:id',
    auditAs('credential.revoke'),
    brokerOnly,
    ...optionalJsonBody(deps.maxBodyBytes),
    async (req, res) => {
      const input = parseRevocationBody(req.body);
      const { record, provider } = await deps.store.revoke(String(req.params.id), input);
      const deletion: CredentialDeletion = {
        ...receiptView(record),
        revoked_at: record.revokedAt?.toISOString() ?? null,
        provider_revocation: provider.outcome,
        ...(provider.error ? { provider_error: provider.error } : {}),
        ...(provider.note ? { provider_note: provider.note } : {}),
      };
      res.status(200).json(credentialDeletionSchema.parse(deletion));
    },
  );

  return router;
}
