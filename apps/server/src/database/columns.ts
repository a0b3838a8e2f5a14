import type { ValueTransformer } from 'typeorm';

// Times are stored as epoch milliseconds in a bigint column: one representation on SQLite and
// PostgreSQL, cheap to compare and index. pg returns bigint as a string, hence the transformer.
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** JSON kept as text so both databases store it the same way. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null || value === undefined ? value : JSON.parse(value)),
};

export const bool: ValueTransformer = {
  to: (value: boolean | undefined) => value,
  from: (value: boolean | number | null) => (value === null ? null : Boolean(value)),
};

export const epochMs = bigintNumber;
