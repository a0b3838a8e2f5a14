import type { TriggerData, WorkflowNode } from './schema';
import { fieldsWritten, findOverlaps, triggersOverlap } from './workflow-overlaps';

const trigger = (data: TriggerData): WorkflowNode => ({ id: 'start', type: 'trigger', data });
const sets = (field: string, id = `set-${field}`): WorkflowNode => ({
  id,
  type: 'updateField',
  data: { field, operation: 'set', value: 'x' },
});
const assigns = (id = 'assign'): WorkflowNode => ({
  id,
  type: 'updateField',
  data: { field: 'manager', operation: 'replaceWithOneOf', values: ['ed@example.com'] },
});
const created: TriggerData = { event: 'lead.created' };

describe(triggersOverlap.name, () => {
  it('overlaps on the same event, field or tag (case-blind), or a trigger without one', () => {
    expect(triggersOverlap(created, created)).toBe(true);
    expect(triggersOverlap(created, { event: 'lead.tagAdded' })).toBe(false);
    expect(
      triggersOverlap({ event: 'lead.fieldUpdated', field: 'status' }, { event: 'lead.fieldUpdated' }),
    ).toBe(true);
    expect(
      triggersOverlap(
        { event: 'lead.fieldUpdated', field: 'status' },
        { event: 'lead.fieldUpdated', field: 'score' },
      ),
    ).toBe(false);
    expect(
      triggersOverlap({ event: 'lead.tagAdded', tag: 'hot' }, { event: 'lead.tagAdded', tag: 'HOT' }),
    ).toBe(true);
    expect(
      triggersOverlap({ event: 'lead.tagAdded', tag: 'hot' }, { event: 'lead.tagAdded', tag: 'cold' }),
    ).toBe(false);
    expect(triggersOverlap({ event: 'lead.tagAdded' }, { event: 'lead.tagAdded', tag: 'cold' })).toBe(true);
  });
});

describe(fieldsWritten.name, () => {
  it('lists the fields of updateField nodes once each', () => {
    expect(
      fieldsWritten([
        trigger(created),
        assigns(),
        sets('status'),
        assigns('again'),
        { id: 't', type: 'addTag', data: { tag: 'x' } },
      ]),
    ).toEqual(['manager', 'status']);
  });
});

describe(findOverlaps.name, () => {
  it('names every other workflow with an overlapping trigger that writes the same field', () => {
    const mine = { id: 'w1', name: 'Route to Ada', nodes: [trigger(created), assigns(), sets('status')] };
    const others = [
      mine,
      { id: 'w2', name: 'Route to Ed', nodes: [trigger(created), assigns(), sets('status')] },
      { id: 'w3', name: 'Score', nodes: [trigger(created), sets('score')] },
      { id: 'w4', name: 'Hot leads', nodes: [trigger({ event: 'lead.tagAdded', tag: 'hot' }), assigns()] },
      { id: 'w5', name: 'No trigger', nodes: [assigns()] },
    ];
    const overlaps = findOverlaps(mine, others);
    expect(overlaps.map(({ workflowId, name, field }) => ({ workflowId, name, field }))).toEqual([
      { workflowId: 'w2', name: 'Route to Ed', field: 'manager' },
      { workflowId: 'w2', name: 'Route to Ed', field: 'status' },
    ]);
    expect(overlaps[0].message).toBe(
      'The active workflow "Route to Ed" (w2) also runs on new leads and also writes "manager": a lead both apply to gets the value of whichever runs last.',
    );
    expect(findOverlaps({ id: 'w6', name: 'Tagless', nodes: [assigns()] }, others)).toEqual([]);
  });
});
