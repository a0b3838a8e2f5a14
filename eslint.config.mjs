import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The format and the engine are pure packages: any process (server, worker, editor,
// benchmark) runs them, so they may not reach for a framework, a database or I/O.
const pureImports = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
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
        },
        {
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
        },
      ],
    },
  ],
};

// Import boundaries (docs/architecture.md): packages never import apps; the format package never
// imports the engine or the API contract (they build on it); the API contract never imports the
// engine; the editor never imports server code.
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
  'no-restricted-imports': [
    'error',
    { patterns: [...pureImports['no-restricted-imports'][1].patterns, APPS, ...patterns] },
  ],
});

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
    ignores: ['**/*.spec.ts', '**/*.test.ts'],
    rules: restrict(),
  },
  {
    files: ['packages/workflow/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.test.ts'],
    rules: restrict({
      group: ['@leadflow/engine', '@leadflow/api', '**/engine/src/**', '**/api/src/**'],
      message:
        'the format package is the base: the engine and the API contract build on it, not the reverse.',
    }),
  },
  {
    files: ['packages/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.test.ts'],
    rules: restrict({
      group: ['@leadflow/engine', '**/engine/src/**'],
      message: 'the API contract depends on zod and the format package only.',
    }),
  },
  {
    files: ['apps/editor/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@leadflow/server', '@leadflow/server/*', '**/server/src/**'],
              message: 'the editor is a client of the API: types from @leadflow/api, never server code.',
            },
          ],
        },
      ],
    },
  },
);
