import crypto from 'node:crypto';
import { signEvent, verifyEventSignature } from './events';

const SECRET = 'events-secret-0123456789';
const BODY = '{"event":"credential.reconnect_required","platform":"x"}';

describe('event signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 as t=<seconds>,v1=<hex>', () => {
    const expected = crypto.createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(signEvent(SECRET, BODY, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature and refuses a changed body, another secret, an old time or garbage', () => {
    const header = signEvent(SECRET, BODY, 1700000000);
    expect(verifyEventSignature(SECRET, BODY, header, 1700000100)).toBe(true);
    expect(verifyEventSignature(SECRET, `${BODY} `, header, 1700000100)).toBe(false);
    expect(verifyEventSignature('another-secret-0123456789', BODY, header, 1700000100)).toBe(false);
    expect(verifyEventSignature(SECRET, BODY, header, 1700000000 + 301)).toBe(false);
    expect(verifyEventSignature(SECRET, BODY, 'v1=abc', 1700000000)).toBe(false);
    expect(verifyEventSignature(SECRET, BODY, undefined)).toBe(false);
  });
});
