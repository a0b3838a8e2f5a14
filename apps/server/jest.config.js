module.exports = {
  ...require('../../jest.preset'),
  displayName: 'server',
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  testTimeout: 30000,
};
