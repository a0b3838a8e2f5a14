import { compileWorkflow, startRun, type ManagerInfo, type RunPorts } from '@leadflow/engine';
import { WORKFLOW_FORMAT, type WorkflowFile } from '@leadflow/workflow';
import { render, screen } from '@testing-library/react';
import { testManager } from '../../test/fixtures';
import type { RunStep } from '../api/client';
import { managerNamer } from '../insight/rotation-figures';
import { StepItem } from './runs-panel';
import { comparedValues, describeStep, stepNodeName } from './step-words';

const team = [testManager('Ada Lovelace', 'Ada@Example.com'), testManager('Bo Chen', 'bo@example.com')];
const managerName = managerNamer(team);

const assignment = (detail: Record<string, unknown>, outcome = 'changed'): RunStep => ({
  nodeId: 'assign',
  type: 'updateField',
  outcome,
  at: '2026-11-28T10:00:00.000Z',
  detail: { field: 'manager', from: null, to: detail.given, strategy: 'roundRobin', skipped: [], ...detail },
});

/** The words as they read on the page, stressed value included. */
const sentence = (step: RunStep) => {
  const words = describeStep(step, managerName);
  return [words.text, words.given, words.because && `— ${words.because}`].filter(Boolean).join(' ');
};

describe(describeStep.name, () => {
  it('says who was given and why, for every reason the engine gives', () => {
    const gave = (reason: string, extra: Record<string, unknown> = {}) =>
      sentence(assignment({ given: 'bo@example.com', reason, ...extra }));
    expect(gave('rotation')).toBe('Gave Bo Chen — rotation');
    expect(gave('owedTurn')).toBe('Gave Bo Chen — owed turn (was skipped before)');
    expect(gave('weighted')).toBe('Gave Bo Chen — weighted');
    expect(gave('leastLoaded')).toBe('Gave Bo Chen — least loaded');
    expect(gave('random')).toBe('Gave Bo Chen — random');
    expect(gave('sticky', { account: { by: 'company', key: 'acme' } })).toBe(
      'Gave Bo Chen — same account (company “acme”)',
    );
    expect(gave('sticky', { account: { by: 'emailDomain', key: 'acme.com' } })).toBe(
      'Gave Bo Chen — same account (email domain “acme.com”)',
    );
    expect(gave('somethingNew')).toBe('Gave Bo Chen — somethingNew');
  });

  it('names managers known here (whatever the case of their email) and shows the email of others', () => {
    const words = describeStep(
      assignment({
        given: 'zed@example.com',
        reason: 'rotation',
        skipped: [
          { value: 'ada@example.com', reason: 'away' },
          { value: 'bo@example.com', reason: 'outsideWorkingHours' },
          { value: 'cy@example.com', reason: 'unknownManager' },
        ],
      }),
      managerName,
    );
    expect(words.given).toBe('zed@example.com');
    expect(words.skipped).toBe(
      'Ada Lovelace (away), Bo Chen (outside working hours), cy@example.com (unknown manager)',
    );
  });

  it('says when nobody could be given, with everyone skipped and why', () => {
    const none = describeStep(
      assignment(
        {
          given: null,
          reason: 'noEligibleValue',
          skipped: [
            { value: 'ada@example.com', reason: 'atCapacity' },
            { value: 'bo@example.com', reason: 'condition' },
          ],
        },
        'unchanged',
      ),
      managerName,
    );
    expect(none).toEqual({
      text: 'Nobody could be given: every rep was skipped',
      skipped: 'Ada Lovelace (at capacity), Bo Chen (condition not met)',
    });
    expect(describeStep(assignment({ given: null, reason: 'noValues' }, 'unchanged'), managerName)).toEqual({
      text: 'Nobody could be given: the list is empty',
    });
  });

  it('reads rotations on other fields with their values as they are', () => {
    const step = assignment({ field: 'status', given: 'Won', reason: 'rotation', skipped: [] }, 'unchanged');
    expect(sentence(step)).toBe('Gave status “Won” — rotation, no change');
    expect(
      describeStep(
        assignment({
          field: 'status',
          given: null,
          reason: 'noEligibleValue',
          skipped: [{ value: 'Won', reason: 'current' }],
        }),
        managerName,
      ),
    ).toEqual({
      text: 'Nothing could be given: every value was skipped',
      skipped: '“Won” (has the lead now)',
    });
  });

  it('puts the other steps in short words', () => {
    const step = (type: string, outcome: string, detail?: Record<string, unknown>) =>
      describeStep({ nodeId: 'n', type, outcome, at: '', ...(detail ? { detail } : {}) }, managerName).text;
    expect(step('trigger', 'matched')).toBe('Started by the trigger');
    expect(step('filter', 'pass')).toBe('Passed the filter');
    expect(step('filter', 'fail')).toBe('Failed the filter');
    expect(step('split', 'B', { branch: 'B', bucket: 61 })).toBe('Took branch B');
    const until = '2026-11-28T12:00:00.000Z';
    expect(step('wait', 'scheduled', { duration: 'PT2H', until })).toBe(
      `Waits 2 hours, until ${new Date(until).toLocaleString()}`,
    );
    expect(step('wait', 'resumed')).toBe('Resumed after the wait');
    expect(step('addTag', 'changed', { tag: 'hot' })).toBe('Added tag “hot”');
    expect(step('addTag', 'unchanged', { tag: 'hot' })).toBe('Tag “hot” was there already');
    expect(step('removeTag', 'changed', { tag: 'hot' })).toBe('Removed tag “hot”');
    expect(step('removeTag', 'unchanged', { tag: 'hot' })).toBe('Tag “hot” was not there');
    expect(step('updateField', 'changed', { field: 'status', from: 'New', to: 'Won' })).toBe(
      'status: “New” → “Won”',
    );
    expect(step('updateField', 'changed', { field: 'score', from: null, to: 5 })).toBe('score: empty → 5');
    expect(step('updateField', 'changed', { field: 'manager', from: 'ada@example.com', to: null })).toBe(
      'manager: Ada Lovelace → nobody',
    );
    expect(step('updateField', 'unchanged', { field: 'status', from: 'Won', to: 'Won' })).toBe(
      'status was “Won” already',
    );
  });

  it('says which values a filter compared, as the engine records them', () => {
    const workflow = compileWorkflow({
      format: WORKFLOW_FORMAT,
      name: 'Germany only',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        {
          id: 'filter-1',
          type: 'filter',
          data: {
            condition: {
              and: [{ '==': [{ var: 'lead.country' }, 'DE'] }, { '>=': [{ var: 'lead.dealValue' }, 100] }],
            },
          },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'filter-1' }],
    });
    const run = startRun(workflow, {
      event: { type: 'lead.created' },
      lead: { id: 'l1', fields: { country: 'FR', dealValue: 500 }, tags: [] },
      ports: {
        now: () => new Date(),
        loadRotation: () => null,
        manager: () => undefined,
        accountManagers: () => [],
      },
    });
    const step = run.steps.find((candidate) => candidate.nodeId === 'filter-1')!;
    expect(sentence(step)).toBe('Failed the filter — country was "FR", dealValue was 500');
  });

  it('puts compared values in words: empty for nothing, managers by name, lists as written', () => {
    expect(
      comparedValues(
        {
          'lead.country': null,
          'lead.manager': 'bo@example.com',
          'lead.tags': ['vip'],
          'event.field': 'status',
        },
        managerName,
      ),
    ).toBe('country was empty, manager was Bo Chen, tags was ["vip"], event.field was "status"');
    expect(comparedValues({}, managerName)).toBeUndefined();
    expect(comparedValues(undefined, managerName)).toBeUndefined();
  });

  it('reads an assignment step exactly as the engine writes it', () => {
    const workflow: WorkflowFile = {
      format: WORKFLOW_FORMAT,
      name: 'Rotation',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        {
          id: 'assign',
          type: 'updateField',
          data: {
            field: 'manager',
            operation: 'replaceWithOneOf',
            values: ['ada@example.com', 'bo@example.com'],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'assign' }],
    };
    const managers = new Map<string, ManagerInfo>([
      ['ada@example.com', { ...team[0], email: 'ada@example.com', awayUntil: '2999-01-01T00:00:00.000Z' }],
      ['bo@example.com', team[1]],
    ]);
    const ports: RunPorts = {
      now: () => new Date('2026-11-28T10:00:00.000Z'),
      loadRotation: () => null,
      manager: (email) => managers.get(email),
      accountManagers: () => [],
    };
    const run = startRun(compileWorkflow(workflow), {
      event: { type: 'lead.created' },
      lead: { id: 'l1', fields: {}, tags: [] },
      ports,
    });
    const step = run.steps.find((candidate) => candidate.nodeId === 'assign')!;
    expect(describeStep(step, managerName)).toEqual({
      text: 'Gave',
      given: 'Bo Chen',
      because: 'rotation',
      skipped: 'Ada Lovelace (away)',
    });
  });
});

