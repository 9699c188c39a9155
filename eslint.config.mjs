// Lint config for the whole workspace (typescript-eslint recommended rules, plus the package boundaries of
// STYLE.md habit 13).
import { readdirSync } from 'node:fs';
import { URL } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * What each package's production code may import from the workspace (`@socialvault/<name>`, root entry only).
 * The direction is `mcp-*` → `mcp-kit` → `platforms` → `common`, `broker` → `platforms`, `vault-api`, `common`;
 * `vault-api` (the vault's wire schemas) is a leaf anyone may use. `testkit` is test support: it starts the
 * real vault, simulator and servers, and only tests and scripts import it. A new package must be added here.
 */
const ALLOWED_IMPORTS = {
  common: [],
  'vault-api': [],
  platforms: ['common', 'vault-api'],
  'platform-sim': ['common', 'vault-api'],
  vault: ['common', 'vault-api'],
  'mcp-kit': ['platforms', 'common', 'vault-api'],
  broker: ['platforms', 'common', 'vault-api'],
  testkit: ['mcp-kit', 'platforms', 'platform-sim', 'vault', 'vault-api', 'common'],
};
const MCP_SERVER_IMPORTS = ['mcp-kit', 'platforms', 'common', 'vault-api'];

const PACKAGE_NAMES = readdirSync(new URL('./packages', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const TEST_FILES = ['**/*.test.ts', 'packages/*/test/**'];

/** Relative paths that climb out of a package into another one (`../../vault/src/…`). */
const crossPackageRelative = {
  regex: `^(\\.\\./)+(packages/|(${PACKAGE_NAMES.join('|')})/(src|test)(/|$))`,
  message: "Import another package by its name ('@socialvault/<name>'), not by a relative path.",
};
/**
 * Deep paths into a package; tests may use its test-only entry points, `@socialvault/<name>/test/<file>`.
 * `@socialvault/common/testing` (scratch databases, log capture, the embedded PostgreSQL) is a declared entry of
 * common's package.json for tests, scripts, testkit and the vault's dev fallback, never for production code.
 */
const deepImport = {
  regex: '^@socialvault/[^/]+/',
  message: "Import a package's root ('@socialvault/<name>'): its index.ts is its public API.",
};
const deepImportOrTesting = {
  regex: '^@socialvault/(?!common/testing$)[^/]+/',
  message: "Import a package's root ('@socialvault/<name>') or '@socialvault/common/testing'.",
};
const deepImportInTests = {
  regex: '^@socialvault/(?!common/testing$)[^/]+/(?!test/)',
  message:
    "Import a package's root ('@socialvault/<name>'), '@socialvault/common/testing' or a test-only entry point ('@socialvault/<name>/test/<file>').",
};
/** Production files that may use `@socialvault/common/testing`: test support, and the vault's dev database (loaded lazily). */
const TESTING_ENTRY_USERS = ['packages/testkit/src/**/*.ts', 'packages/vault/src/dev-defaults.ts'];

/** Root tests and scripts reaching into `packages/` by path. */
const rootToPackageRelative = {
  regex: '^(\\.{1,2}/)+packages/',
  message:
    "Import a package by its name ('@socialvault/<name>'; tests also '@socialvault/<name>/test/<file>'), not by a path.",
};

/** The `no-restricted-imports` block of one package's production files. */
function productionBoundary(name) {
  const allowed = name.startsWith('mcp-') && name !== 'mcp-kit' ? MCP_SERVER_IMPORTS : ALLOWED_IMPORTS[name];
  if (!allowed)
    throw new Error(`eslint.config.mjs: add packages/${name} to ALLOWED_IMPORTS (STYLE.md habit 13)`);
  const direction = {
    regex: allowed.length === 0 ? '^@socialvault/' : `^@socialvault/(?!(${allowed.join('|')})(/|$))`,
    message: `Production code of ${name} may import ${allowed.length ? `only ${allowed.join(', ')}` : 'no workspace package'} (STYLE.md habit 13; tests may import more).`,
  };
  return {
    files: [`packages/${name}/**/*.ts`],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': ['error', { patterns: [deepImport, direction, crossPackageRelative] }],
    },
  };
}

/** `productionBoundary` with `@socialvault/common/testing` allowed, for TESTING_ENTRY_USERS. */
function testingEntryBoundary(file) {
  const name = file.split('/')[1];
  const { rules } = productionBoundary(name);
  const [level, { patterns }] = rules['no-restricted-imports'];
  return {
    files: [file],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        level,
        { patterns: patterns.map((pattern) => (pattern === deepImport ? deepImportOrTesting : pattern)) },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.data/**', 'coverage/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        process: 'readonly',
        module: 'writable',
        require: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
      },
    },
    // CommonJS files load modules with require by definition.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node ES modules run without a compile step (scripts/build.mjs).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
  {
    files: ['scripts/**', 'test/**', '**/*.test.ts', 'packages/*/src/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  ...PACKAGE_NAMES.map(productionBoundary),
  ...TESTING_ENTRY_USERS.map(testingEntryBoundary),
  {
    files: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImportInTests, crossPackageRelative] }] },
  },
  {
    files: ['test/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImportInTests, rootToPackageRelative] }] },
  },
  {
    files: ['scripts/**', '*.ts', '*.mjs'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImportOrTesting, rootToPackageRelative] }] },
  },
);
