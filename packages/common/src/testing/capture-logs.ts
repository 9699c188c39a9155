// Collects what every logger writes, so a test can assert on log lines (and that no secret reached one).
import { Writable } from 'node:stream';
import winston from 'winston';
import { attachToEveryLogger } from '../logger';

/**
 * Collects every JSON line written by any logger (existing and future) until `stop()`.
 * @example const capture = captureLogs(); …; expect(capture.lines.join('')).not.toContain(token);
 */
export function captureLogs(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const transport = new winston.transports.Stream({ stream: sink });
  // Every logger pipes into this one transport, so it legitimately has one listener set per logger.
  transport.setMaxListeners(0);
  return { lines, stop: attachToEveryLogger(transport) };
}
