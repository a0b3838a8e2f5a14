import { MAX_LEAD_TAGS } from '@leadflow/workflow';
import { compileWorkflow } from '../graph/compile-workflow';
import { addTag, created, lead, MemoryPorts, trigger, workflowFile } from '../../test/fixtures';
import { startRun } from './run-workflow';

describe('addTag at the tag cap', () => {
  const workflow = compileWorkflow(
    workflowFile(
      [trigger(), addTag('one-more'), addTag('t0')],
      [
        ['start', 'one-more'],
        ['one-more', 't0'],
      ],
    ),
  );
  const full = () => ({ ...lead('l1'), tags: Array.from({ length: MAX_LEAD_TAGS }, (_, i) => `t${i}`) });

  it('adds no tag past 100, records why, and goes on', () => {
    const result = startRun(workflow, { event: created, lead: full(), ports: new MemoryPorts() });
    expect(result.lead.tags).toHaveLength(MAX_LEAD_TAGS);
    expect(result.changes).toEqual([]);
    expect(result.steps.slice(1).map(({ nodeId, outcome, detail }) => ({ nodeId, outcome, detail }))).toEqual(
      [
        {
          nodeId: 'one-more',
          outcome: 'unchanged',
          detail: { tag: 'one-more', reason: 'the lead has 100 tags, the most it can hold' },
        },
        { nodeId: 't0', outcome: 'unchanged', detail: { tag: 't0' } },
      ],
    );
  });

  it('adds the 100th tag', () => {
    const lead99 = { ...lead('l1'), tags: Array.from({ length: MAX_LEAD_TAGS - 1 }, (_, i) => `t${i + 1}`) };
    const result = startRun(workflow, { event: created, lead: lead99, ports: new MemoryPorts() });
    expect(result.lead.tags).toHaveLength(MAX_LEAD_TAGS);
    expect(result.steps[1]).toMatchObject({ nodeId: 'one-more', outcome: 'changed' });
  });
});
