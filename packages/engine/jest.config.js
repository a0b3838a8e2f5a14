module.exports = {
  ...require('../../jest.preset'),
  displayName: 'engine',
  testEnvironment: 'node',
};
