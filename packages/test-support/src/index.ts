// Test support for the harnesses (server e2e suites, the editor's browser tests, perf and bench
// scripts): plain node, no framework, and no import of any app (it starts their builds by path).
export { waitFor, WaitTimeout, type WaitOptions } from './wait';
export {
  freePort,
  KILL_AFTER_MS,
  ServerExited,
  ServerProcess,
  settled,
  START_TIMEOUT_MS,
  TempSqliteServerProcess,
  type ServerProcessOptions,
} from './server-process';
