import pino from 'pino';

/** One JSON line per request and per run; LOG_LEVEL (default info) chooses how much. */
export const logger = pino({ level: process.env.LOG_LEVEL || 'info', base: { pid: process.pid } });
