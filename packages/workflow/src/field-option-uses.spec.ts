import { fieldOptionUses } from './field-option-uses';

describe(fieldOptionUses.name, () => {
  const workflow = {
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      { id: 'gold?', type: 'filter', data: { condition: { '==': [{ var: 'lead.tier' }, 'Gold'] } } },
      {
        id: 'eu?',
        type: 'filter',
        data: {
          condition: {
            and: [
              { in: [{ var: 'lead.tier' }, ['Silver', 'Bronze']] },
              { '==': [{ var: 'lead.country' }, 'Gold'] },
            ],
          },
        },
      },
      { id: 'set', type: 'updateField', data: { field: 'tier', operation: 'set', value: 'Bronze' } },
      { id: 'other', type: 'updateField', data: { field: 'status', operation: 'set', value: 'Silver' } },
      {
        id: 'rotate',
        type: 'updateField',
        data: {
          field: 'tier',
          operation: 'replaceWithOneOf',
          values: ['Gold', 'Tin'],
          eligibility: { condition: { '!=': [{ var: ['lead.tier', null] }, 'Tin'] } },
        },
      },
    ],
  };

  it('names the nodes that set, rotate or compare each option of the field', () => {
    const uses = fieldOptionUses(workflow, 'tier', ['Gold', 'Silver', 'Bronze', 'Tin', 'Platinum']);
    expect(Object.fromEntries(uses)).toEqual({
      Gold: ['gold?', 'rotate'],
      Silver: ['eu?'],
      Bronze: ['eu?', 'set'],
      Tin: ['rotate'],
    });
  });

  it('ignores other fields and options not asked about', () => {
    expect(fieldOptionUses(workflow, 'tier', ['Platinum']).size).toBe(0);
    expect(fieldOptionUses(workflow, 'region', ['Gold']).size).toBe(0);
  });
});
