// Tests read the server's answers, not its logs.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL || 'silent';
