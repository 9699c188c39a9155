// The last step of every flow: POST the payload to the client's vault, record the event, show the result page.
import type { Response } from 'express';
import { recordEvent } from '../db/events';
import type { ResolvedClient } from '../db/clients';
import type { ConnectFlow, VaultPayload } from '../flows';
import type { BrokerDeps } from './deps';
import { failedOutcome } from './vault-client';
import { renderResult } from './pages';
import { signFlowLink } from './start-links';
import { vaultRefusal } from './vault-refusal';

const RETRY_LINK_LIFETIME_S = 60 * 60;

/** A fresh signed start link for the same client and flow (the "Start again" link of result pages). */
export function retryLink(deps: BrokerDeps, clientId: string, flow: ConnectFlow): string {
  return signFlowLink(deps.config, clientId, flow, Math.floor(Date.now() / 1000) + RETRY_LINK_LIFETIME_S);
}

/**
 * Forwards `payload` to `client`'s vault and answers with the result page: 201 → `forwarded` event and
 * "Connected"; anything else → `forward_failed` event and a page with the vault's reason and a retry link.
 * Nothing is kept on the broker either way.
 */
export async function forwardAndAnswer(
  deps: BrokerDeps,
  res: Response,
  input: {
    client: ResolvedClient;
    flow: ConnectFlow;
    accountId: string;
    username?: string;
    payload: VaultPayload;
  },
): Promise<void> {
  const { client, flow, accountId } = input;
  const payload = { ...input.payload, client_id: client.clientId };
  const answer = await deps.vault.store(client, payload);
  const base = { clientId: client.clientId, platform: flow.platform, accountId };
  if (answer.ok) {
    await recordEvent(deps.pool, {
      ...base,
      event: 'forwarded',
      outcome: 'stored',
      detail: { flow: flow.key, credential_id: answer.body.id, vault_status: answer.status },
    });
    renderResult(res, 200, {
      code: 'connected',
      title: `${flow.title} connected`,
      message: `${input.username ? `@${input.username}` : accountId} is connected and stored in ${client.clientName}.`,
      hint: 'You can close this page. The account is ready to publish with.',
      details: [
        { label: 'Platform', value: flow.platform },
        { label: 'Account', value: accountId },
        ...(answer.body.token_expires_at
          ? [{ label: 'Token expires', value: answer.body.token_expires_at }]
          : []),
      ],
    });
    return;
  }
  await recordEvent(deps.pool, {
    ...base,
    event: 'forward_failed',
    outcome: failedOutcome(answer.status),
    detail: { flow: flow.key, vault_status: answer.status, message: answer.problem.message },
  });
  const refusal = vaultRefusal(client, answer.status, answer.problem);
  renderResult(res, 502, {
    code: 'forward_failed',
    title: 'The vault did not store the account',
    message: `${flow.title} authorized the connection, but it was not stored. ${refusal.message}.`,
    hint: `Nothing was stored. ${refusal.hint} Then start again.`,
    retryUrl: retryLink(deps, client.clientId, flow),
  });
}
