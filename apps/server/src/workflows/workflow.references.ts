import type { EntityManager } from 'typeorm';
import { normalizeEmail, type WorkflowFile } from '@leadflow/workflow';
import type { Sql } from '../database/sql';

/** The managers' emails a workflow names (the values of its manager-field nodes). */
export function managerEmailsOf(definition: WorkflowFile): Set<string> {
  const emails = new Set<string>();
  for (const node of definition.nodes) {
    if (node.type !== 'updateField' || node.data.field !== 'manager') continue;
    if (node.data.operation === 'replaceWithOneOf') {
      for (const value of node.data.values) if (typeof value === 'string') emails.add(normalizeEmail(value));
    } else if (node.data.operation === 'set' && typeof node.data.value === 'string') {
      emails.add(normalizeEmail(node.data.value));
    }
  }
  return emails;
}

/** The workflows whose latest version names this manager. */
export async function workflowsNaming(
  sql: Sql,
  email: string,
  em?: EntityManager,
): Promise<Array<{ id: string; name: string }>> {
  const rows = await sql.query<{ id: string; name: string; definition: string }>(
    `SELECT w.id, w.name, v.definition FROM workflows w
     JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version`,
    [],
    em,
  );
  const needle = normalizeEmail(email);
  return rows
    .filter(
      (row) =>
        row.definition.toLowerCase().includes(needle) &&
        managerEmailsOf(JSON.parse(row.definition)).has(needle),
    )
    .map(({ id, name }) => ({ id, name }));
}
