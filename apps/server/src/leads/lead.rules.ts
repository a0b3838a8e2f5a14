import { formatPath, previewValue, valueMismatch, type FieldDef, type FieldValue } from '@leadflow/workflow';
import type { LeadEvent } from '@leadflow/engine';
import type { Issue } from '../common/api-error';

/** Why `value` does not fit `field`, or null when it does. `null` always fits: it clears the field. */
export function fieldValueProblem(
  field: FieldDef,
  value: unknown,
  isManagerEmail: (email: string) => boolean,
): string | null {
  if (value === null) return null;
  if (typeof value === 'object' || value === undefined)
    return `must be ${field.type === 'manager' ? "a manager's email or null" : 'a single value'}`;
  const mismatch = valueMismatch(value as FieldValue, field);
  if (mismatch) return mismatch;
  if (field.type === 'manager' && !isManagerEmail(value as string))
    return `${previewValue(value)} is not a manager of this installation`;
  if (typeof value === 'string' && value.length > 10_000) return 'must be at most 10,000 characters';
  return null;
}

/** Every problem of a lead's `fields` object, each with its path (`fields.dealValue`). */
export function checkLeadFields(
  fields: Record<string, unknown>,
  lookup: (key: string) => FieldDef | undefined,
  isManagerEmail: (email: string) => boolean,
): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const field = lookup(key);
    if (!field) {
      issues.push({
        code: 'unknown_field',
        path: formatPath([key], 'fields', 'dotted'),
        message: `unknown field ${previewValue(key)} (GET /api/fields lists the fields)`,
      });
      continue;
    }
    const problem = fieldValueProblem(field, value, isManagerEmail);
    if (problem)
      issues.push({
        code: 'invalid_field_value',
        path: formatPath([key], 'fields', 'dotted'),
        message: problem,
      });
  }
  return issues;
}

/** The fields that a write changes: one `lead.fieldUpdated` each, none for unchanged values. */
export function fieldChanges(
  before: Record<string, FieldValue>,
  patch: Record<string, FieldValue>,
): LeadEvent[] {
  const events: LeadEvent[] = [];
  for (const [field, to] of Object.entries(patch)) {
    const from = before[field] ?? null;
    if (from !== to) events.push({ type: 'lead.fieldUpdated', field, from, to });
  }
  return events;
}

/** Applies a patch; null removes a field (the API shows it as unset). */
export function applyPatch(
  fields: Record<string, FieldValue>,
  patch: Record<string, FieldValue>,
): Record<string, FieldValue> {
  const next = { ...fields };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
