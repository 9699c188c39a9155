// Workflow 4 (reconnect alert): the vault's webhook URL reaches it, signed events become a message, others do not.
import crypto from 'node:crypto';
import { fillPlaceholders } from '../scripts/n8n/render';
import { generateSecrets } from '../scripts/generate-secrets';
import { environmentOf, loadCompose, readEnvExample } from './stack/compose';
import { evaluate, loadWorkflowFile, node, runCode, targets, type Item } from './stack/n8n-runtime';
import fs from 'node:fs';
import path from 'node:path';
import { WORKFLOW_DIR } from './stack/n8n-runtime';

const FILE = '4-reconnect-alert.json';
const SECRET = 'events-secret-canary-0123456789abcdef';
const rendered = JSON.parse(
  fillPlaceholders(fs.readFileSync(path.join(WORKFLOW_DIR, FILE), 'utf8'), {
    baseId: 'p1',
    tableIds: {},
    eventsSecret: SECRET,
  }),
) as ReturnType<typeof loadWorkflowFile>;

/** The vault's signature (packages/vault/src/refresh/events.ts): t=<s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>. */
function sign(secret: string, body: string, timestampS: number): string {
  return `t=${timestampS},v1=${crypto.createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

/** Webhook → Crypto (HMAC) → Code, as n8n runs them: the webhook item is {headers, body}; n8n parsed the JSON. */
function deliver(
  payload: Record<string, unknown>,
  options: { secret?: string; ageS?: number; header?: string } = {},
): Item[] {
  const body = JSON.stringify(payload);
  const timestampS = Math.floor(Date.now() / 1000) - (options.ageS ?? 0);
  const headers = {
    'content-type': 'application/json',
    'x-socialvault-signature': options.header ?? sign(options.secret ?? SECRET, body, timestampS),
  };
  const item = {
    json: { headers, body: JSON.parse(body) as Record<string, unknown>, params: {}, query: {} },
  };
  const hmac = node(rendered, 'Expected signature');
  const signedText = String(evaluate(hmac.parameters.value, item.json));
  const expected = crypto
    .createHmac('sha256', String(hmac.parameters.secret))
    .update(signedText)
    .digest('hex');
  const afterHmac = { json: { ...item.json, [String(hmac.parameters.dataPropertyName)]: expected } };
  return runCode(String(node(rendered, targets(rendered, hmac.name)[0]!).parameters.jsCode), [afterHmac]);
}

const EVENT = {
  id: '7f8e2b9c-0000-4000-8000-000000000001',
  event: 'credential.reconnect_required',
  platform: 'instagram',
  account_id: '17841400000001',
  username: 'shop.example',
  reason: 'invalid_grant: the token was revoked',
  credential_id: '2c0b7f3e-0000-4000-8000-000000000002',
  token_expires_at: null,
  occurred_at: '2025-05-01T09:00:00.000Z',
};

describe('workflow 4: reconnect alert', () => {
  it("is where the vault's VAULT_EVENTS_WEBHOOK_URL points inside the compose network", () => {
    const compose = loadCompose({ ...readEnvExample().values, ...generateSecrets() });
    const url = new URL(environmentOf(compose.services.vault!).VAULT_EVENTS_WEBHOOK_URL!);
    const webhook = node(rendered, 'Vault event');
    expect(webhook.parameters).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived' });
    expect(url.host).toBe('n8n:5678');
    expect(url.pathname).toBe(`/webhook/${String(webhook.parameters.path)}`);
    expect(environmentOf(compose.services.n8n!).N8N_PORT).toBe('5678');
    expect(targets(rendered, 'Vault event')).toEqual(['Expected signature']);
  });

  it('turns a signed event into a message naming the platform and the account', () => {
    const [message, ...rest] = deliver(EVENT);
    expect(rest).toEqual([]);
    expect(message!.json).toMatchObject({
      platform: 'instagram',
      account_id: '17841400000001',
      subject: 'Reconnect your instagram account @shop.example (17841400000001)',
    });
    expect(message!.json.text).toContain('Reason: invalid_grant: the token was revoked');
  });

  it('drops events with a wrong secret, a stale or missing signature, another event type or an unknown platform', () => {
    expect(deliver(EVENT, { secret: 'another-secret-0123456789' })).toEqual([]);
    expect(deliver(EVENT, { ageS: 600 })).toEqual([]);
    expect(deliver(EVENT, { header: '' })).toEqual([]);
    expect(deliver({ ...EVENT, event: 'credential.stored' })).toEqual([]);
    expect(deliver({ ...EVENT, platform: 'myspace' })).toEqual([]);
  });

  it('keeps markup and line breaks from the payload out of the message', () => {
    const [message] = deliver({
      ...EVENT,
      username: '<a href="https://evil.example">x</a>',
      reason: 'line\nBreak <b>',
    });
    expect(String(message!.json.subject)).not.toMatch(/[<>"\n]/);
    expect(String(message!.json.text).split('\n')[1]).toBe('Reason: lineBreak b');
  });

  it('ships the e-mail node disabled, with the SMTP credential and the message fields', () => {
    const mail = node(rendered, 'Send e-mail');
    expect(mail.disabled).toBe(true);
    expect(mail.credentials).toEqual({ smtp: { id: 'svSmtpAccount001', name: 'socialvault SMTP' } });
    expect(mail.parameters).toMatchObject({ subject: '={{ $json.subject }}', text: '={{ $json.text }}' });
  });

  it('holds the events secret only after rendering, JSON-escaped', () => {
    const shipped = fs.readFileSync(path.join(WORKFLOW_DIR, FILE), 'utf8');
    expect(shipped).not.toContain(SECRET);
    expect(JSON.stringify(loadWorkflowFile(FILE))).toContain('__VAULT_EVENTS_SECRET__');
    const tricky = fillPlaceholders(shipped, { baseId: 'p', tableIds: {}, eventsSecret: 'a"b\\c' });
    expect(node(JSON.parse(tricky), 'Expected signature').parameters.secret).toBe('a"b\\c');
  });
});
