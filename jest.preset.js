// Shared jest settings: swc transforms TypeScript (types are checked by `npm run check`),
// and workspace packages resolve to their sources so tests need no build first.
const path = require('node:path');

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', swc] },
  // NestJS 12 ships ESM only; let swc turn it into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@xyflow|@fastify|uuid|content-disposition)/)'],
  moduleNameMapper: {
    '^@leadflow/workflow$': path.join(__dirname, 'packages/workflow/src/index.ts'),
    '^@leadflow/api$': path.join(__dirname, 'packages/api/src/index.ts'),
    '^@leadflow/engine$': path.join(__dirname, 'packages/engine/src/index.ts'),
    '^@leadflow/test-support$': path.join(__dirname, 'packages/test-support/src/index.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
