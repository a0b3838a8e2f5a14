import { compileCondition } from '../conditions/condition';
import { compileWorkflow } from '../graph/compile-workflow';
import { createTriggerIndex, triggerMatches } from '../trigger/trigger-index';
import {
  addTag,
  created,
  filter,
  lead,
  MemoryPorts,
  removeTag,
  trigger,
  workflowFile,
} from '../../test/fixtures';
import { startRun } from './run-workflow';

// api.md: tags compare without regard to case, in triggers, in workflow actions and in conditions.
describe('tags compare without regard to case', () => {
  it('fires a tag trigger for the tag in any spelling', () => {
    expect(
      triggerMatches({ event: 'lead.tagAdded', tag: 'hot' }, { type: 'lead.tagAdded', tag: 'HOT' }),
    ).toBe(true);
    expect(
      triggerMatches({ event: 'lead.tagAdded', tag: 'Hot' }, { type: 'lead.tagAdded', tag: 'hot' }),
    ).toBe(true);
    expect(
      triggerMatches({ event: 'lead.tagAdded', tag: 'hot' }, { type: 'lead.tagAdded', tag: 'hots' }),
    ).toBe(false);
    const index = createTriggerIndex([
      { id: 'lower', trigger: { event: 'lead.tagAdded', tag: 'hot' } },
      { id: 'any', trigger: { event: 'lead.tagAdded' } },
      { id: 'upper', trigger: { event: 'lead.tagAdded', tag: 'HOT' } },
    ]);
    expect(index.match({ type: 'lead.tagAdded', tag: 'Hot' })).toEqual(['lower', 'any', 'upper']);
    expect(index.match({ type: 'lead.tagAdded', tag: 'cold' })).toEqual(['any']);
  });

  it('adds no second spelling of a tag and removes it in any spelling', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), addTag('HOT'), removeTag('VIP')],
        [
          ['start', 'HOT'],
          ['HOT', 'VIP'],
        ],
      ),
    );
    const result = startRun(workflow, {
      event: created,
      lead: lead('l1', {}, ['hot', 'Vip']),
      ports: new MemoryPorts(),
    });
    expect(result.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual([
      'start:matched',
      'HOT:unchanged',
      'VIP:changed',
    ]);
    expect(result.lead.tags).toEqual(['hot']);
    expect(result.changes).toEqual([{ kind: 'tagRemoved', tag: 'VIP' }]);
  });

  it('finds a tag in lead.tags in any spelling, and leaves other lists to `in` as it is', () => {
    const contains = compileCondition({ in: ['hot', { var: 'lead.tags' }] });
    expect(contains.test({ lead: { tags: ['b2b', 'HOT'] } })).toBe(true);
    expect(contains.test({ lead: { tags: ['b2b'] } })).toBe(false);
    expect(contains.test({ lead: {} })).toBe(false);
    const doesNotContain = compileCondition({ '!': { in: ['Hot', { var: ['lead.tags', []] }] } });
    expect(doesNotContain.test({ lead: { tags: ['hot'] } })).toBe(false);
    expect(doesNotContain.test({ lead: { tags: [] } })).toBe(true);
    const filterWorkflow = compileWorkflow(
      workflowFile([trigger(), filter('hot', { in: ['hot', { var: 'lead.tags' }] })], [['start', 'hot']]),
    );
    const run = startRun(filterWorkflow, {
      event: created,
      lead: lead('l1', {}, ['Hot']),
      ports: new MemoryPorts(),
    });
    expect(run.steps.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual(['start:matched', 'hot:pass']);
    // Other lists keep json-logic-js's exact `in`.
    expect(
      compileCondition({ in: ['de', { var: 'lead.countries' }] }).test({ lead: { countries: ['DE'] } }),
    ).toBe(false);
    expect(compileCondition({ in: ['ot', { var: 'lead.tags' }] }).test({ lead: { tags: 'hot' } })).toBe(true);
  });
});
