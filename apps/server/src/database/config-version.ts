/** Bumped by every config write in its transaction; a process whose caches were loaded at an older version reloads them. */
export const BUMP_CONFIG_VERSION = 'UPDATE config_state SET version = version + 1 WHERE id = 1';
export const READ_CONFIG_VERSION = 'SELECT version FROM config_state WHERE id = 1';
/** A write that changes nothing: readiness stores it to learn whether writes are stored again (see StoreHealth). */
export const PROBE_WRITE = 'UPDATE config_state SET version = version WHERE id = 1';
