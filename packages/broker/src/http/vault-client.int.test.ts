// The broker's VaultClient against a fake vault ingress: answers are parsed with the @socialvault/vault-api contract.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { CredentialDeletion } from '@socialvault/vault-api';
import type { ResolvedClient } from '../db/clients';
import { failedOutcome, VaultClient } from './vault-client';

const ID = '00000000-0000-4000-8000-000000000001';
const DELETION: CredentialDeletion = {
  id: ID,
  platform: 'x',
  account_id: '4400000001',
  status: 'revoked',
  token_expires_at: null,
  revoked_at: '2026-03-01T12:00:00.000Z',
  provider_revocation: 'succeeded',
};

let server: Server;
let answer: unknown;
let client: ResolvedClient;
beforeAll(async () => {
  const app = express();
  app.delete('/api/credentials/:id', (_req, res) => void res.json(answer));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  client = {
    clientId: 'local',
    clientName: 'Local',
    vaultUrl: `http://127.0.0.1:${port}`,
    vaultApiKey: 'broker-key-0123456789',
    status: 'active',
  };
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

it('returns a DELETE answer that matches the contract', async () => {
  answer = DELETION;
  expect(await new VaultClient(2000).remove(client, ID)).toEqual({ ok: true, status: 200, body: DELETION });
});

it('refuses a DELETE answer with a renamed field, naming the field', async () => {
  const { provider_revocation: revocation, ...rest } = DELETION;
  answer = { ...rest, revocation };
  const refused = await new VaultClient(2000).remove(client, ID);
  expect(refused).toMatchObject({ ok: false, status: 200 });
  expect(refused.ok ? '' : refused.problem.message).toMatch(
    /DELETE \/api\/credentials\/\S+ does not match the vault-api contract \(provider_revocation: /,
  );
  expect(failedOutcome(refused.status)).toBe('vault_contract_mismatch');
});
