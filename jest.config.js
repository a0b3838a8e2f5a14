module.exports = {
  projects: [
    '<rootDir>/packages/workflow',
    '<rootDir>/packages/api',
    '<rootDir>/packages/engine',
    '<rootDir>/packages/test-support',
    '<rootDir>/apps/server',
    '<rootDir>/apps/editor',
  ],
  // End-to-end suites start real servers and browsers; speed is measured by benchmarks, not here.
  testTimeout: 30000,
};
