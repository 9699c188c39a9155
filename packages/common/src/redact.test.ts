import { REDACTED, redactText, redactValue, registerSecret } from './redact';
import { encodedForms } from './secret-forms';

describe('redaction', () => {
  it('replaces secret-named keys at any depth, keeping other fields', () => {
    const out = redactValue({
      platform: 'x',
      headers: { Authorization: 'Bearer abc.def', 'X-API-Key': 'k-123456789' },
      nested: [{ refresh_token: 'rt-1' }],
    });
    expect(out).toEqual({
      platform: 'x',
      headers: { Authorization: REDACTED, 'X-API-Key': REDACTED },
      nested: [{ refresh_token: REDACTED }],
    });
  });

  it('scrubs bearer headers and query-string tokens inside free text', () => {
    expect(redactText('GET /me?access_token=EAAB123&fields=id with Bearer xyz.123')).toBe(
      `GET /me?access_token=${REDACTED}&fields=id with Bearer ${REDACTED}`,
    );
  });

  it('scrubs a registered secret wherever it appears, including error messages', () => {
    registerSecret('canary-value-0123456789');
    const out = redactValue(new Error('upstream said canary-value-0123456789 is bad')) as { message: string };
    expect(out.message).toBe(`upstream said ${REDACTED} is bad`);
  });

  it('scrubs every registered secret when thousands are registered, and forgets the oldest past 10,000', () => {
    const secrets = Array.from(
      { length: 10_001 },
      (_, index) => `tok${String(index).padStart(6, '0')}-canary`,
    );
    for (const secret of secrets) registerSecret(secret);
    const line = `served ${secrets[10_000]} then ${secrets[5_000]} twice: ${secrets[5_000]}; ${secrets[1]}.`;
    expect(redactText(line)).toBe(`served ${REDACTED} then ${REDACTED} twice: ${REDACTED}; ${REDACTED}.`);
    // Part of a registered secret is not a secret; the first one registered was evicted.
    expect(redactText('EAABcanary00000 and canary000002')).toBe('EAABcanary00000 and canary000002');
    expect(redactText(`old ${secrets[0]}`)).toBe(`old ${secrets[0]}`);
    expect(redactValue({ note: `x${secrets[9_999]}x` })).toEqual({ note: `x${REDACTED}x` });
  });

  it('never forgets a pinned (configured) secret, however many tokens are registered after it', () => {
    registerSecret('configured-broker-key-0123456789', { pinned: true });
    for (let index = 0; index < 10_050; index += 1)
      registerSecret(`later${String(index).padStart(6, '0')}-token`);
    expect(redactText('key configured-broker-key-0123456789 used')).toBe(`key ${REDACTED} used`);
    // A token registered before the key was pinned is not evicted with the tokens either.
    registerSecret('token-then-config-abcdef', {});
    registerSecret('token-then-config-abcdef', { pinned: true });
    for (let index = 0; index < 10_050; index += 1)
      registerSecret(`again${String(index).padStart(6, '0')}-token`);
    expect(redactText('token-then-config-abcdef')).toBe(REDACTED);
    expect(redactText('later000000-token')).toBe('later000000-token');
  });

  it('scrubs a secret shorter than 8 characters where it is a whole value or token, not inside longer words', () => {
    registerSecret('q7');
    registerSecret('k.9', { pinned: true });
    expect(redactValue({ access_token: 'x', note: 'q7', headers: { 'X-Upstream': 'q7' } })).toEqual({
      access_token: REDACTED,
      note: REDACTED,
      headers: { 'X-Upstream': REDACTED },
    });
    expect(redactText('{"t":"q7"} ?rt=q7&x=1 said q7. (k.9)')).toBe(
      `{"t":"${REDACTED}"} ?rt=${REDACTED}&x=1 said ${REDACTED}. (${REDACTED})`,
    );
    // Inside a longer token (letters, digits, _ or - on a side) it is other text, not the secret.
    expect(redactText('q77 aq7 q7_x q7-1 uuid-q7-end k.99 ak.9')).toBe(
      'q77 aq7 q7_x q7-1 uuid-q7-end k.99 ak.9',
    );
  });

  it('scrubs the percent-encoded, base64 and base64url forms of a registered secret, alone or embedded', () => {
    const secret = 'rt=canary/REFRESH+token~0123!';
    registerSecret(secret);
    const base64 = Buffer.from(secret).toString('base64');
    const lines = [
      `refresh_token=${encodeURIComponent(secret)}&x=1`,
      `body ${new URLSearchParams({ refresh_token: secret }).toString()}`,
      `lower ${encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
      `b64 ${base64}`,
      `b64url ${Buffer.from(secret).toString('base64url')}`,
      // Inside a longer base64 text at each byte offset: the secret's characters are gone, whatever the alignment.
      ...['', 'a', 'ab'].map((head) => `blob ${Buffer.from(`${head}{"v":"${secret}"}`).toString('base64')}`),
    ];
    for (const line of lines) {
      const out = redactText(line);
      expect(out).toContain(REDACTED);
      for (const form of encodedForms(secret)) expect(out).not.toContain(form);
    }
    expect(redactText(`b64 ${base64}`)).toBe(`b64 ${REDACTED}`);
  });

  it('scrubs a Basic credential whole, and leaves "Basic" in prose alone', () => {
    const basic = Buffer.from('x-client-id:never-registered-secret').toString('base64');
    expect(redactText(`{"authorization":"Basic ${basic}"}`)).toBe(`{"authorization":"Basic ${REDACTED}"}`);
    expect(redactText('Basic auth failed; basic support')).toBe('Basic auth failed; basic support');
    // A registered secret inside it does not split it into pieces.
    registerSecret('registered-basic-secret-0123');
    const withRegistered = Buffer.from('id:registered-basic-secret-0123').toString('base64');
    expect(redactText(`Authorization: Basic ${withRegistered}`)).toBe(`Authorization: Basic ${REDACTED}`);
  });

  it('scrubs a secret registered after the same text was already redacted once', () => {
    const line = '[Token Access] x-mcp x:late-registered-0123456789';
    expect(redactText(line)).toBe(line);
    registerSecret('late-registered-0123456789');
    expect(redactText(line)).toBe(`[Token Access] x-mcp x:${REDACTED}`);
  });
});
