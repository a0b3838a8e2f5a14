import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The format, the engine and the API contract are pure packages: any process (server, worker,
// editor, benchmark) runs them, so they may not reach for a framework, a database or I/O.
const FRAMEWORKS = {
  group: [
    '@nestjs/*',
    'typeorm',
    'better-sqlite3',
    'pg',
    'bullmq',
    'ioredis',
    'react',
    'react-dom',
    '@xyflow/*',
  ],
  message: 'packages/ stay framework- and database-free.',
};
const IO = {
  group: [
    'fs',
    'fs/*',
    'node:fs',
    'node:fs/*',
    'net',
    'node:net',
    'http',
    'node:http',
    'https',
    'node:https',
    'child_process',
    'node:child_process',
    'dgram',
    'node:dgram',
    'worker_threads',
    'node:worker_threads',
  ],
  message: 'packages/ do no I/O: the caller passes data in.',
};

// Import boundaries (docs/architecture.md): packages never import apps; the format package never
// imports the engine or the API contract (they build on it); the API contract never imports the
// engine; the editor never imports server code; product code never imports test support.
const APPS = {
  group: [
    '@leadflow/server',
    '@leadflow/server/*',
    '@leadflow/editor',
    '@leadflow/editor/*',
    '@leadflow/bench',
    '**/apps/**',
  ],
  message: 'packages/ never import apps/.',
};
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: [FRAMEWORKS, IO, APPS, ...patterns] }],
});
// Test support (starting server processes, waiting) is for tests, benchmarks and scripts only.
const TEST_SUPPORT = {
  group: ['@leadflow/test-support', '**/test-support/src/**'],
  message: 'product code never imports test support.',
};
const TEST_FILES = ['**/*.spec.ts', '**/*.test.ts', '**/*.spec.tsx', '**/*.test.tsx'];
// The editor's browser tests start the built server through test support, never its code.
const SERVER = {
  group: ['@leadflow/server', '@leadflow/server/*', '**/server/src/**'],
  message: 'the editor is a client of the API: types from @leadflow/api, never server code.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'data/**', '**/*.js', '!scripts/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: [...TEST_FILES, 'packages/test-support/**'],
    rules: restrict(TEST_SUPPORT),
  },
  {
    // Starting processes and asking them over HTTP is this package's job, so it does I/O; it stays
    // framework-free and imports no app (it starts their builds by path).
    files: ['packages/test-support/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FRAMEWORKS, APPS] }] },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_SUPPORT] }] },
  },
  {
    files: ['packages/workflow/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict(TEST_SUPPORT, {
      group: ['@leadflow/engine', '@leadflow/api', '**/engine/src/**', '**/api/src/**'],
      message:
        'the format package is the base: the engine and the API contract build on it, not the reverse.',
    }),
  },
  {
    files: ['packages/api/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: restrict(TEST_SUPPORT, {
      group: ['@leadflow/engine', '**/engine/src/**'],
      message: 'the API contract depends on zod and the format package only.',
    }),
  },
  {
    files: ['apps/editor/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER] }] },
  },
  {
    files: ['apps/editor/src/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER, TEST_SUPPORT] }] },
  },
);
