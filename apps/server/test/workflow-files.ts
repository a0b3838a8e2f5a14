/** A minimal round-robin workflow over the given emails. */
export function roundRobin(values: string[], name = 'Round robin'): Record<string, unknown> {
  return {
    format: 'leadflow.workflow/v1',
    name,
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      {
        id: 'assign',
        type: 'updateField',
        data: { field: 'manager', operation: 'replaceWithOneOf', values, strategy: 'roundRobin' },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'assign' }],
  };
}
