import { readFileSync } from 'node:fs';
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
          { nodeId: 'untouched', type: 'filter', outcome: 'pass', at: later },
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
});
