// Child process of batched-console.int.test.ts: batched console logs, LINES lines logged while SIGTERM arrives.
import { batchConsoleLogs, createLogger, registerSecret, stopOnSignals } from '../src';

const log = createLogger('batched-test', 'child');
batchConsoleLogs();
const secret = process.env.TEST_SECRET!;
const lines = Number(process.env.LINES);
registerSecret(secret);

stopOnSignals(log, {
  stopping: 'logging the last lines',
  stopped: 'child stopped',
  stop: async () => {
    log.info(`during stop with ${secret}`, { access_token: secret });
  },
});
// Holds the process until the SIGTERM handler exits it.
setTimeout(() => undefined, 30_000);
// Half the lines in the turn that signals, half after the signal was sent: none may be lost.
for (let index = 0; index < lines / 2; index += 1) log.info(`line ${index} token ${secret}`);
process.kill(process.pid, 'SIGTERM');
for (let index = lines / 2; index < lines; index += 1)
  log.warn(`line ${index}`, { detail: `Bearer ${secret}` });
