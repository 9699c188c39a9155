import { REDACTED, redactText, redactValue, registerSecret } from './redact';

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
    registerSecret('short', { pinned: true });
    for (let index = 0; index < 10_050; index += 1)
      registerSecret(`later${String(index).padStart(6, '0')}-token`);
    expect(redactText('key configured-broker-key-0123456789 used')).toBe(`key ${REDACTED} used`);
    expect(redactText('short stays')).toBe('short stays');
    // A token registered before the key was pinned is not evicted with the tokens either.
    registerSecret('token-then-config-abcdef', {});
    registerSecret('token-then-config-abcdef', { pinned: true });
    for (let index = 0; index < 10_050; index += 1)
      registerSecret(`again${String(index).padStart(6, '0')}-token`);
    expect(redactText('token-then-config-abcdef')).toBe(REDACTED);
    expect(redactText('later000000-token')).toBe('later000000-token');
  });
});
