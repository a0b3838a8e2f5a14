import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportWorkflow } from './export-workflow';
import { parseWorkflow } from './parse-workflow';
import type { Workflow } from './schema';

const examples = join(__dirname, '../../../examples');
const files = readdirSync(examples).filter((file) => file.endsWith('.workflow.json'));

const parsed = (input: unknown): Workflow => {
  const result = parseWorkflow(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.workflow;
};

describe(exportWorkflow.name, () => {
  it.each(files)('exports %s, and the export imported again exports identically', (file) => {
    const first = JSON.stringify(
      exportWorkflow(parsed(JSON.parse(readFileSync(join(examples, file), 'utf8')))),
    );
    const second = JSON.stringify(exportWorkflow(parsed(JSON.parse(first))));
    expect(second).toBe(first);
  });

  it('writes keys in a fixed order, whatever order they came in', () => {
    const workflow = parsed({
      edges: [{ target: 'b', sourceHandle: null, source: 'a', id: 'e1' }],
      nodes: [
        { data: { event: 'lead.created' }, type: 'trigger', id: 'a' },
        {
          data: {
            excludeCurrent: true,
            strategy: 'weighted',
            weights: [1],
            values: ['x@example.com'],
            label: 'L',
            operation: 'replaceWithOneOf',
            field: 'manager',
            eligibility: { condition: true, skipUnavailable: false },
          },
          position: { y: 300, x: 7 },
          type: 'updateField',
          id: 'b',
        },
      ],
      name: 'Order',
      format: 'leadflow.workflow/v1',
    });
    const exported = exportWorkflow(workflow);
    expect(JSON.stringify(exported)).toBe(
      JSON.stringify({
        format: 'leadflow.workflow/v1',
        name: 'Order',
        nodes: [
          { id: 'a', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
          {
            id: 'b',
            type: 'updateField',
            position: { x: 7, y: 300 },
            data: {
              label: 'L',
              field: 'manager',
              operation: 'replaceWithOneOf',
              values: ['x@example.com'],
              strategy: 'weighted',
              weights: [1],
              eligibility: { skipUnavailable: false, condition: true },
              excludeCurrent: true,
            },
          },
        ],
        edges: [{ id: 'e1', source: 'a', target: 'b' }],
      }),
    );
  });

  it('keeps an omitted strategy omitted and a description when there is one', () => {
    const workflow = parsed({
      format: 'leadflow.workflow/v1',
      name: 'n',
      description: 'd',
      nodes: [
        {
          id: 'a',
          type: 'updateField',
          data: { field: 'manager', operation: 'replaceWithOneOf', values: [] },
        },
      ],
      edges: [],
    });
    const exported = exportWorkflow(workflow);
    expect(exported.description).toBe('d');
    expect(exported.nodes[0].data).not.toHaveProperty('strategy');
  });

  it('shares nothing with the workflow it exports', () => {
    const workflow = parsed(JSON.parse(readFileSync(join(examples, 'by-location.workflow.json'), 'utf8')));
    const exported = exportWorkflow(workflow);
    (exported.nodes[1].data as { condition: { and: unknown[] } }).condition.and.push('changed');
    exported.nodes[0].position!.x = 99;
    expect(JSON.stringify(workflow)).not.toContain('changed');
    expect(workflow.nodes[0].position.x).toBe(0);
  });
});
