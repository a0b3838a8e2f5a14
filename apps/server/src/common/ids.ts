import { v7 } from 'uuid';

/** Time-ordered ids (UUID v7, monotonic within a process): sorting by id is sorting by creation. */
export const newId = (): string => v7();
