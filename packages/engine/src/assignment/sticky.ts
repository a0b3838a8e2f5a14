import { normalizeManagerValue, type FieldValue } from '@leadflow/workflow';
import type { Lead, RunPorts } from '../types';

export type StickyBy = 'company' | 'emailDomain';

/**
 * The account of a lead, the one rule for sticky assignment and for the account columns a server
 * stores: with `company`, its company trimmed and lower-cased; with `emailDomain`, the part of its
 * email after the last `@`, trimmed and lower-cased (`"@acme.com"` is still the account
 * `acme.com`). Null when the lead has none (no such field, not text, or nothing left).
 */
export function accountKey(by: StickyBy, lead: Pick<Lead, 'fields'>): string | null {
  if (by === 'company') {
    const company = lead.fields.company;
    const key = typeof company === 'string' ? company.trim().toLowerCase() : '';
    return key || null;
  }
  const email = lead.fields.email;
  if (typeof email !== 'string' || !email.includes('@')) return null;
  return (
    email
      .slice(email.lastIndexOf('@') + 1)
      .trim()
      .toLowerCase() || null
  );
}

/**
 * The manager of the newest other lead of the account that may be given (on the list and
 * eligible), or null.
 */
export function stickyManager(input: {
  by: StickyBy;
  lead: Lead;
  ports: RunPorts;
  mayGive: (value: FieldValue) => boolean;
}): { value: string; key: string } | null {
  const key = accountKey(input.by, input.lead);
  if (!key) return null;
  for (const email of input.ports.accountManagers(input.by, key, input.lead.id)) {
    if (typeof email !== 'string') continue;
    const value = normalizeManagerValue(email);
    if (input.mayGive(value)) return { value, key };
  }
  return null;
}