describe(StepItem.name, () => {
  it('stresses who was given, lists the skipped, and keeps the raw detail behind a disclosure', () => {
    const step = assignment({
      given: 'bo@example.com',
      reason: 'owedTurn',
      skipped: [{ value: 'ada@example.com', reason: 'unavailable' }],
    });
    render(
      <ol>
        <StepItem step={step} managerName={managerName} />
      </ol>,
    );
    const item = screen.getByRole('listitem');
    expect(screen.getByText('Bo Chen', { selector: 'strong' })).toBeInTheDocument();
    expect(item).toHaveTextContent('Gave Bo Chen — owed turn (was skipped before)');
    expect(item).toHaveTextContent('Skipped: Ada Lovelace (unavailable)');
    const details = item.querySelector('details')!;
    expect(details).not.toHaveAttribute('open');
    expect(details).toHaveTextContent('"reason": "owedTurn"');
  });
});

describe(stepNodeName.name, () => {
  const nodes = new Map<string, { data?: unknown }>([
    ['filter-1', { data: { label: 'Only Germany', condition: true } }],
    ['assign', { data: { label: '  ' } }],
  ]);
  it("names a step's node by its label, else by its type in words, never by its id", () => {
    expect(stepNodeName({ nodeId: 'filter-1', type: 'filter' }, nodes)).toBe('Only Germany');
    expect(stepNodeName({ nodeId: 'assign', type: 'updateField' }, nodes)).toBe('Update field');
    expect(stepNodeName({ nodeId: 'gone', type: 'addTag' }, nodes)).toBe('Add tag');
    expect(stepNodeName({ nodeId: 'start', type: 'trigger' })).toBe('Trigger');
  });
});
