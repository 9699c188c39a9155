// `pnpm n8n:import`: imports the rendered workflows (n8n/build/) into n8n, one `n8n import:workflow` call per file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RENDERED_WORKFLOWS_DIR } from './render';

const USAGE = `Usage: pnpm n8n:import [--dir DIR] [--n8n-command "CMD"] [--container-dir DIR]

Imports every *.json of DIR (default n8n/build/, written by \`pnpm nocodb:bootstrap\`) into n8n with one
\`n8n import:workflow --input=<file>\` call per file. (One call for all files, --separate, rolls back on a
fresh n8n: the files share a new tag, and n8n tries to create it once per file.)

Before importing, create the credentials the workflows name (n8n/README.md): n8n links a node to a
credential by name only while importing. Importing replaces the workflows of the same ids and leaves them
inactive: activate workflows 1, 2 and 4 again afterwards.

  --n8n-command   how to run n8n's CLI (default "docker compose exec -T n8n n8n": the compose service)
  --container-dir where DIR is inside that container (default /socialvault/n8n/build, the read-only mount
                  of ./n8n); with a --n8n-command other than the default, files are passed by their own path`;

const DOCKER_COMMAND = 'docker compose exec -T n8n n8n';

/** The workflow files of `dir`, sorted by name (1-…, 2-…). */
export function workflowFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
}

/**
 * The argv of each import call: `<command> import:workflow --input=<file>`, one per file, with the file's
 * path as the n8n process sees it (inside the container, or on this machine).
 */
export function importCommands(
  files: string[],
  options: { dir: string; command: string; containerDir: string | null },
): string[][] {
  const command = options.command.split(/\s+/).filter(Boolean);
  return files.map((file) => [
    ...command,
    'import:workflow',
    `--input=${options.containerDir ? path.posix.join(options.containerDir, file) : path.resolve(options.dir, file)}`,
  ]);
}

function main(): number {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: RENDERED_WORKFLOWS_DIR },
      'n8n-command': { type: 'string', default: DOCKER_COMMAND },
      'container-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dir = path.resolve(values.dir);
  const files = fs.existsSync(dir) ? workflowFiles(dir) : [];
  if (files.length === 0) {
    console.error(`No workflows in ${dir}: run \`pnpm nocodb:bootstrap\` first (it writes them there).`);
    return 1;
  }
  const command = values['n8n-command'];
  const containerDir =
    values['container-dir'] ?? (command === DOCKER_COMMAND ? '/socialvault/n8n/build' : null);
  for (const [program, ...args] of importCommands(files, { dir, command, containerDir })) {
    console.log(`$ ${[program, ...args].join(' ')}`);
    execFileSync(program!, args, { stdio: 'inherit' });
  }
  console.log(
    `Imported ${files.length} workflows. They are inactive now: activate 1, 2 and 4 in n8n (the Active toggle).`,
  );
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (error) {
    console.error(`n8n:import failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
