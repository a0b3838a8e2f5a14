import { previewValue } from './problem';

export const FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'select', 'manager'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A lead field as `GET /api/fields` describes it. `options` lists the choices of a `select` field. */
export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  options?: string[];
}

/** The fields every installation has (api.md, Fields). */
export const BUILT_IN_FIELDS: readonly FieldDef[] = [
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'email', label: 'Email', type: 'text' },
  { key: 'phone', label: 'Phone', type: 'text' },
  { key: 'company', label: 'Company', type: 'text' },
  { key: 'country', label: 'Country', type: 'text' },
  { key: 'industry', label: 'Industry', type: 'text' },
  { key: 'source', label: 'Source', type: 'text' },
  { key: 'product', label: 'Product', type: 'text' },
  { key: 'status', label: 'Status', type: 'text' },
  { key: 'dealValue', label: 'Deal value', type: 'number' },
  { key: 'score', label: 'Score', type: 'number' },
  { key: 'manager', label: 'Manager', type: 'manager' },
];

/** How a field key is spelled: a lower-case letter, then up to 39 letters, digits or `_`. */
export const FIELD_KEY_PATTERN = /^[a-z][A-Za-z0-9_]{0,39}$/;

/**
 * Keys no field may have: JSONLogic data reads `lead.id` and `lead.tags` beside the fields, and
 * every JavaScript object already has the others.
 */
export const RESERVED_FIELD_KEYS: readonly string[] = [
  'id',
  'tags',
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
];

const reserved = new Set(RESERVED_FIELD_KEYS);

/**
 * Why `key` cannot name a field, or `null` when it can. Built-in keys pass: a caller that adds
 * custom fields refuses those as duplicates.
 */
export function validateFieldKey(key: string): string | null {
  if (reserved.has(key)) return `${previewValue(key)} is reserved and cannot name a field`;
  if (!FIELD_KEY_PATTERN.test(key)) {
    return `${previewValue(key)} is not a field key: it starts with a lower-case letter, followed by at most 39 letters, digits or "_"`;
  }
  return null;
}
