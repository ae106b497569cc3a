// @ts-check
/**
 * Lint rules, including the dependency directions of DESIGN.md §2, enforced here rather than by hope:
 * 1. domain imports nothing of ours; 2. only device/db* imports dexie; 3. only device/sync* talks to
 * the server (no fetch elsewhere in the client); 4. sw never imports app; 5. server never imports
 * app or device; 6. app reaches data through device, never device/db* directly.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ours = {
  app: { group: ['**/app/*', '**/app/**'], message: 'Only src/app may import src/app (DESIGN.md §2).' },
  device: { group: ['**/device/*', '**/device/**'], message: 'Only app and sw may import src/device (DESIGN.md §2).' },
  deviceDb: {
    group: ['**/device/db', '**/device/db*'],
    message: 'Screens reach data through device repositories and hooks, not the Dexie database (DESIGN.md §2).',
  },
  server: { group: ['**/server/*', '**/server/**'], message: 'Client code must not import the server (DESIGN.md §2).' },
  dexie: {
    group: ['dexie', 'dexie/*', 'dexie-react-hooks'],
    message: 'Only src/device/db*.ts imports dexie (DESIGN.md §2).',
  },
  react: { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'No React outside src/app.' },
  io: {
    group: ['node:*', 'fastify', 'kysely', 'pg', 'better-sqlite3'],
    message: 'src/domain is pure: no IO (DESIGN.md §2).',
  },
};

/** @param {Array<{group: string[], message: string}>} patterns */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const noFetch = {
  'no-restricted-globals': [
    'error',
    { name: 'fetch', message: 'Only src/device/sync*.ts talks to the server (DESIGN.md §2).' },
    { name: 'XMLHttpRequest', message: 'Only src/device/sync*.ts talks to the server (DESIGN.md §2).' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '.tmp/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/consistent-type-assertions': [
        'error',
        { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/app/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...noFetch, ...restrict(ours.server, ours.dexie, ours.deviceDb) },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(ours.app, ours.device, ours.server, ours.dexie, ours.react, ours.io),
  },
  {
    files: ['src/device/**/*.ts'],
    ignores: ['src/device/db*.ts', 'src/device/**/*.test.ts'],
    rules: restrict(ours.app, ours.server, ours.dexie, ours.react),
  },
  { files: ['src/device/db*.ts'], rules: restrict(ours.app, ours.server, ours.react) },
  { files: ['src/device/**/*.ts'], ignores: ['src/device/sync*.ts', 'src/device/**/*.test.ts'], rules: noFetch },
  { files: ['sw/**/*.ts'], rules: { ...restrict(ours.app, ours.server, ours.dexie, ours.react), ...noFetch } },
  { files: ['src/server/**/*.ts'], rules: restrict(ours.app, ours.device, ours.dexie, ours.react) },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
