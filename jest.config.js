module.exports = {
  projects: ['<rootDir>/packages/workflow', '<rootDir>/packages/engine', '<rootDir>/apps/server', '<rootDir>/apps/editor'],
};
