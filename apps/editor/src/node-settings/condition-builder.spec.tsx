import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { Field } from '../api/client';
import { ConditionBuilder } from './condition-builder';
import { validate } from '../document/validation';

const fields: Field[] = [
  { key: 'country', label: 'Country', type: 'text' },
  { key: 'dealValue', label: 'Deal value', type: 'number' },
  { key: 'score', label: 'Score', type: 'number' },
  { key: 'vip', label: 'VIP', type: 'boolean' },
];

const set = (name: string) => ({ '!': { missing: name } });
const v = (name: string) => ({ var: name });

/** The builder with its condition kept in state, as a node's data is; `changes` records each condition. */
function renderBuilder(initial: unknown = true) {
  const changes: unknown[] = [];
  function Harness() {
    const [condition, setCondition] = useState(initial);
    return (
      <ConditionBuilder
        condition={condition}
        fields={fields}
        onChange={(next) => {
          changes.push(next);
          setCondition(next);
        }}
      />
    );
  }
  const view = render(<Harness />);
  return { changes, view };
}

async function addRule(field: string, operator: string) {
  await userEvent.click(screen.getByRole('button', { name: '+ Rule' }));
  const rows = screen.getAllByRole('listitem');
  const row = rows[rows.length - 1];
  await userEvent.selectOptions(within(row).getByLabelText('Field'), field);
  await userEvent.selectOptions(within(row).getByLabelText('Operator'), operator);
  return row;
}

const filterFile = (condition: unknown) => ({
  format: 'leadflow.workflow/v1',
  name: 'Big deals',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    { id: 'big-deals', type: 'filter', data: { condition } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'big-deals' }],
});

describe(ConditionBuilder.name, () => {
  it('saves values with the type of their field: true, 90, [80, 90] (issue 11.1)', async () => {
    const { changes } = renderBuilder();
    const vip = await addRule('VIP', 'is');
    await userEvent.selectOptions(within(vip).getByLabelText('Value'), 'true');
    const score = await addRule('Score', 'is');
    await userEvent.type(within(score).getByLabelText('Value'), '90');
    const scores = await addRule('Score', 'is one of');
    await userEvent.type(within(scores).getByLabelText('Add a value'), '80{Enter}90{Enter}');
    expect(changes.at(-1)).toEqual({
      and: [
        { and: [set('lead.vip'), { '==': [v('lead.vip'), true] }] },
        { and: [set('lead.score'), { '==': [v('lead.score'), 90] }] },
        { and: [set('lead.score'), { in: [v('lead.score'), [80, 90]] }] },
      ],
    });
  });

  it('gives in / not in a list of chips that stays while empty, and saves it as a list (issue 11.2)', async () => {
    const { changes } = renderBuilder();
    const row = await addRule('Country', 'is one of');
    expect(screen.queryByText(/builder cannot show/)).not.toBeInTheDocument();
    const input = within(row).getByLabelText('Add a value');
    await userEvent.type(input, 'DE{Enter}AT,CH{Enter}');
    expect(changes.at(-1)).toEqual({
      and: [{ and: [set('lead.country'), { in: [v('lead.country'), ['DE', 'AT', 'CH']] }] }],
    });
    for (const country of ['DE', 'AT', 'CH'])
      await userEvent.click(within(row).getByRole('button', { name: `Remove ${country}` }));
    // Cleared, the list is still there to type into, and the rule says it is unfinished.
    expect(within(row).getByLabelText('Add a value')).toBeInTheDocument();
    expect(within(row).getByText('Unfinished: this rule has no values in its list')).toBeInTheDocument();
    await userEvent.selectOptions(within(row).getByLabelText('Operator'), 'is not one of');
    await userEvent.type(within(row).getByLabelText('Add a value'), 'FR{Enter}');
    expect(changes.at(-1)).toEqual({
      and: [{ and: [set('lead.country'), { '!': { in: [v('lead.country'), ['FR']] } }] }],
    });
  });

  it('keeps a half-filled between as an unfinished rule that blocks activation, never as true (issue 11.3)', async () => {
    const { changes, view } = renderBuilder();
    const row = await addRule('Deal value', 'is between');
    await userEvent.type(within(row).getByLabelText('From'), '10000');
    const condition = changes.at(-1);
    expect(condition).toEqual({
      and: [{ and: [set('lead.dealValue'), { '<=': [10000, v('lead.dealValue'), null] }] }],
    });
    expect(within(row).getByText(/Unfinished: this rule has only one end of its range/)).toBeInTheDocument();

    const { save, activation } = validate(filterFile(condition), { fields });
    expect(save).toEqual([]);
    expect(activation).toEqual([
      expect.objectContaining({ nodeId: 'big-deals', path: 'nodes[1].data.condition.and[0]' }),
    ]);

    // As after a reload: the rule is read back from the saved condition, half-filled as it was.
    view.unmount();
    renderBuilder(condition);
    expect(screen.getByLabelText('From')).toHaveValue(10000);
    expect(screen.getByLabelText('To')).toHaveValue(null);
  });

  it('reads a comparison as "is set and …" and writes the guard that keeps missing values out (issue 11.12)', async () => {
    const { changes } = renderBuilder();
    const row = await addRule('Deal value', 'is less than');
    await userEvent.type(within(row).getByLabelText('Value'), '1000');
    expect(within(row).getByText('Deal value is set and is less than 1,000')).toBeInTheDocument();
    expect(changes.at(-1)).toEqual({
      and: [{ and: [set('lead.dealValue'), { '<': [v('lead.dealValue'), 1000] }] }],
    });
  });

  it('offers only the operators that fit the field', async () => {
    renderBuilder();
    const row = await addRule('Country', 'is');
    const operators = () =>
      within(within(row).getByLabelText('Operator'))
        .getAllByRole('option')
        .map((option) => option.textContent);
    expect(operators()).toContain('equals (any case)');
    expect(operators()).not.toContain('is between');
    await userEvent.selectOptions(within(row).getByLabelText('Field'), 'Score');
    expect(operators()).toContain('is between');
    expect(operators()).not.toContain('contains');
  });

  it('shows a rule on a custom field in the builder once the fields have loaded', () => {
    const condition = { and: [{ and: [set('lead.vip'), { '==': [v('lead.vip'), true] }] }] };
    const { rerender } = render(<ConditionBuilder condition={condition} fields={[]} onChange={() => {}} />);
    expect(screen.getByRole('button', { name: 'JSON' })).toHaveAttribute('aria-pressed', 'true');
    rerender(<ConditionBuilder condition={condition} fields={fields} onChange={() => {}} />);
    expect(screen.getByRole('button', { name: 'Builder' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Value')).toHaveValue('true');
  });

  it('opens a plain JSON comparison, which lets missing values through, in the JSON view', () => {
    renderBuilder({ and: [{ '<': [v('lead.dealValue'), 1000] }] });
    expect(screen.getByRole('button', { name: 'JSON' })).toHaveAttribute('aria-pressed', 'true');
  });
});
