import type { FieldValue, ReplaceWithOneOfData } from '@leadflow/workflow';
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
import { assignOneOf, compileAssignment, previewNextValue } from './replace-with-one-of';

const TEAM = ['ada@x.com', 'bo@x.com', 'cy@x.com'];
const team = () => TEAM.map((email) => manager(email));

/** A one-node workflow run over leads the way the server does it: state and loads persisted between runs. */
function assigner(options: Partial<ReplaceWithOneOfData> = {}, values = TEAM) {
  const workflow = compileWorkflow(
    workflowFile([trigger(), replaceManager('assign', values, options)], [['start', 'assign']]),
  );
  return (ports: MemoryPorts, l: Lead): RunResult => {
    const result = startRun(workflow, { event: created, lead: l, ports });
    ports.persist(result);
    return result;
  };
}
const detail = (result: RunResult) => result.steps[1].detail;
const givenTo = (result: RunResult) => result.lead.fields.manager;

describe(assignOneOf.name, () => {
  it('records the value given, why, and every ineligible candidate with its reason', () => {
    const ports = new MemoryPorts({
      managers: [
        manager('ada@x.com', { available: false }),
        manager('bo@x.com'),
        manager('cy@x.com', { capacity: 0 }),
      ],
    });
    const result = assigner({}, [...TEAM, 'ghost@x.com'])(ports, lead('l1'));
    expect(detail(result)).toEqual({
      field: 'manager',
      from: null,
      to: 'bo@x.com',
      given: 'bo@x.com',
      strategy: 'roundRobin',
      reason: 'rotation',
      skipped: [
        { value: 'ada@x.com', reason: 'unavailable' },
        { value: 'cy@x.com', reason: 'atCapacity' },
        { value: 'ghost@x.com', reason: 'unknownManager' },
      ],
    });
  });

  it('keeps the turn of a manager who was away: A, C, A, C while B is away, B first when back', () => {
    const ports = new MemoryPorts({ managers: team() });
    const run = assigner();
    const bo = ports.managers.get('bo@x.com')!;
    bo.awayUntil = '2026-03-03T00:00:00Z';
    const away = [1, 2, 3, 4].map((i) => givenTo(run(ports, lead(`l${i}`))));
    expect(away).toEqual(['ada@x.com', 'cy@x.com', 'ada@x.com', 'cy@x.com']);
    ports.clock = new Date('2026-03-03T09:00:00Z');
    const back = [5, 6, 7, 8, 9].map((i) => run(ports, lead(`l${i}`)));
    expect(back.map(givenTo)).toEqual(['bo@x.com', 'ada@x.com', 'cy@x.com', 'ada@x.com', 'bo@x.com']);
    expect(detail(back[0])).toMatchObject({ reason: 'owedTurn', skipped: [] });
  });

  it('does not use the eligibility checks that are switched off', () => {
    const ports = new MemoryPorts({
      managers: [manager('ada@x.com', { available: false, capacity: 1, openLeads: 5 })],
    });
    const result = assigner({ eligibility: { skipUnavailable: false, respectCapacity: false } }, [
      'ada@x.com',
    ])(ports, lead('l1'));
    expect(givenTo(result)).toBe('ada@x.com');
  });

  it('with excludeCurrent never gives the value the lead has now', () => {
    const ports = new MemoryPorts({ managers: team() });
    const run = assigner({ excludeCurrent: true });
    const result = run(ports, lead('l1', { manager: 'ADA@x.com' }));
    expect(detail(result)).toMatchObject({
      from: 'ADA@x.com',
      given: 'bo@x.com',
      skipped: [{ value: 'ada@x.com', reason: 'current' }],
    });
    expect(givenTo(run(ports, lead('l2', { manager: 'bo@x.com' })))).toBe('ada@x.com');
    const only = assigner({ excludeCurrent: true }, ['ada@x.com'])(
      ports,
      lead('l3', { manager: 'ada@x.com' }),
    );
    expect(only.steps[1]).toMatchObject({
      outcome: 'unchanged',
      detail: { given: null, reason: 'noEligibleValue' },
    });
  });

  it('with sticky gives the manager of the newest lead of the account on the list and eligible, without moving the rotation', () => {
    const ports = new MemoryPorts({ managers: [...team(), manager('zed@x.com')] });
    ports.accounts.push(
      { leadId: 'old', company: 'acme', manager: 'bo@x.com' },
      { leadId: 'older-but-newer', company: 'acme', manager: 'cy@x.com' },
      { leadId: 'newest', company: 'acme', manager: 'zed@x.com' },
      { leadId: 'other', company: 'globex', manager: 'ada@x.com' },
    );
    const run = assigner({ sticky: { by: 'company' } });
    const sticky = run(ports, lead('l1', { company: ' ACME ' }));
    expect(detail(sticky)).toEqual({
      field: 'manager',
      from: null,
      to: 'cy@x.com',
      given: 'cy@x.com',
      strategy: 'roundRobin',
      reason: 'sticky',
      skipped: [],
      account: { by: 'company', key: 'acme' },
    });
    expect(sticky.rotations).toEqual({});
    // cy is away now: the next newest on the list, bo, decides.
    ports.managers.get('cy@x.com')!.available = false;
    expect(givenTo(run(ports, lead('l2', { company: 'Acme' })))).toBe('bo@x.com');
    // A new account: the rotation, which has not moved yet, starts with the first.
    const fresh = run(ports, lead('l3', { company: 'Initech' }));
    expect(detail(fresh)).toMatchObject({ given: 'ada@x.com', reason: 'rotation' });
  });

  it('with sticky by email domain reads the part after @', () => {
    const ports = new MemoryPorts({ managers: team() });
    ports.accounts.push({ leadId: 'old', domain: 'acme.com', manager: 'cy@x.com' });
    const result = assigner({ sticky: { by: 'emailDomain' } })(ports, lead('l1', { email: 'jo@ACME.com' }));
    expect(detail(result)).toMatchObject({
      given: 'cy@x.com',
      reason: 'sticky',
      account: { by: 'emailDomain', key: 'acme.com' },
    });
  });

  it('with leastLoaded gives the manager with the fewest open leads, ties in list order', () => {
    const ports = new MemoryPorts({
      managers: [
        manager('ada@x.com', { openLeads: 2 }),
        manager('bo@x.com', { openLeads: 1 }),
        manager('cy@x.com', { openLeads: 1 }),
      ],
    });
    const run = assigner({ strategy: 'leastLoaded' });
    const given = [1, 2, 3, 4, 5].map((i) => run(ports, lead(`l${i}`)));
    expect(given.map(givenTo)).toEqual(['bo@x.com', 'cy@x.com', 'ada@x.com', 'bo@x.com', 'cy@x.com']);
    expect(given[0].rotations).toEqual({});
    expect(ports.loads).toBe(0);
  });

  it('with weighted interleaves by weight among the eligible', () => {
    const ports = new MemoryPorts({ managers: team() });
    const run = assigner({ strategy: 'weighted', weights: [3, 1, 1] });
    const given = [1, 2, 3, 4, 5].map((i) => givenTo(run(ports, lead(`l${i}`))));
    expect(given).toEqual(['ada@x.com', 'bo@x.com', 'ada@x.com', 'cy@x.com', 'ada@x.com']);
  });

  it('with random draws from the ports, or else from a source seeded by the lead, node and time', () => {
    const draws = [0.9, 0.1];
    const ports = new MemoryPorts({ managers: team(), random: () => draws.shift() ?? 0 });
    const run = assigner({ strategy: 'random' });
    expect([givenTo(run(ports, lead('l1'))), givenTo(run(ports, lead('l2')))]).toEqual([
      'cy@x.com',
      'ada@x.com',
    ]);
    const seeded = new MemoryPorts({ managers: team() });
    const again = new MemoryPorts({ managers: team() });
    expect(givenTo(run(seeded, lead('l1')))).toBe(givenTo(run(again, lead('l1'))));
  });

  it('gives the values of a field other than manager as they are, without eligibility', () => {
    const ports = new MemoryPorts();
    const manager = jest.spyOn(ports, 'manager');
    const compiled = compileAssignment({
      field: 'status',
      operation: 'replaceWithOneOf',
      values: ['New', 'Open', 'New'],
      excludeCurrent: true,
    });
    expect(compiled.values).toEqual(['New', 'Open']);
    const assign = (l: Lead) =>
      assignOneOf(compiled, {
        nodeId: 'n',
        lead: l,
        event: created,
        leadData: () => ({}),
        ports,
        now: ports.now(),
        random: () => 0,
      });
    expect(assign(lead('l1', { status: 'Won' }))).toMatchObject({ given: true, value: 'New', skipped: [] });
    expect(assign(lead('l1', { status: 'New' }))).toMatchObject({
      given: true,
      value: 'Open',
      skipped: [{ value: 'New', reason: 'current' }],
    });
    expect(manager).not.toHaveBeenCalled();
  });

  it('compares manager emails case-blind', () => {
    const ports = new MemoryPorts({ managers: team() });
    expect(givenTo(assigner({}, [' Ada@X.com'])(ports, lead('l1')))).toBe('ada@x.com');
  });

  it('gives nothing from an empty list', () => {
    const result = assigner({}, [])(new MemoryPorts(), lead('l1'));
    expect(detail(result)).toMatchObject({ given: null, reason: 'noValues' });
  });
});

describe(previewNextValue.name, () => {
  const data = (values: FieldValue[], extra: Partial<ReplaceWithOneOfData> = {}): ReplaceWithOneOfData => ({
    field: 'manager',
    operation: 'replaceWithOneOf',
    values,
    ...extra,
  });

  it('tells the value the next run would give if everyone were eligible', () => {
    const ports = new MemoryPorts({ managers: team() });
    expect(previewNextValue(data(TEAM), null)).toBe('ada@x.com');
    const run = assigner();
    run(ports, lead('l1'));
    expect(previewNextValue(data(TEAM), ports.rotations.get('assign') ?? null)).toBe('bo@x.com');
    expect(previewNextValue(data(['ada@x.com', 'cy@x.com']), ports.rotations.get('assign') ?? null)).toBe(
      'cy@x.com',
    );
    expect(previewNextValue(data(TEAM, { strategy: 'leastLoaded' }), null)).toBeNull();
    expect(previewNextValue(data(TEAM, { strategy: 'weighted', weights: [1, 5, 1] }), null)).toBe('bo@x.com');
  });
});
