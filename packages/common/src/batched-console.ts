// A winston transport that writes log lines to stdout/stderr in batches, after the turn of the event loop that
// logged them, so a request never waits on the terminal or the log file; what is pending is written at exit.
import type winston from 'winston';
import TransportStream from 'winston-transport';

/** winston's key of the formatted line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

/** Lines not yet written, per stream, in the order they were logged (shared by every logger of the process). */
const pending: { stdout: string[]; stderr: string[] } = { stdout: [], stderr: [] };
let scheduled = false;

/**
 * Writes every pending line now, one write per stream. Synchronous where Node's stdout/stderr are (files
 * and pipes on Linux, every TTY on POSIX), which is why it runs on `exit` and nothing logged before is lost.
 */
export function flushLogLines(): void {
  scheduled = false;
  for (const name of ['stdout', 'stderr'] as const) {
    const lines = pending[name];
    if (lines.length === 0) continue;
    pending[name] = [];
    process[name].write(lines.join(''));
  }
}

// `exit` listeners run on process.exit() and when the loop empties (also after an uncaught exception):
// the last lines, such as the one stopOnSignals writes before exiting, are written there.
process.on('exit', flushLogLines);

/** Options of a BatchedConsoleTransport: the levels written to stderr (the others go to stdout). */
export interface BatchedConsoleOptions {
  stderrLevels: string[];
  silent?: boolean;
}

/**
 * Console output of the loggers, batched: each formatted line is queued and the queue is written with one
 * write per stream at `setImmediate` (after the I/O callbacks of the current turn, such as the answer to the
 * request that logged). Order is kept within each stream. Lines queued when the process is killed with
 * SIGKILL are lost; on SIGTERM/SIGINT handled by `stopOnSignals`, on process.exit() and on a crash they are
 * written by the `exit` listener.
 */
export class BatchedConsoleTransport extends TransportStream {
  private readonly stderrLevels: Set<string>;

  constructor(options: BatchedConsoleOptions) {
    super({ silent: options.silent });
    this.stderrLevels = new Set(options.stderrLevels);
  }

  override log(info: winston.Logform.TransformableInfo, callback: () => void): void {
    const stream = this.stderrLevels.has(String(info.level)) ? 'stderr' : 'stdout';
    pending[stream].push(`${String((info as Record<symbol, unknown>)[MESSAGE])}\n`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flushLogLines);
    }
    callback();
  }
}
