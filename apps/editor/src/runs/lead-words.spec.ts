import type { Run, RunStep } from '../api/client';
import { leadName, ownerOrigin, ownerWords } from './lead-words';

const managerChange = (to: string | null, at: string): RunStep => ({
  nodeId: 'assign',
  type: 'updateField',
  outcome: 'changed',
  at,
  detail: {
    field: 'manager',
    from: null,
    to,
    given: to,
    strategy: 'roundRobin',
    reason: 'rotation',
    skipped: [],
  },
});

const run = (id: string, workflowId: string, workflowVersion: number, steps: RunStep[]): Run => ({
  id,
  workflowId,
  workflowVersion,
  leadId: 'lead-1',
  event: { type: 'lead.created' },
  status: 'completed',
  startedAt: steps[0]?.at ?? '2026-11-28T10:00:00.000Z',
  finishedAt: steps[0]?.at ?? '2026-11-28T10:00:00.000Z',
  steps,
});

describe(leadName.name, () => {
  it('names a lead by its name, else email, else company, and by its short id only as a last resort', () => {
    expect(
      leadName('01a229dc-0000-7000-8000-000000000001', { fields: { name: 'Ada', email: 'a@x.io' } }),
    ).toBe('Ada');
    expect(leadName('01a229dc-0000-7000-8000-000000000001', { fields: { name: ' ', email: 'a@x.io' } })).toBe(
      'a@x.io',
    );
    expect(leadName('01a229dc-0000-7000-8000-000000000001', { fields: { company: 'Acme' } })).toBe('Acme');
    expect(leadName('01a229dc-0000-7000-8000-000000000001', { fields: {} })).toBe('01a229dc…');
    expect(leadName('01a229dc-0000-7000-8000-000000000001')).toBe('01a229dc…');
  });
});

describe(ownerOrigin.name, () => {
  const first = run('r1', 'wf-a', 2, [managerChange('ada@example.com', '2026-11-28T10:00:00.000Z')]);
  const later = run('r2', 'wf-b', 5, [
    { nodeId: 'start', type: 'trigger', outcome: 'matched', at: '2026-11-28T11:00:00.000Z' },
    managerChange('Bo@Example.com', '2026-11-28T11:00:00.001Z'),
  ]);

  it('finds the run whose step gave the manager the lead has, the latest change winning', () => {
    // Newest first, as the API lists runs; emails compare case-blind.
    expect(ownerOrigin([later, first], 'bo@example.com')).toEqual({ run: later, step: later.steps[1] });
    expect(ownerOrigin([first, later], 'bo@example.com')?.run.id).toBe('r2');
  });

  it('finds none when no run changed the manager or the manager was changed by hand since', () => {
    expect(ownerOrigin([], 'bo@example.com')).toBeNull();
    expect(ownerOrigin([later, first], 'ada@example.com')).toBeNull();
    const unchanged = run('r3', 'wf-a', 1, [
      { ...managerChange('cy@example.com', '2026-11-28T12:00:00.000Z'), outcome: 'unchanged' },
    ]);
    expect(ownerOrigin([unchanged], 'cy@example.com')).toBeNull();
  });
});

describe(ownerWords.name, () => {
  const names = new Map([['bo@example.com', 'Bo Chen']]);
  const managerName = (email: string) => names.get(email) ?? email;
  const workflowName = (id: string) => (id === 'wf-b' ? 'Inbound routing' : id);
  const origin = ownerOrigin(
    [run('r2', 'wf-b', 5, [managerChange('bo@example.com', '2026-11-28T11:00:00.000Z')])],
    'bo@example.com',
  );

  it('says who owns the lead and which workflow, at which version, gave it', () => {
    expect(ownerWords('bo@example.com', origin, managerName, workflowName)).toBe(
      'Bo Chen, given by workflow “Inbound routing” v5',
    );
    expect(ownerWords('cy@example.com', null, managerName, workflowName)).toBe(
      'cy@example.com, not given by a workflow',
    );
    expect(ownerWords(null, null, managerName, workflowName)).toBe('nobody');
    const cleared = ownerOrigin(
      [run('r4', 'wf-b', 6, [managerChange(null, '2026-11-28T12:00:00.000Z')])],
      null,
    );
    expect(ownerWords(null, cleared, managerName, workflowName)).toBe(
      'nobody, cleared by workflow “Inbound routing” v6',
    );
  });
});
