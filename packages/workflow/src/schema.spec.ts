import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeSchema, workflowSchema, type NodeOf, type WorkflowFile } from './schema';

const example = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../../examples', `${name}.workflow.json`), 'utf8'));

describe('workflowSchema', () => {
  it('reads a whole example', () => {
    const parsed: WorkflowFile = workflowSchema.parse(example('by-location'));
    expect(parsed.nodes).toHaveLength(6);
  });

  it('refuses unknown keys on every object rather than dropping them', () => {
    const file = example('round-robin') as { extra?: number; edges: Array<Record<string, unknown>> };
    file.edges[0].sourceHandel = 'none';
    const result = workflowSchema.safeParse(file);
    expect(result.success).toBe(false);
  });
});

describe('nodeSchema', () => {
  it('narrows by type', () => {
    const node = nodeSchema.parse({ id: 'w', type: 'wait', data: { duration: 'PT1H' } });
    if (node.type !== 'wait') throw new Error('expected a wait');
    const wait: NodeOf<'wait'> = node;
    expect(wait.data.duration).toBe('PT1H');
  });

  it.each(['id', 'tags', 'constructor', 'Manager', ''])('refuses %j as a field key', (field) => {
    expect(
      nodeSchema.safeParse({ id: 'u', type: 'updateField', data: { field, operation: 'clear' } }).success,
    ).toBe(false);
  });
});
