// A stand-in service for supervisor.test.ts: appends one line to SIGNAL_LOG per SIGTERM, exits 300 ms after the first.
import fs from 'node:fs';

const logFile = process.env.SIGNAL_LOG as string;
fs.writeFileSync(logFile, 'started\n');
let exiting = false;
process.on('SIGTERM', () => {
  fs.appendFileSync(logFile, 'SIGTERM\n');
  if (exiting) return;
  exiting = true;
  setTimeout(() => process.exit(0), 300);
});
setInterval(() => undefined, 1_000);
