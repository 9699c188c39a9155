// The vault's real answers against @socialvault/vault-api, field for field: strict parsing fails on a field the
// contract does not name as well as on one it names and the vault does not send.
import crypto from 'node:crypto';
import request from 'supertest';
import { z } from 'zod';
import {
  credentialDeletionSchema,
  credentialListSchema,
  credentialMetadataSchema,
  credentialReceiptSchema,
  publicationSchema,
  reservationSchema,
  tokenAnswerSchema,
} from '@socialvault/vault-api';
import { CANARY, genericPayload, metaPayload, SERVICE_SECRETS, useTestVault } from '../../test/fixtures';

const t = useTestVault({ prefix: 'wire_contract' });
const internal = (method: 'get' | 'post', path: string, body?: object) =>
  method === 'get' ? t.serviceGet(path, SERVICE_SECRETS.all) : t.servicePost(path, SERVICE_SECRETS.all, body);
const strictPublication = publicationSchema.strict();

it('sends receipts, metadata, tokens and DELETE answers with exactly the fields of the contract', async () => {
  for (const payload of [metaPayload(), genericPayload()]) {
    const stored = await t.brokerPost(payload);
    expect(stored.status).toBe(201);
    credentialReceiptSchema.strict().parse(stored.body);
  }
  const listed = await internal('get', '/api/credentials');
  credentialListSchema
    .extend({ credentials: z.array(credentialMetadataSchema.strict()).length(2) })
    .strict()
    .parse(listed.body);
  expect(listed.body.next_cursor).toBeNull();
  for (const platform of ['instagram', 'x']) {
    const token = await internal('get', `/api/credentials/token?platform=${platform}`);
    expect(token.status).toBe(200);
    tokenAnswerSchema.strict().parse(token.body);
  }
  const x = (listed.body.credentials as { id: string; platform: string }[]).find((c) => c.platform === 'x')!;
  const deleted = await request(t.vault.ingressUrl)
    .delete(`/api/credentials/${x.id}`)
    .set('X-API-Key', CANARY.brokerApiKey);
  expect(deleted.status).toBe(200);
  credentialDeletionSchema.strict().parse(deleted.body);
});

it('sends reservations, publications and history pages with exactly the fields of the contract', async () => {
  const reserved = await internal('post', '/api/publications/reserve', {
    platform: 'instagram',
    account_id: '17841400000000001',
    idempotency_key: `key-${crypto.randomUUID()}`,
    request_hash: crypto.createHash('sha256').update('caption').digest('hex'),
    tool: 'publish_post',
  });
  expect(reserved.status).toBe(201);
  const reservation = reservationSchema
    .extend({ publication: strictPublication })
    .strict()
    .parse(reserved.body);
  const published = await internal('post', `/api/publications/${reservation.publication.id}/published`, {
    lease_id: reservation.lease_id,
    platform_post_id: '17900000000000001',
    permalink: 'https://www.instagram.com/p/abc/',
    result: { media_id: '17900000000000001' },
  });
  z.object({ publication: strictPublication }).strict().parse(published.body);
  const page = await internal('get', '/api/publications?platform=instagram');
  z.object({ publications: z.array(strictPublication).min(1), next_cursor: z.string().nullable() })
    .strict()
    .parse(page.body);
});
