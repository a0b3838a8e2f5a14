import type { ReplaceWithOneOfData } from '@leadflow/workflow';
import { compileWorkflow } from '../graph/compile-workflow';
import { startRun } from '../run/run-workflow';
import type { Lead, RunResult } from '../types';
import {
  created,
  lead,
  manager,
  MemoryPorts,
  replaceManager,
  trigger,
  workflowFile,
} from '../../test/fixtures';
import { previewNextValue } from './replace-with-one-of';

const TEAM = ['ada@x.com', 'bo@x.com', 'cy@x.com'];

function assigner(options: Partial<ReplaceWithOneOfData> = {}) {
  const workflow = compileWorkflow(
    workflowFile([trigger(), replaceManager('assign', TEAM, options)], [['start', 'assign']]),
  );
  return (ports: MemoryPorts, l: Lead): RunResult => {
    const result = startRun(workflow, { event: created, lead: l, ports });
    ports.persist(result);
    return result;
  };
}
const givenTo = (result: RunResult) => result.lead.fields.manager;
let leads = 0;
const next = (run: ReturnType<typeof assigner>, ports: MemoryPorts, n: number) =>
  Array.from({ length: n }, () => run(ports, lead(`l${++leads}`)));

// An inactive (retired) manager is treated as not on the list: the rotation owes them nothing.
describe('a retired manager in a rotation', () => {
  it('is owed no turn: made active again, they take their place in list order', () => {
    const ports = new MemoryPorts({ managers: TEAM.map((email) => manager(email)) });
    const run = assigner();
    expect(next(run, ports, 1).map(givenTo)).toEqual(['ada@x.com']);
    ports.managers.get('bo@x.com')!.active = false;
    const retired = next(run, ports, 3);
    expect(retired.map(givenTo)).toEqual(['cy@x.com', 'ada@x.com', 'cy@x.com']);
    expect(retired[0].steps[1].detail).toMatchObject({
      skipped: [{ value: 'bo@x.com', reason: 'inactive' }],
    });
    ports.managers.get('bo@x.com')!.active = true;
    // Cy was given last: Ada comes next, then Bo in his place, with no catch-up turn first.
    const back = next(run, ports, 4);
    expect(back.map(givenTo)).toEqual(['ada@x.com', 'bo@x.com', 'cy@x.com', 'ada@x.com']);
    expect(back.map((result) => result.steps[1].detail?.reason)).toEqual([
      'rotation',
      'rotation',
      'rotation',
      'rotation',
    ]);
  });

  it('loses a turn owed from before they were retired', () => {
    const ports = new MemoryPorts({ managers: TEAM.map((email) => manager(email)) });
    const run = assigner();
    const bo = ports.managers.get('bo@x.com')!;
    bo.available = false;
    // Bo's turn passes while unavailable: owed.
    expect(next(run, ports, 2).map(givenTo)).toEqual(['ada@x.com', 'cy@x.com']);
    bo.active = false;
    expect(next(run, ports, 2).map(givenTo)).toEqual(['ada@x.com', 'cy@x.com']);
    bo.active = true;
    bo.available = true;
    // No owed turn first: the rotation goes on in list order after Cy.
    const back = next(run, ports, 3);
    expect(back.map(givenTo)).toEqual(['ada@x.com', 'bo@x.com', 'cy@x.com']);
    expect(back[0].steps[1].detail).toMatchObject({ reason: 'rotation' });
  });

  it('still owes an unavailable manager their turn when back (not retired)', () => {
    const ports = new MemoryPorts({ managers: TEAM.map((email) => manager(email)) });
    const run = assigner();
    const bo = ports.managers.get('bo@x.com')!;
    bo.available = false;
    expect(next(run, ports, 3).map(givenTo)).toEqual(['ada@x.com', 'cy@x.com', 'ada@x.com']);
    bo.available = true;
    const back = next(run, ports, 1);
    expect(back.map(givenTo)).toEqual(['bo@x.com']);
    expect(back[0].steps[1].detail).toMatchObject({ reason: 'owedTurn' });
  });

  it('is never the rotation preview’s next value', () => {
    const ports = new MemoryPorts({ managers: TEAM.map((email) => manager(email)) });
    const run = assigner();
    next(run, ports, 1);
    const data: ReplaceWithOneOfData = { field: 'manager', operation: 'replaceWithOneOf', values: TEAM };
    const state = ports.rotations.get('assign') ?? null;
    expect(previewNextValue(data, state)).toBe('bo@x.com');
    const active = (email: unknown) => email !== 'bo@x.com';
    expect(previewNextValue(data, state, active)).toBe('cy@x.com');
    expect(previewNextValue(data, state, () => false)).toBeNull();
  });
});
