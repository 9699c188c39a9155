// Broker routes on the ingress listener: POST /api/credentials and DELETE /api/credentials/:id.
import { Router } from 'express';
import { registerSecret, type AddressPolicy } from '@socialvault/common';
import { receiptView } from '../credentials/credential-views';
import type { CredentialStore } from '../credentials/credential-store';
import { assertPublicInstance } from '../credentials/instance-address';
import { parseCredentialPayload } from '../credentials/payload-schema';
import { requireBrokerKey } from './auth';
import { auditAs } from './error-middleware';
import { jsonBody } from './json-body';

export interface IngressRouteDeps {
  store: CredentialStore;
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

  /** Revokes a credential: 200 `{id, platform, account_id, status: "revoked", token_expires_at, revoked_at}`. */
  router.delete('/api/credentials/:id', auditAs('credential.revoke'), brokerOnly, async (req, res) => {
    const record = await deps.store.revoke(String(req.params.id));
    res.status(200).json({ ...receiptView(record), revoked_at: record.revokedAt?.toISOString() ?? null });
  });

  return router;
}
