import { z } from 'zod';
import { parseTrustProxy, trustProxyField } from './trust-proxy';

describe('parseTrustProxy', () => {
  it.each([
    ['', false],
    ['  ', false],
    ['0', false],
    ['1', 1],
    [' 2 ', 2],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['loopback,,uniquelocal', ['loopback', 'uniquelocal']],
    ['::1, fd00::/8', ['::1', 'fd00::/8']],
  ])('reads %j as %j', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['true', 'TRUE', 'false'])('refuses %j, which would trust every hop or say nothing', (value) => {
    expect(() => parseTrustProxy(value)).toThrow('not true/false');
  });

  it.each([
    ['10.0.0.0/8, proxy.internal', 'entry "proxy.internal" is not an IP address'],
    ['10.0.0.0/33', 'entry "10.0.0.0/33"'],
    ['1.5', 'entry "1.5"'],
  ])('names the bad entry of %j', (value, message) => {
    expect(() => parseTrustProxy(value)).toThrow(message);
  });
});

describe('trustProxyField', () => {
  const schema = z.object({ TRUST: trustProxyField });

  it('is false when unset or empty', () => {
    expect(schema.parse({}).TRUST).toBe(false);
    expect(schema.parse({ TRUST: '' }).TRUST).toBe(false);
  });

  it('reports a bad entry as an issue on the variable', () => {
    const result = schema.safeParse({ TRUST: 'loopback, nonsense' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['TRUST'],
      message: expect.stringContaining('"nonsense"'),
    });
  });
});
