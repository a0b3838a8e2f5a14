import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowFile } from '@leadflow/workflow';
import { compileWorkflow } from '../graph/compile-workflow';
import type { Lead, LeadEvent, RunResult } from '../types';
import { created, exampleManagers, lead, MemoryPorts } from '../../test/fixtures';
import { resumeRun, startRun } from './run-workflow';

const EXAMPLES = path.join(__dirname, '../../../../examples');
const example = (name: string) =>
  compileWorkflow(
    JSON.parse(readFileSync(path.join(EXAMPLES, `${name}.workflow.json`), 'utf8')) as WorkflowFile,
  );
const managers = () =>
  exampleManagers(JSON.parse(readFileSync(path.join(EXAMPLES, 'managers.json'), 'utf8')));
const AT = '2026-03-02T10:00:00.000Z';

function runEach(name: string, leads: Lead[], event: LeadEvent = created) {
  const workflow = example(name);
  const ports = new MemoryPorts({ now: AT, managers: managers() });
  return leads.map((l) => {
    const result = startRun(workflow, { event, lead: l, ports });
    ports.persist(result);
    return result;
  });
}

const path_ = (result: RunResult) => result.steps.map((s) => `${s.nodeId}:${s.outcome}`);
const given = (results: RunResult[]) => results.map((r) => r.lead.fields.manager ?? null);

const assigned = (nodeId: string, from: string | null, to: string) => ({
  nodeId,
  type: 'updateField',
  outcome: 'changed',
  detail: { field: 'manager', from, to, given: to, strategy: 'roundRobin', reason: 'rotation', skipped: [] },
  at: AT,
});

