module.exports = {
  ...require('../../jest.preset'),
  displayName: 'api',
  testEnvironment: 'node',
};
