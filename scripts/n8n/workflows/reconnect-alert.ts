// Workflow 4, "socialvault: reconnect alert": the vault's credential.reconnect_required event → an e-mail.
import { code, stickyNote, WorkflowBuilder, withCredential, stableUuid, type N8nWorkflow } from '../nodes';
import { MCP_TARGETS } from '../platforms';

export const RECONNECT_ALERT_ID = 'svReconnectAlrt1';
/** The webhook path; the vault's VAULT_EVENTS_WEBHOOK_URL is http://n8n:5678/webhook/<this>. */
export const RECONNECT_WEBHOOK_PATH = 'socialvault-reconnect';

/** Header with `t=<unix seconds>,v1=<hex HMAC-SHA256(VAULT_EVENTS_SECRET, "<t>.<raw body>")>` (the vault's). */
export const SIGNATURE_HEADER = 'x-socialvault-signature';

/**
 * What the HMAC node signs: `<t>.<body>`. n8n hands over the parsed body; the vault sends
 * JSON.stringify(payload), and JSON.stringify(JSON.parse(x)) gives x back for such text, so the digest matches.
 */
export const SIGNED_TEXT = `={{ (/^t=(\\d+),/.exec(String($json.headers['${SIGNATURE_HEADER}'] || '')) || ['', ''])[1] + '.' + JSON.stringify($json.body) }}`;

/**
 * Checks the signature and builds the message. The webhook is reachable by anyone who reaches n8n, so an
 * event counts only with a valid, fresh signature; even then only known platforms are accepted and every
 * field is cut to a safe character set and length before it is mailed.
 */
const messageCode = `// The vault POSTs {event: "credential.reconnect_required", platform, account_id, username, reason, ...}
// signed: ${SIGNATURE_HEADER}: t=<unix s>,v1=<hex HMAC-SHA256(VAULT_EVENTS_SECRET, "<t>.<body>")>.
const TOLERANCE_S = 300;
const PLATFORMS = ${JSON.stringify(MCP_TARGETS.map((target) => target.platform))};
function sameText(a, b) {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
const clean = (value, max) => String(value ?? '').replace(/[^\\p{L}\\p{N} ._:@\\/()'-]/gu, '').slice(0, max).trim();
const messages = [];
for (const item of $input.all()) {
  const headers = item.json.headers || {};
  const signature = /^t=(\\d+),v1=([0-9a-f]{64})$/.exec(String(headers['${SIGNATURE_HEADER}'] || ''));
  if (!signature || Math.abs(Date.now() / 1000 - Number(signature[1])) > TOLERANCE_S) continue;
  if (!sameText(signature[2], item.json.expected_signature)) continue;
  const event = item.json.body || {};
  if (event.event !== 'credential.reconnect_required' || !PLATFORMS.includes(event.platform)) continue;
  const name = clean(event.username, 64);
  const account = name ? '@' + name + ' (' + clean(event.account_id, 64) + ')' : clean(event.account_id, 64);
  const reason = clean(event.reason, 300) || 'the platform refused the stored token';
  messages.push({
    json: {
      platform: event.platform,
      account_id: clean(event.account_id, 64),
      subject: 'Reconnect your ' + event.platform + ' account ' + account,
      text:
        'socialvault can no longer use the ' + event.platform + ' account ' + account + '.\\n' +
        'Reason: ' + reason + '\\n\\n' +
        'Publishing and insights for this account stop until it is reconnected: sign in again through the OAuth ' +
        'broker (the same flow as the first connection). Nothing else needs to change.',
    },
  });
}
return messages;`;

export function reconnectAlertWorkflow(): N8nWorkflow {
  const wf = new WorkflowBuilder(RECONNECT_ALERT_ID);
  wf.add(
    stickyNote(
      'About this workflow',
      [-40, -340],
      '## Reconnect alert\n' +
        'The vault POSTs `credential.reconnect_required` to `VAULT_EVENTS_WEBHOOK_URL` ' +
        `(\`http://n8n:5678/webhook/${RECONNECT_WEBHOOK_PATH}\` in docker-compose) when a token is revoked or ` +
        'expired and cannot be refreshed, signed with `VAULT_EVENTS_SECRET` (HMAC-SHA256). This workflow checks the ' +
        'signature (the secret is filled in by `pnpm nocodb:bootstrap` in the `n8n/build/` copy) and turns the event ' +
        'into a message saying which account to reconnect; unsigned or stale requests are dropped.\n\n' +
        'The e-mail node ships **disabled**: create the **socialvault SMTP** credential, set the addresses, enable ' +
        'it, then activate the workflow. Until then each event is still visible in the executions list.',
      720,
      260,
    ),
  );
  const webhook = wf.add({
    name: 'Vault event',
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    position: [0, 0],
    parameters: { httpMethod: 'POST', path: RECONNECT_WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
    webhookId: stableUuid(`${RECONNECT_ALERT_ID}/webhook`),
  });
  const hmac = wf.add({
    name: 'Expected signature',
    type: 'n8n-nodes-base.crypto',
    typeVersion: 1,
    position: [240, 0],
    parameters: {
      action: 'hmac',
      type: 'SHA256',
      value: SIGNED_TEXT,
      dataPropertyName: 'expected_signature',
      secret: '__VAULT_EVENTS_SECRET__',
      encoding: 'hex',
    },
  });
  const message = wf.add(code('Check signature, write message', [480, 0], messageCode));
  const mail = wf.add({
    name: 'Send e-mail',
    type: 'n8n-nodes-base.emailSend',
    typeVersion: 2.1,
    position: [740, 0],
    disabled: true,
    parameters: {
      fromEmail: 'socialvault@example.com',
      toEmail: 'ops@example.com',
      subject: '={{ $json.subject }}',
      emailFormat: 'text',
      text: '={{ $json.text }}',
      options: {},
    },
    credentials: withCredential('smtp'),
  });
  wf.connect(webhook, hmac);
  wf.connect(hmac, message);
  wf.connect(message, mail);
  return wf.build('socialvault: reconnect alert', {
    tags: ['socialvault'],
    description: 'Turns the vault’s credential.reconnect_required webhook into an e-mail naming the account.',
  });
}
