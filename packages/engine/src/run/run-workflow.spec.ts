import { compileWorkflow } from '../graph/compile-workflow';
import type { RunResult } from '../types';
import {
  addTag,
  created,
  filter,
  lead,
  manager,
  MemoryPorts,
  removeTag,
  replaceManager,
  setField,
  trigger,
  wait,
  workflowFile,
} from '../../test/fixtures';
import { resumeRun, startRun } from './run-workflow';

const visited = (result: RunResult) => result.steps.map((s) => `${s.nodeId}:${s.outcome}`);
const AT = '2026-03-02T10:00:00.000Z';

describe(startRun.name, () => {
  it('walks depth first in edge order and runs a node where paths meet once, on the first arrival', () => {
    // start → a → join → after; start → b → join
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), addTag('a'), addTag('b'), addTag('join'), addTag('after')],
        [
          ['start', 'a'],
          ['start', 'b'],
          ['a', 'join'],
          ['b', 'join'],
          ['join', 'after'],
        ],
      ),
    );
    const result = startRun(workflow, { event: created, lead: lead('l1'), ports: new MemoryPorts() });
    expect(visited(result)).toEqual([
      'start:matched',
      'a:changed',
      'join:changed',
      'after:changed',
      'b:changed',
    ]);
    expect(result.changes.map((c) => c.kind === 'tagAdded' && c.tag)).toEqual(['a', 'join', 'after', 'b']);
  });

  it('follows the fail edges of a filter that fails, and an omitted handle counts as pass', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), filter('big', { '>': [{ var: 'lead.dealValue' }, 100] }), addTag('yes'), addTag('no')],
        [
          ['start', 'big'],
          ['big', 'yes'],
          ['big', 'no', 'fail'],
        ],
      ),
    );
    const ports = new MemoryPorts();
    expect(
      visited(startRun(workflow, { event: created, lead: lead('l1', { dealValue: 50 }), ports })),
    ).toEqual(['start:matched', 'big:fail', 'no:changed']);
    expect(
      visited(startRun(workflow, { event: created, lead: lead('l2', { dealValue: 500 }), ports })),
    ).toEqual(['start:matched', 'big:pass', 'yes:changed']);
  });

  it('records in a filter step the values its condition compared, as the run saw them', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [
          trigger(),
          setField('status', 'status', 'Qualified'),
          filter('france', {
            and: [
              { '==': [{ var: 'lead.country' }, 'FR'] },
              { '==': [{ var: 'lead.status' }, 'Qualified'] },
              { '!': { var: 'lead.missing' } },
              { '==': [{ var: 'event.type' }, 'lead.created'] },
            ],
          }),
          filter('always', true),
        ],
        [
          ['start', 'status'],
          ['status', 'france'],
          ['france', 'always', 'fail'],
        ],
      ),
    );
    const result = startRun(workflow, {
      event: created,
      lead: lead('l1', { country: 'DE', status: 'New' }),
      ports: new MemoryPorts(),
    });
    expect(result.steps.find((step) => step.nodeId === 'france')).toMatchObject({
      outcome: 'fail',
      detail: {
        values: {
          'lead.country': 'DE',
          'lead.status': 'Qualified',
          'lead.missing': null,
          'event.type': 'lead.created',
        },
      },
    });
    // A condition that reads nothing has nothing to record.
    expect(result.steps.find((step) => step.nodeId === 'always')).not.toHaveProperty('detail');
  });

  it('lets later nodes see the changes of earlier ones, and never mutates the input lead', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [
          trigger(),
          setField('status', 'status', 'Qualified'),
          filter('qualified', {
            and: [{ '==': [{ var: 'lead.status' }, 'Qualified'] }, { in: ['vip', { var: 'lead.tags' }] }],
          }),
          removeTag('vip'),
          { id: 'clear', type: 'updateField', data: { field: 'score', operation: 'clear' } },
        ],
        [
          ['start', 'status'],
          ['status', 'qualified'],
          ['qualified', 'vip', 'pass'],
          ['vip', 'clear'],
        ],
      ),
    );
    const input = Object.freeze({
      id: 'l1',
      fields: Object.freeze({ status: 'New', score: 7 }),
      tags: Object.freeze(['vip']),
    });
    const result = startRun(workflow, { event: created, lead: input as never, ports: new MemoryPorts() });
    expect(result.steps).toEqual([
      { nodeId: 'start', type: 'trigger', outcome: 'matched', at: AT },
      {
        nodeId: 'status',
        type: 'updateField',
        outcome: 'changed',
        detail: { field: 'status', from: 'New', to: 'Qualified' },
        at: AT,
      },
      // The values as the filter saw them: the tag removed after it still shows.
      {
        nodeId: 'qualified',
        type: 'filter',
        outcome: 'pass',
        detail: { values: { 'lead.status': 'Qualified', 'lead.tags': ['vip'] } },
        at: AT,
      },
      { nodeId: 'vip', type: 'removeTag', outcome: 'changed', detail: { tag: 'vip' }, at: AT },
      {
        nodeId: 'clear',
        type: 'updateField',
        outcome: 'changed',
        detail: { field: 'score', from: 7, to: null },
        at: AT,
      },
    ]);
    expect(result.lead).toEqual({ id: 'l1', fields: { status: 'Qualified', score: null }, tags: [] });
    expect(result.changes).toEqual([
      { kind: 'field', field: 'status', from: 'New', to: 'Qualified' },
      { kind: 'tagRemoved', tag: 'vip' },
      { kind: 'field', field: 'score', from: 7, to: null },
    ]);
    expect(input).toEqual({ id: 'l1', fields: { status: 'New', score: 7 }, tags: ['vip'] });
  });

  it('records unchanged for a value already set, a tag already there and a tag not there', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), setField('status', 'status', 'New'), addTag('hot'), removeTag('cold')],
        [
          ['start', 'status'],
          ['status', 'hot'],
          ['hot', 'cold'],
        ],
      ),
    );
    const result = startRun(workflow, {
      event: created,
      lead: lead('l1', { status: 'New' }, ['hot']),
      ports: new MemoryPorts(),
    });
    expect(visited(result)).toEqual(['start:matched', 'status:unchanged', 'hot:unchanged', 'cold:unchanged']);
    expect(result.changes).toEqual([]);
  });

  it('reads the event and the lead id in conditions, and knows startsWith/endsWith', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [
          trigger(),
          filter('check', {
            and: [
              { '==': [{ var: 'event.type' }, 'lead.fieldUpdated'] },
              { '==': [{ var: 'event.to' }, 'Won'] },
              { startsWith: [{ var: 'lead.id' }, 'lead-'] },
              { endsWith: [{ var: 'lead.email' }, '@acme.com'] },
            ],
          }),
        ],
        [['start', 'check']],
      ),
    );
    const result = startRun(workflow, {
      event: { type: 'lead.fieldUpdated', field: 'status', from: 'New', to: 'Won' },
      lead: lead('lead-1', { email: 'x@acme.com' }),
      ports: new MemoryPorts(),
    });
    expect(visited(result)).toEqual(['start:matched', 'check:pass']);
  });

  it('ends as failed with the reason and the steps so far when a node throws', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), addTag('first'), filter('broken', { noSuchOperation: [1] }), addTag('never')],
        [
          ['start', 'first'],
          ['first', 'broken'],
          ['broken', 'never'],
        ],
      ),
    );
    const result = startRun(workflow, { event: created, lead: lead('l1'), ports: new MemoryPorts() });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^node "broken" \(filter\): .*noSuchOperation/);
    expect(visited(result)).toEqual(['start:matched', 'first:changed']);
    expect(result.changes).toEqual([{ kind: 'tagAdded', tag: 'first' }]);
  });

  it('refuses to evaluate the method operation even if a stored definition holds it', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), filter('evil', { method: [{ var: 'lead.name' }, 'toUpperCase'] })],
        [['start', 'evil']],
      ),
    );
    const result = startRun(workflow, {
      event: created,
      lead: lead('l1', { name: 'x' }),
      ports: new MemoryPorts(),
    });
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'node "evil" (filter): the operation "method" is not allowed',
    });
  });

  it('fails a workflow without a trigger and stops on cycles', () => {
    expect(
      startRun(compileWorkflow(workflowFile([addTag('a')], [])), {
        event: created,
        lead: lead('l1'),
        ports: new MemoryPorts(),
      }),
    ).toMatchObject({
      status: 'failed',
      reason: 'the workflow has no trigger',
      steps: [],
    });
    const cyclic = compileWorkflow(
      workflowFile(
        [trigger(), addTag('a'), addTag('b')],
        [
          ['start', 'a'],
          ['a', 'b'],
          ['b', 'a'],
        ],
      ),
    );
    expect(visited(startRun(cyclic, { event: created, lead: lead('l1'), ports: new MemoryPorts() }))).toEqual(
      ['start:matched', 'a:changed', 'b:changed'],
    );
  });

  describe('replaceWithOneOf edges', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [
          trigger(),
          replaceManager('assign', ['ada@x.com', 'bo@x.com']),
          addTag('assigned'),
          addTag('unassigned'),
        ],
        [
          ['start', 'assign'],
          ['assign', 'assigned'],
          ['assign', 'unassigned', 'none'],
        ],
      ),
    );

    it('follows only the none edges when no value can be given, and keeps the rotation', () => {
      const ports = new MemoryPorts({
        managers: [manager('ada@x.com', { available: false }), manager('bo@x.com', { active: false })],
      });
      const result = startRun(workflow, { event: created, lead: lead('l1'), ports });
      expect(result.steps[1]).toEqual({
        nodeId: 'assign',
        type: 'updateField',
        outcome: 'unchanged',
        detail: {
          field: 'manager',
          from: null,
          to: null,
          given: null,
          strategy: 'roundRobin',
          reason: 'noEligibleValue',
          skipped: [
            { value: 'ada@x.com', reason: 'unavailable' },
            { value: 'bo@x.com', reason: 'inactive' },
          ],
        },
        at: AT,
      });
      expect(visited(result)).toEqual(['start:matched', 'assign:unchanged', 'unassigned:changed']);
      expect(result.rotations).toEqual({});
    });

    it('follows only the other edges when a value is given, even one the lead already has', () => {
      const ports = new MemoryPorts({ managers: [manager('ada@x.com'), manager('bo@x.com')] });
      const result = startRun(workflow, {
        event: created,
        lead: lead('l1', { manager: 'ada@x.com' }),
        ports,
      });
      expect(visited(result)).toEqual(['start:matched', 'assign:unchanged', 'assigned:changed']);
      expect(result.steps[1].detail).toMatchObject({ given: 'ada@x.com', reason: 'rotation' });
      expect(Object.keys(result.rotations)).toEqual(['assign']);
    });
  });

  it('sends a lead down the branch of its split, the same on every run', () => {
    const split = {
      id: 'ab',
      type: 'split' as const,
      data: {
        branches: [
          { id: 'A', percent: 30 },
          { id: 'B', percent: 70 },
        ],
      },
    };
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), split, addTag('a'), addTag('b')],
        [
          ['start', 'ab'],
          ['ab', 'a', 'A'],
          ['ab', 'b', 'B'],
        ],
      ),
    );
    const ports = new MemoryPorts();
    const first = startRun(workflow, { event: created, lead: lead('lead-42'), ports });
    const again = startRun(workflow, { event: created, lead: lead('lead-42'), ports });
    expect(again.steps).toEqual(first.steps);
    const branch = first.steps[1].outcome;
    expect(['A', 'B']).toContain(branch);
    expect(visited(first)).toEqual(['start:matched', `ab:${branch}`, `${branch.toLowerCase()}:changed`]);
    expect(first.steps[1].detail).toEqual({ branch, bucket: expect.any(Number) });
  });
});

