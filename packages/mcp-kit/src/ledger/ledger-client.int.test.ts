// LedgerClient against a fake ledger over real HTTP: answers are parsed with the @socialvault/vault-api contract.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { isAppError, type AppError } from '@socialvault/common';
import type { Publication } from '@socialvault/vault-api';
import { LedgerClient } from './ledger-client';

const PUBLICATION: Publication = {
  id: '00000000-0000-4000-8000-000000000001',
  platform: 'x',
  account_id: '1500000000000000001',
  idempotency_key: 'key-1',
  request_hash: 'a'.repeat(64),
  tool: 'publish_post',
  status: 'pending',
  platform_post_id: null,
  permalink: null,
  result: null,
  progress: {},
  error_code: null,
  error_message: null,
  attempts: 1,
  lease_expires_at: '2026-03-01T12:01:00.000Z',
  created_by: 'x-mcp',
  created_at: '2026-03-01T12:00:00.000Z',
  updated_at: '2026-03-01T12:00:00.000Z',
  published_at: null,
};

let server: Server;
let answer: unknown;
let ledger: LedgerClient;
beforeAll(async () => {
  const app = express();
  app.post('/api/publications/reserve', (_req, res) => void res.status(201).json(answer));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  ledger = new LedgerClient({ vaultUrl: `http://127.0.0.1:${port}`, serviceToken: 'svc-ledger-0123456789' });
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

const reserve = () =>
  ledger.reserve({
    platform: 'x',
    accountId: PUBLICATION.account_id,
    idempotencyKey: 'key-1',
    requestHash: PUBLICATION.request_hash,
    tool: 'publish_post',
    resumable: false,
  });

it('returns a reservation that matches the contract', async () => {
  answer = { reserved: true, lease_id: 'lease-1', previous_status: null, publication: PUBLICATION };
  expect(await reserve()).toEqual(answer);
});

it('refuses a reservation with a renamed field as vault_unavailable naming the field', async () => {
  const { status, ...rest } = PUBLICATION;
  answer = { reserved: true, lease_id: 'lease-1', publication: { ...rest, state: status } };
  let error: AppError | undefined;
  try {
    await reserve();
  } catch (caught) {
    if (isAppError(caught)) error = caught;
  }
  expect(error?.code).toBe('vault_unavailable');
  expect(error?.message).toMatch(/POST \/api\/publications\/reserve .*contract \(publication\.status: /);
});
