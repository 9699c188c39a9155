// The batched console transport: lines wait for the end of the turn, then go out in one write per stream.
import { BatchedConsoleTransport } from './batched-console';

const MESSAGE = Symbol.for('message');
const info = (level: string, line: string) => ({ level, message: line, [MESSAGE]: line });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchedConsoleTransport', () => {
  it('writes nothing during the turn, then each stream once with its lines in order', async () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const transport = new BatchedConsoleTransport({ stderrLevels: ['error', 'warn'] });
      const done = jest.fn();
      transport.log(info('info', '{"n":1}'), done);
      transport.log(info('warn', '{"n":2}'), done);
      transport.log(info('info', '{"n":3}'), done);
      expect(done).toHaveBeenCalledTimes(3);
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
      await nextTurn();
      expect(stdout.mock.calls).toEqual([['{"n":1}\n{"n":3}\n']]);
      expect(stderr.mock.calls).toEqual([['{"n":2}\n']]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
