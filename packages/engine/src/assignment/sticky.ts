import type { FieldValue } from '@leadflow/workflow';
import type { Lead, RunPorts } from '../types';

export type StickyBy = 'company' | 'emailDomain';

/** The account of a lead: its company trimmed and lower-cased, or the part of its email after `@`; null when it has none. */
export function accountKey(by: StickyBy, lead: Lead): string | null {
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
    const value = email.trim().toLowerCase();
    if (input.mayGive(value)) return { value, key };
  }
  return null;
}
