module.exports = {
  ...require('../../jest.preset'),
  displayName: 'server',
  testEnvironment: 'node',
};
