import { managerEmailsOf } from './manager-emails';
import type { WorkflowFile } from './schema';

describe('managerEmailsOf', () => {
  it('gives the emails a workflow sets or rotates on the manager field, lower-cased, and nothing else', () => {
    const file = {
      format: 'leadflow.workflow/v1',
      name: 'w',
      nodes: [
        { id: 't', type: 'trigger', data: { trigger: 'lead.created' } },
        {
          id: 'rr',
          type: 'updateField',
          data: {
            field: 'manager',
            operation: 'replaceWithOneOf',
            strategy: 'roundRobin',
            values: ['Ada@Example.com', 'bo@example.com'],
          },
        },
        {
          id: 's',
          type: 'updateField',
          data: { field: 'manager', operation: 'set', value: 'Cy@example.com' },
        },
        {
          id: 'o',
          type: 'updateField',
          data: { field: 'status', operation: 'set', value: 'dee@example.com' },
        },
      ],
      edges: [],
    } as unknown as WorkflowFile;
    expect([...managerEmailsOf(file)].sort()).toEqual([
      'ada@example.com',
      'bo@example.com',
      'cy@example.com',
    ]);
  });
});
