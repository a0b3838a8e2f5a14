import { BUILT_IN_FIELDS, type FieldDef } from './fields';
import type { FieldValue } from './schema';

/**
 * What an installation knows that a file does not: its fields (custom ones; the built-in fields
 * are always known) and its managers' emails. A check runs only when its part is given: with
 * `fields`, unknown fields are refused and values must fit their field; with `managerEmails`,
 * every email given to the manager field must name a manager (compared without regard to case).
 */
export interface WorkflowContext {
  fields?: readonly FieldDef[];
  managerEmails?: Iterable<string>;
}

/** Emails are stored lower-case and compared without regard to case (api.md, Managers). */
export const normalizeEmail = (email: string): string => email.toLowerCase();

/**
 * A value of the `manager` field as routing compares it: an email trimmed, then as
 * `normalizeEmail` (lower-case); any other value unchanged. The engine gives and compares managers
 * by this form, and the editor matches run steps to managers by it.
 */
export function normalizeManagerValue(value: string): string;
export function normalizeManagerValue(value: FieldValue): FieldValue;
export function normalizeManagerValue(value: FieldValue): FieldValue {
  return typeof value === 'string' ? normalizeEmail(value.trim()) : value;
}

/** A context ready for look-ups. */
export interface ResolvedContext {
  fields?: ReadonlyMap<string, FieldDef>;
  managerEmails?: ReadonlySet<string>;
}

/** Indexes a context once per parse. */
export function resolveContext(context: WorkflowContext): ResolvedContext {
  const resolved: { fields?: Map<string, FieldDef>; managerEmails?: Set<string> } = {};
  if (context.fields) {
    resolved.fields = new Map(context.fields.map((field) => [field.key, field]));
    // Built-in fields keep their definition whatever the caller passes.
    for (const field of BUILT_IN_FIELDS) resolved.fields.set(field.key, field);
  }
  if (context.managerEmails) {
    resolved.managerEmails = new Set([...context.managerEmails].map(normalizeEmail));
  }
  return resolved;
}
