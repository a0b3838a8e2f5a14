import type { FieldDef } from './fields';
import type { FieldValue } from './schema';
import { describeValue, quoteList } from './problem';

const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

/** Whether `text` is an ISO 8601 date (`2025-03-01`) or date-time (`2025-03-01T09:30:00Z`) of a real day. */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1, 4).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const fits = (value: FieldValue, field: FieldDef): boolean => {
  switch (field.type) {
    case 'text':
    case 'manager':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value);
  }
};

const EXPECTED: Record<FieldDef['type'], (field: FieldDef) => string> = {
  text: () => 'a string',
  manager: () => "a manager's email",
  number: () => 'a number',
  boolean: () => 'true or false',
  date: () => 'an ISO 8601 date such as "2025-03-01" or "2025-03-01T09:30:00Z"',
  select: (field) => `one of ${quoteList(field.options ?? []) || '(no options)'}`,
};

/**
 * Why `value` cannot be stored in `field`, or `null` when it fits. Whether an email names a
 * manager is the caller's question. `null` never fits: the `clear` operation empties a field.
 */
export function valueMismatch(value: FieldValue, field: FieldDef): string | null {
  if (fits(value, field)) return null;
  return `must be ${EXPECTED[field.type](field)} for the field "${field.key}", not ${describeValue(value)}`;
}
