// The shared logger's line: one JSON object, keys sorted, bigints as strings, secrets redacted.
import { createLogger } from './logger';
import { registerSecret } from './redact';
import { captureLogs } from './testing/capture-logs';

describe('createLogger', () => {
  it('writes one JSON line with sorted keys, the service, the module and a timestamp', () => {
    const capture = captureLogs();
    try {
      createLogger('vault', 'logger-test').info('[Token Access] svc instagram:1', { zeta: 1, alpha: 2n });
    } finally {
      capture.stop();
    }
    expect(capture.lines).toHaveLength(1);
    const line = JSON.parse(capture.lines[0]!) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual([...Object.keys(line)].sort());
    expect(line).toMatchObject({
      level: 'info',
      message: '[Token Access] svc instagram:1',
      service: 'vault',
      module: 'logger-test',
      zeta: 1,
      alpha: '2',
    });
    expect(typeof line.timestamp).toBe('string');
  });

  it('redacts a registered secret in the message and in every field', () => {
    const secret = 'EAAB-logger-test-secret-0123456789';
    registerSecret(secret);
    const capture = captureLogs();
    try {
      createLogger('vault', 'logger-test').info(`served ${secret}`, { detail: { note: `was ${secret}` } });
    } finally {
      capture.stop();
    }
    expect(capture.lines.join('')).not.toContain(secret);
    expect(capture.lines).toHaveLength(1);
  });
});
