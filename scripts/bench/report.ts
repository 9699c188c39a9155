// The bench's one table (plain text for the terminal, Markdown for the README) and bench/results.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line of the table: what was measured, against what, and whether the target is met. */
export interface ReportRow {
  measurement: string;
  subject: string;
  result: string;
  baseline: string;
  comparison: string;
  target: string;
  /** true/false when there is a target, undefined when the row only reports. */
  met?: boolean;
}

const COLUMNS: [keyof ReportRow, string][] = [
  ['measurement', 'measurement'],
  ['subject', 'subject'],
  ['result', 'result'],
  ['baseline', 'baseline'],
  ['comparison', 'vs baseline'],
  ['target', 'target'],
  ['met', 'met'],
];

const cell = (row: ReportRow, key: keyof ReportRow): string =>
  key === 'met' ? (row.met === undefined ? '' : row.met ? 'yes' : 'NO') : String(row[key] ?? '');

/** The rows as an aligned plain-text table. */
export function textTable(rows: ReportRow[]): string {
  const widths = COLUMNS.map(([key, title]) =>
    Math.max(title.length, ...rows.map((row) => cell(row, key).length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index]!))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map(([, title]) => title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(COLUMNS.map(([key]) => cell(row, key)))),
  ].join('\n');
}

/** The rows as a Markdown table (for the README's Performance section). */
export function markdownTable(rows: ReportRow[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `| ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${COLUMNS.map(([key]) => escape(cell(row, key))).join(' | ')} |`),
  ].join('\n');
}

/** Facts about the run that make its numbers comparable. */
export function machineInfo(): Record<string, unknown> {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(os.totalmem() / 1024 ** 3),
    load_average_1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

/** Writes `results` as two-space-indented JSON to `file` (directories created); `.prettierignore` lists it. */
export function writeResults(file: string, results: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** `1234.5` → `1,235`. */
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');
/** Milliseconds with two decimals. */
export const ms = (value: number): string => `${value.toFixed(2)} ms`;