describe(resumeRun.name, () => {
  // start → w(wait) → x ; start → y : y waits on the stack while the run is suspended
  const workflow = compileWorkflow(
    workflowFile(
      [trigger(), wait('w', 'P1DT30M'), addTag('x'), addTag('y')],
      [
        ['start', 'w'],
        ['start', 'y'],
        ['w', 'x'],
      ],
    ),
  );

  it('suspends at a wait with the rest of the walk, and goes on with the wait successors, then the stack', () => {
    const ports = new MemoryPorts({ now: AT });
    const started = startRun(workflow, { event: created, lead: lead('l1'), ports });
    expect(started.status).toBe('waiting');
    expect(visited(started)).toEqual(['start:matched', 'w:scheduled']);
    expect(started.wait).toEqual({
      until: new Date('2026-03-03T10:30:00.000Z'),
      resume: { nodeId: 'w', stack: ['y'], visited: ['start', 'w'] },
    });

    ports.clock = new Date('2026-03-03T10:30:00.000Z');
    const resumed = resumeRun(workflow, {
      resume: started.wait!.resume,
      event: created,
      lead: started.lead,
      ports,
    });
    expect(resumed.status).toBe('completed');
    expect(resumed.steps).toEqual([
      { nodeId: 'w', type: 'wait', outcome: 'resumed', at: '2026-03-03T10:30:00.000Z' },
      {
        nodeId: 'x',
        type: 'addTag',
        outcome: 'changed',
        detail: { tag: 'x' },
        at: '2026-03-03T10:30:00.000Z',
      },
      {
        nodeId: 'y',
        type: 'addTag',
        outcome: 'changed',
        detail: { tag: 'y' },
        at: '2026-03-03T10:30:00.000Z',
      },
    ]);
  });

  it('does not run again a node the run executed before the wait', () => {
    const joined = compileWorkflow(
      workflowFile(
        [trigger(), addTag('a'), wait('w'), addTag('b')],
        [
          ['start', 'a'],
          ['start', 'w'],
          ['w', 'a'],
          ['w', 'b'],
        ],
      ),
    );
    const ports = new MemoryPorts();
    const started = startRun(joined, { event: created, lead: lead('l1'), ports });
    expect(visited(started)).toEqual(['start:matched', 'a:changed', 'w:scheduled']);
    const resumed = resumeRun(joined, {
      resume: started.wait!.resume,
      event: created,
      lead: started.lead,
      ports,
    });
    expect(visited(resumed)).toEqual(['w:resumed', 'b:changed']);
  });

  it('fails when the resume point is not a wait node of the workflow', () => {
    const result = resumeRun(workflow, {
      resume: { nodeId: 'x', stack: [], visited: [] },
      event: created,
      lead: lead('l1'),
      ports: new MemoryPorts(),
    });
    expect(result).toMatchObject({ status: 'failed', steps: [] });
  });

  it('fails the run on a duration it cannot read', () => {
    const broken = compileWorkflow(workflowFile([trigger(), wait('w', '2 hours')], [['start', 'w']]));
    expect(startRun(broken, { event: created, lead: lead('l1'), ports: new MemoryPorts() })).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('"2 hours" is not an ISO 8601 duration'),
    });
  });
});
