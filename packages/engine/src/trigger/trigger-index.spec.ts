import type { TriggerData } from '@leadflow/workflow';
import { createTriggerIndex, triggerMatches } from './trigger-index';

describe(createTriggerIndex.name, () => {
  const workflows: Array<{ id: string; trigger: TriggerData }> = [
    { id: 'w1', trigger: { event: 'lead.fieldUpdated', field: 'status' } },
    { id: 'w2', trigger: { event: 'lead.created' } },
    { id: 'w3', trigger: { event: 'lead.fieldUpdated' } },
    { id: 'w4', trigger: { event: 'lead.tagAdded', tag: 'hot' } },
    { id: 'w5', trigger: { event: 'lead.fieldUpdated', field: 'score' } },
    { id: 'w6', trigger: { event: 'lead.tagAdded' } },
    { id: 'w7', trigger: { event: 'lead.fieldUpdated', field: 'status' } },
    { id: 'w8', trigger: { event: 'lead.created' } },
  ];
  const index = createTriggerIndex(workflows);

  it('matches by event type, field and tag, in the order the workflows were given', () => {
    expect(index.match({ type: 'lead.created' })).toEqual(['w2', 'w8']);
    expect(index.match({ type: 'lead.fieldUpdated', field: 'status', from: 'New', to: 'Won' })).toEqual([
      'w1',
      'w3',
      'w7',
    ]);
    expect(index.match({ type: 'lead.fieldUpdated', field: 'score' })).toEqual(['w3', 'w5']);
    expect(index.match({ type: 'lead.fieldUpdated', field: 'company' })).toEqual(['w3']);
    expect(index.match({ type: 'lead.tagAdded', tag: 'hot' })).toEqual(['w4', 'w6']);
    expect(index.match({ type: 'lead.tagAdded', tag: 'cold' })).toEqual(['w6']);
  });

  it('agrees with triggerMatches on every workflow', () => {
    const events = [
      { type: 'lead.created' as const },
      { type: 'lead.fieldUpdated' as const, field: 'status' },
      { type: 'lead.fieldUpdated' as const },
      { type: 'lead.tagAdded' as const, tag: 'hot' },
    ];
    for (const event of events) {
      expect(index.match(event)).toEqual(
        workflows.filter((w) => triggerMatches(w.trigger, event)).map((w) => w.id),
      );
    }
  });

  it('matches among thousands of workflows without scanning them', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      id: `w${i}`,
      trigger: { event: 'lead.fieldUpdated' as const, field: `field${i}` },
    }));
    const big = createTriggerIndex([...many, { id: 'any', trigger: { event: 'lead.fieldUpdated' } }]);
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) big.match({ type: 'lead.fieldUpdated', field: `field${i % 5000}` });
    expect(performance.now() - started).toBeLessThan(500);
    expect(big.match({ type: 'lead.fieldUpdated', field: 'field42' })).toEqual(['w42', 'any']);
  });
});