describe(`${startRun.name} on the example workflows`, () => {
  it('round-robin: gives the four managers in turn', () => {
    const results = runEach(
      'round-robin',
      ['l1', 'l2', 'l3', 'l4', 'l5', 'l6'].map((id) => lead(id)),
    );
    expect(given(results)).toEqual([
      'ada@example.com',
      'bo@example.com',
      'cy@example.com',
      'di@example.com',
      'ada@example.com',
      'bo@example.com',
    ]);
    expect(results[1]).toEqual({
      status: 'completed',
      steps: [
        { nodeId: 'start', type: 'trigger', outcome: 'matched', at: AT },
        assigned('assign', null, 'bo@example.com'),
      ],
      lead: { id: 'l2', fields: { manager: 'bo@example.com' }, tags: [] },
      changes: [{ kind: 'field', field: 'manager', from: null, to: 'bo@example.com' }],
      rotations: { assign: expect.objectContaining({ strategy: 'roundRobin', last: 1 }) },
    });
  });

  it('by-location: each region rotates its own team', () => {
    const countries = ['DE', 'US', 'JP', 'FR', 'CA', 'GB', 'MX', 'BR', 'PL'];
    const results = runEach(
      'by-location',
      countries.map((country, i) => lead(`l${i}`, { country })),
    );
    expect(results.map(path_)).toEqual([
      ['start:matched', 'is-eu:pass', 'eu-team:changed'],
      ['start:matched', 'is-eu:fail', 'is-na:pass', 'na-team:changed'],
      ['start:matched', 'is-eu:fail', 'is-na:fail', 'apac-team:changed'],
      ['start:matched', 'is-eu:pass', 'eu-team:changed'],
      ['start:matched', 'is-eu:fail', 'is-na:pass', 'na-team:changed'],
      ['start:matched', 'is-eu:pass', 'eu-team:changed'],
      ['start:matched', 'is-eu:fail', 'is-na:pass', 'na-team:changed'],
      ['start:matched', 'is-eu:fail', 'is-na:fail', 'apac-team:changed'],
      ['start:matched', 'is-eu:pass', 'eu-team:changed'],
    ]);
    expect(given(results)).toEqual([
      'ada@example.com',
      'cy@example.com',
      'ed@example.com',
      'bo@example.com',
      'di@example.com',
      'fay@example.com',
      'cy@example.com',
      'ed@example.com',
      'ada@example.com',
    ]);
  });

  it('deal-value: big deals to seniors, the rest tagged nurture and rotated', () => {
    const values = [60000, 1000, 50000, null, 49999];
    const results = runEach(
      'deal-value',
      values.map((dealValue, i) => lead(`l${i}`, { dealValue })),
    );
    expect(results.map(path_)).toEqual([
      ['start:matched', 'is-big:pass', 'seniors:changed'],
      ['start:matched', 'is-big:fail', 'nurture:changed', 'others:changed'],
      ['start:matched', 'is-big:pass', 'seniors:changed'],
      ['start:matched', 'is-big:fail', 'nurture:changed', 'others:changed'],
      ['start:matched', 'is-big:fail', 'nurture:changed', 'others:changed'],
    ]);
    expect(results[1].changes).toEqual([
      { kind: 'tagAdded', tag: 'nurture' },
      { kind: 'field', field: 'manager', from: null, to: 'bo@example.com' },
    ]);
    expect(results[1].steps[2]).toEqual({
      nodeId: 'nurture',
      type: 'addTag',
      outcome: 'changed',
      detail: { tag: 'nurture' },
      at: AT,
    });
    expect(given(results)).toEqual([
      'ada@example.com',
      'bo@example.com',
      'cy@example.com',
      'di@example.com',
      'ed@example.com',
    ]);
  });

  it('hot-tag: a senior takes the lead over and its status becomes Priority', () => {
    const event: LeadEvent = { type: 'lead.tagAdded', tag: 'hot' };
    const [first, second] = runEach(
      'hot-tag',
      [
        lead('l1', { manager: 'bo@example.com', status: 'New' }, ['hot']),
        lead('l2', { status: 'Priority' }, ['hot']),
      ],
      event,
    );
    expect(first.steps).toEqual([
      { nodeId: 'start', type: 'trigger', outcome: 'matched', at: AT },
      assigned('seniors', 'bo@example.com', 'ada@example.com'),
      {
        nodeId: 'priority',
        type: 'updateField',
        outcome: 'changed',
        detail: { field: 'status', from: 'New', to: 'Priority' },
        at: AT,
      },
    ]);
    expect(first.changes).toEqual([
      { kind: 'field', field: 'manager', from: 'bo@example.com', to: 'ada@example.com' },
      { kind: 'field', field: 'status', from: 'New', to: 'Priority' },
    ]);
    expect(path_(second)).toEqual(['start:matched', 'seniors:changed', 'priority:unchanged']);
    expect(second.changes).toEqual([{ kind: 'field', field: 'manager', from: null, to: 'cy@example.com' }]);
  });

  it('industry-medicine: medical leads to the medical team only', () => {
    const industries = ['Medicine', 'Retail', 'Medicine', 'Finance', 'Medicine', 'medicine'];
    const results = runEach(
      'industry-medicine',
      industries.map((industry, i) => lead(`l${i}`, { industry })),
    );
    expect(results.map((r) => r.steps[2].nodeId)).toEqual([
      'medical-team',
      'general-team',
      'medical-team',
      'general-team',
      'medical-team',
      'general-team',
    ]);
    expect(given(results)).toEqual([
      'ada@example.com',
      'cy@example.com',
      'bo@example.com',
      'di@example.com',
      'ada@example.com',
      'ed@example.com',
    ]);
  });

  it('lead-score: runs on a score change and routes by the new score', () => {
    const workflow = example('lead-score');
    const ports = new MemoryPorts({ now: AT, managers: managers() });
    const run = (id: string, score: number) =>
      startRun(workflow, {
        event: { type: 'lead.fieldUpdated', field: 'score', from: 0, to: score },
        lead: lead(id, { score }),
        ports,
      });
    const hot = run('l1', 90);
    const warm = run('l2', 40);
    const cold = run('l3', 39);
    expect(path_(hot)).toEqual(['start:matched', 'hot:pass', 'seniors:changed']);
    expect(path_(warm)).toEqual(['start:matched', 'hot:fail', 'warm:pass', 'team:changed']);
    expect(path_(cold)).toEqual(['start:matched', 'hot:fail', 'warm:fail', 'cold:changed']);
    expect(cold.changes).toEqual([{ kind: 'tagAdded', tag: 'nurture' }]);
    expect(cold.rotations).toEqual({});
  });

  it('product-interest: a lead of neither product is left alone', () => {
    const products = ['Email Marketing', 'CRM', 'Analytics', 'Email Marketing'];
    const results = runEach(
      'product-interest',
      products.map((product, i) => lead(`l${i}`, { product })),
    );
    expect(results.map(path_)).toEqual([
      ['start:matched', 'email-mkt:pass', 'email-specialists:changed'],
      ['start:matched', 'email-mkt:fail', 'crm:pass', 'crm-specialists:changed'],
      ['start:matched', 'email-mkt:fail', 'crm:fail'],
      ['start:matched', 'email-mkt:pass', 'email-specialists:changed'],
    ]);
    expect(results[2]).toMatchObject({ status: 'completed', changes: [], rotations: {} });
    expect(given(results)).toEqual(['bo@example.com', 'ada@example.com', null, 'di@example.com']);
  });

  describe('reassign-untouched', () => {
    const workflow = example('reassign-untouched');

    it('assigns, waits two hours, then reassigns a lead still New and tags it', () => {
      const ports = new MemoryPorts({ now: AT, managers: managers() });
      const started = startRun(workflow, { event: created, lead: lead('l1', { status: 'New' }), ports });
      expect(started).toEqual({
        status: 'waiting',
        steps: [
          { nodeId: 'start', type: 'trigger', outcome: 'matched', at: AT },
          assigned('first', null, 'bo@example.com'),
          {
            nodeId: 'wait',
            type: 'wait',
            outcome: 'scheduled',
            detail: { duration: 'PT2H', until: '2026-03-02T12:00:00.000Z' },
            at: AT,
          },
        ],
        lead: { id: 'l1', fields: { status: 'New', manager: 'bo@example.com' }, tags: [] },
        changes: [{ kind: 'field', field: 'manager', from: null, to: 'bo@example.com' }],
        rotations: { first: expect.objectContaining({ last: 0 }) },
        wait: {
          until: new Date('2026-03-02T12:00:00.000Z'),
          resume: { nodeId: 'wait', stack: [], visited: ['start', 'first', 'wait'] },
        },
      });
      ports.persist(started);

      ports.clock = new Date('2026-03-02T12:00:00.000Z');
      const resume = JSON.parse(JSON.stringify(started.wait?.resume));
      const resumed = resumeRun(workflow, { resume, event: created, lead: started.lead, ports });
      const later = '2026-03-02T12:00:00.000Z';
      expect(resumed).toEqual({
        status: 'completed',
        steps: [
          { nodeId: 'wait', type: 'wait', outcome: 'resumed', at: later },
          {
            nodeId: 'untouched',
            type: 'filter',
            outcome: 'pass',
            detail: { values: { 'lead.status': 'New' } },
            at: later,
          },
          { ...assigned('backup', 'bo@example.com', 'ada@example.com'), at: later },
          { nodeId: 'tag', type: 'addTag', outcome: 'changed', detail: { tag: 'reassigned' }, at: later },
        ],
        lead: { id: 'l1', fields: { status: 'New', manager: 'ada@example.com' }, tags: ['reassigned'] },
        changes: [
          { kind: 'field', field: 'manager', from: 'bo@example.com', to: 'ada@example.com' },
          { kind: 'tagAdded', tag: 'reassigned' },
        ],
        rotations: { backup: expect.objectContaining({ last: 0 }) },
      });
    });

    it('leaves a lead that was worked on during the wait', () => {
      const ports = new MemoryPorts({ now: AT, managers: managers() });
      const started = startRun(workflow, { event: created, lead: lead('l1', { status: 'New' }), ports });
      const touched = { ...started.lead, fields: { ...started.lead.fields, status: 'Contacted' } };
      const resumed = resumeRun(workflow, {
        resume: started.wait!.resume,
        event: created,
        lead: touched,
        ports,
      });
      expect(path_(resumed)).toEqual(['wait:resumed', 'untouched:fail']);
      expect(resumed).toMatchObject({ status: 'completed', changes: [], rotations: {} });
    });
  });
  it('ab-split: branch A rotates, branch B goes to the fewest open leads, each lead always in its branch', () => {
    const results = runEach(
      'ab-split',
      ['lead-1', 'lead-2', 'lead-3', 'lead-4', 'lead-5', 'lead-6'].map((id) => lead(id)),
    );
    expect(results.map(path_)).toEqual([
      ['start:matched', 'test:A', 'rotation:changed'],
      ['start:matched', 'test:B', 'least-loaded:changed'],
      ['start:matched', 'test:B', 'least-loaded:changed'],
      ['start:matched', 'test:A', 'rotation:changed'],
      ['start:matched', 'test:B', 'least-loaded:changed'],
      ['start:matched', 'test:A', 'rotation:changed'],
    ]);
    expect(results[0].steps[1]).toEqual({
      nodeId: 'test',
      type: 'split',
      outcome: 'A',
      detail: { branch: 'A', bucket: 33 },
      at: AT,
    });
    // ada 1 open lead after lead-1; bo, cy, di 0: bo, then cy, then (bo 2 after lead-4) di.
    expect(given(results)).toEqual([
      'ada@example.com',
      'bo@example.com',
      'cy@example.com',
      'bo@example.com',
      'di@example.com',
      'cy@example.com',
    ]);
    expect(results[1].steps[2].detail).toMatchObject({ strategy: 'leastLoaded', reason: 'leastLoaded' });
    expect(results[1].rotations).toEqual({});
  });

  it('account-owner: the rep of the newest lead of the company if available, without moving the rotation', () => {
    const workflow = example('account-owner');
    const ports = new MemoryPorts({ now: AT, managers: managers() });
    ports.accounts.push(
      { leadId: 'old-1', company: 'acme', manager: 'cy@example.com' },
      { leadId: 'old-2', company: 'acme', manager: 'fay@example.com' },
    );
    const run = (l: Lead) => {
      const result = startRun(workflow, { event: created, lead: l, ports });
      ports.persist(result);
      return result;
    };
    const owner = run(lead('n1', { company: ' ACME ' }));
    expect(owner.steps[1]).toEqual({
      nodeId: 'owner',
      type: 'updateField',
      outcome: 'changed',
      detail: {
        field: 'manager',
        from: null,
        to: 'fay@example.com',
        given: 'fay@example.com',
        strategy: 'roundRobin',
        reason: 'sticky',
        skipped: [],
        account: { by: 'company', key: 'acme' },
      },
      at: AT,
    });
    expect(owner.rotations).toEqual({});
    ports.managers.get('fay@example.com')!.available = false;
    expect(given([run(lead('n2', { company: 'Acme' }))])).toEqual(['cy@example.com']);
    const newcomers = [run(lead('n3', { company: 'Globex' })), run(lead('n4', { company: 'Initech' }))];
    expect(given(newcomers)).toEqual(['ada@example.com', 'bo@example.com']);
    expect(newcomers[0].steps[1].detail).toMatchObject({
      reason: 'rotation',
      skipped: [{ value: 'fay@example.com', reason: 'unavailable' }],
    });
  });

  it('availability: the fewest open leads among those who can take it, else tagged unassigned', () => {
    const workflow = example('availability');
    const team = managers();
    const set = (email: string, changes: object) =>
      Object.assign(
        team.find((m) => m.email === email)!,
        changes,
      );
    set('ada@example.com', { available: false });
    set('bo@example.com', { capacity: 2, openLeads: 2 });
    // 10:00 UTC is 05:00 in New York
    set('cy@example.com', { workingHours: { timezone: 'America/New_York', days: { mon: ['09:00-17:00'] } } });
    set('di@example.com', { openLeads: 3 });
    set('ed@example.com', { openLeads: 1 });
    set('fay@example.com', { openLeads: 1, awayUntil: '2026-03-02T09:00:00.000Z' });
    const ports = new MemoryPorts({ now: AT, managers: team });
    const first = startRun(workflow, { event: created, lead: lead('l1'), ports });
    expect(first.steps).toEqual([
      { nodeId: 'start', type: 'trigger', outcome: 'matched', at: AT },
      {
        nodeId: 'assign',
        type: 'updateField',
        outcome: 'changed',
        detail: {
          field: 'manager',
          from: null,
          to: 'ed@example.com',
          given: 'ed@example.com',
          strategy: 'leastLoaded',
          reason: 'leastLoaded',
          skipped: [
            { value: 'ada@example.com', reason: 'unavailable' },
            { value: 'bo@example.com', reason: 'atCapacity' },
            { value: 'cy@example.com', reason: 'outsideWorkingHours' },
          ],
        },
        at: AT,
      },
    ]);
    for (const m of team) m.available = false;
    const nobody = startRun(workflow, { event: created, lead: lead('l2'), ports });
    expect(path_(nobody)).toEqual(['start:matched', 'assign:unchanged', 'unassigned:changed']);
    expect(nobody.steps[1].detail).toMatchObject({ given: null, reason: 'noEligibleValue' });
    expect(nobody.changes).toEqual([{ kind: 'tagAdded', tag: 'unassigned' }]);
  });

  it('industry-match: rotates among the reps who know the industry, else among everyone', () => {
    const industries = ['Medicine', 'Finance', 'Medicine', 'Retail', 'Space'];
    const results = runEach(
      'industry-match',
      industries.map((industry, i) => lead(`l${i}`, { industry })),
    );
    expect(results.map(path_)).toEqual([
      ['start:matched', 'specialists:changed'],
      ['start:matched', 'specialists:changed'],
      ['start:matched', 'specialists:changed'],
      ['start:matched', 'specialists:changed'],
      ['start:matched', 'specialists:unchanged', 'everyone:changed'],
    ]);
    // bo was passed over for the Finance lead: it is owed that turn and takes the next Medicine lead.
    expect(given(results)).toEqual([
      'ada@example.com',
      'cy@example.com',
      'bo@example.com',
      'di@example.com',
      'ada@example.com',
    ]);
    expect(results[2].steps[1].detail).toMatchObject({ reason: 'owedTurn' });
    expect(results[1].steps[1].detail).toMatchObject({
      skipped: ['ada', 'bo', 'di', 'fay'].map((name) => ({
        value: `${name}@example.com`,
        reason: 'condition',
      })),
    });
    expect(results[4].steps[1].detail).toMatchObject({ given: null, reason: 'noEligibleValue' });
  });

  it('reassign-someone-else: a day later, a lead still New goes to another rep of the pool', () => {
    const workflow = example('reassign-someone-else');
    const ports = new MemoryPorts({ now: AT, managers: managers() });
    const started = startRun(workflow, { event: created, lead: lead('l1', { status: 'New' }), ports });
    ports.persist(started);
    expect(started.wait?.until).toEqual(new Date('2026-03-03T10:00:00.000Z'));
    ports.clock = new Date('2026-03-03T10:00:00.000Z');
    const resumed = resumeRun(workflow, {
      resume: started.wait!.resume,
      event: created,
      lead: started.lead,
      ports,
    });
    expect(path_(resumed)).toEqual(['wait:resumed', 'untouched:pass', 'someone-else:changed', 'tag:changed']);
    expect(resumed.steps[2].detail).toEqual({
      field: 'manager',
      from: 'bo@example.com',
      to: 'di@example.com',
      given: 'di@example.com',
      strategy: 'roundRobin',
      reason: 'rotation',
      skipped: [{ value: 'bo@example.com', reason: 'current' }],
    });
    expect(resumed.changes).toEqual([
      { kind: 'field', field: 'manager', from: 'bo@example.com', to: 'di@example.com' },
      { kind: 'tagAdded', tag: 'reassigned' },
    ]);
  });

  it('weighted: Ada 2, Bo 2, Cy 1, interleaved', () => {
    const results = runEach(
      'weighted',
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => lead(`l${i}`)),
    );
    const names = given(results).map((email) => String(email).split('@')[0]);
    expect(names).toEqual(['ada', 'bo', 'cy', 'ada', 'bo', 'ada', 'bo', 'cy', 'ada', 'bo']);
    expect(results[0].steps[1].detail).toMatchObject({ strategy: 'weighted', reason: 'weighted' });
  });

  it('every example compiles and runs a lead to completion or a wait', () => {
    const names = readdirSync(EXAMPLES)
      .filter((file) => file.endsWith('.workflow.json'))
      .map((file) => file.replace('.workflow.json', ''));
    expect(names.length).toBeGreaterThanOrEqual(14);
    for (const name of names) {
      const [result] = runEach(name, [
        lead('any', { country: 'DE', score: 50, status: 'New', industry: 'Retail' }),
      ]);
      expect(['completed', 'waiting']).toContain(result.status);
    }
  });
});
