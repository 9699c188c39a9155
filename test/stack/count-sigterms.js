// A stand-in service for supervisor.test.ts (plain JavaScript: the supervisor runs `node <entry>`): appends one
// line to SIGNAL_LOG per SIGTERM, exits 300 ms after the first.
const fs = require('node:fs');

const logFile = process.env.SIGNAL_LOG;
fs.writeFileSync(logFile, 'started\n');
let exiting = false;
process.on('SIGTERM', () => {
  fs.appendFileSync(logFile, 'SIGTERM\n');
  if (exiting) return;
  exiting = true;
  setTimeout(() => process.exit(0), 300);
});
setInterval(() => undefined, 1_000);
