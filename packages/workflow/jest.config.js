module.exports = {
  ...require('../../jest.preset'),
  displayName: 'workflow',
  testEnvironment: 'node',
};
