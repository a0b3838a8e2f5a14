/** A workflow as far as finding a field's values goes: its nodes' types and data. */
interface UsesInput {
  nodes: ReadonlyArray<{ id: string; type: string; data: unknown }>;
}

const isVarOf = (value: unknown, field: string): boolean => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.length !== 1 || entries[0][0] !== 'var') return false;
  const path = Array.isArray(entries[0][1]) ? entries[0][1][0] : entries[0][1];
  return path === `lead.${field}`;
};

// The strings an operation compares a field with: its literal arguments and the members of a
// literal list (`{"in": [{"var": "lead.tier"}, ["Gold", "Silver"]]}`), when one argument reads the field.
const collectFromCondition = (logic: unknown, field: string, found: Set<string>): void => {
  if (Array.isArray(logic)) {
    for (const item of logic) collectFromCondition(item, field, found);
    return;
  }
  if (typeof logic !== 'object' || logic === null) return;
  for (const args of Object.values(logic)) {
    const list = Array.isArray(args) ? args : [args];
    if (list.some((arg) => isVarOf(arg, field)))
      for (const arg of list) {
        if (typeof arg === 'string') found.add(arg);
        else if (Array.isArray(arg)) for (const item of arg) if (typeof item === 'string') found.add(item);
      }
    collectFromCondition(list, field, found);
  }
};

/**
 * Which of `options` (the choices of the select field `field`) a workflow uses, with the ids of
 * the nodes that use each: an updateField node setting the field to it or rotating it among its
 * values, or a condition (a filter's, a rotation's eligibility) comparing `lead.<field>` with it.
 * For refusing to remove an option a workflow still relies on. Options no node uses are left out.
 */
export function fieldOptionUses(
  workflow: UsesInput,
  field: string,
  options: readonly string[],
): Map<string, string[]> {
  const wanted = new Set(options);
  const uses = new Map<string, string[]>();
  const note = (option: string, nodeId: string) => {
    if (!wanted.has(option)) return;
    const ids = uses.get(option) ?? [];
    if (!ids.includes(nodeId)) ids.push(nodeId);
    uses.set(option, ids);
  };
  for (const node of workflow.nodes) {
    const data = (node.data ?? {}) as Record<string, unknown>;
    if (node.type === 'updateField' && data.field === field) {
      if (typeof data.value === 'string') note(data.value, node.id);
      if (Array.isArray(data.values))
        for (const value of data.values) if (typeof value === 'string') note(value, node.id);
    }
    const found = new Set<string>();
    collectFromCondition(data.condition, field, found);
    const eligibility = data.eligibility as { condition?: unknown } | undefined;
    if (eligibility) collectFromCondition(eligibility.condition, field, found);
    for (const option of found) note(option, node.id);
  }
  return uses;
}
