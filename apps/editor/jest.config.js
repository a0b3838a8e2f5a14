const path = require('node:path');
const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'editor',
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: [path.join(__dirname, 'test/setup.ts')],
  transformIgnorePatterns: ['/node_modules/(?!(@xyflow|zustand|react-querybuilder|@react-querybuilder)/)'],
  moduleNameMapper: { ...preset.moduleNameMapper, '\\.css$': path.join(__dirname, 'test/style-stub.js') },
};
