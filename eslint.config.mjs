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
        { group: ['@nestjs/*', 'typeorm', 'better-sqlite3', 'pg', 'bullmq', 'ioredis', 'react', 'react-dom', '@xyflow/*'], message: 'packages/ stay framework- and database-free.' },
        { group: ['fs', 'fs/*', 'node:fs', 'node:fs/*', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process', 'dgram', 'node:dgram', 'worker_threads', 'node:worker_threads'], message: 'packages/ do no I/O: the caller passes data in.' },
      ],
    },
  ],
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
    ignores: ['**/*.spec.ts', '**/*.test.ts'],
    rules: pureImports,
  },
  {
    files: ['apps/editor/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
