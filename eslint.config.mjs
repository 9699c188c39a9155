// Lint config for the whole workspace (typescript-eslint recommended rules).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
