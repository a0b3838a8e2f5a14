import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { testManager } from '../../test/fixtures';
import type { Field } from '../api/client';
import type { FlowNode } from '../document/graph';
import { SettingsPanel } from './settings-panel';

const fields: Field[] = [
  { key: 'industry', label: 'Industry', type: 'text' },
  { key: 'dealValue', label: 'Deal value', type: 'number' },
  { key: 'manager', label: 'Manager', type: 'manager' },
];

const manager = testManager;
const managers = [
  manager('Ada Lovelace', 'ada@example.com'),
  manager('Bo Chen', 'bo@example.com', { available: false }),
  manager('Cy Okafor', 'cy@example.com'),
];

/** The panel with its node kept in state, as the editor does; `changes` records each new data. */
function renderPanel(type: FlowNode['type'], data: Record<string, unknown>) {
  const changes: Record<string, unknown>[] = [];
  function Harness() {
    const [node, setNode] = useState<FlowNode>({ id: 'n1', type, position: { x: 0, y: 0 }, data });
    return (
      <SettingsPanel
        node={node}
        fields={fields}
        managers={managers}
        onChange={(next) => {
          changes.push(next);
          setNode({ ...node, data: next });
        }}
      />
    );
  }
  render(<Harness />);
  return changes;
}

describe(SettingsPanel.name, () => {
  it('edits a trigger: event and field', async () => {
    const changes = renderPanel('trigger', { event: 'lead.created' });
    await userEvent.selectOptions(screen.getByLabelText('Event'), 'lead.fieldUpdated');
    await userEvent.selectOptions(screen.getByLabelText('Field'), 'industry');
    expect(changes.at(-1)).toEqual({ event: 'lead.fieldUpdated', field: 'industry' });
    await userEvent.selectOptions(screen.getByLabelText('Event'), 'lead.tagAdded');
    await userEvent.type(screen.getByLabelText('Tag'), 'hot');
    expect(changes.at(-1)).toEqual({ event: 'lead.tagAdded', tag: 'hot' });
  });

  it('builds a filter condition and shows it as JSONLogic', async () => {
    const changes = renderPanel('filter', { condition: true });
    await userEvent.click(screen.getByRole('button', { name: '+ Rule' }));
    const value = screen.getByRole('textbox', { name: /value/i });
    await userEvent.type(value, 'Medicine');
    const medicine = {
      and: [
        { and: [{ '!': { missing: 'lead.industry' } }, { '==': [{ var: 'lead.industry' }, 'Medicine'] }] },
      ],
    };
    expect(changes.at(-1)).toEqual({ condition: medicine });
    await userEvent.click(screen.getByRole('button', { name: 'JSON' }));
    expect(JSON.parse((screen.getByLabelText('JSONLogic') as HTMLTextAreaElement).value)).toEqual(medicine);
  });

  it('shows a single-rule condition from a file in the builder without changing it', () => {
    const changes = renderPanel('filter', {
      condition: {
        or: [{ and: [{ '!': { missing: 'lead.dealValue' } }, { '>=': [{ var: 'lead.dealValue' }, 10000] }] }],
      },
    });
    expect(screen.getByRole('button', { name: 'Builder' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByDisplayValue('10000')).toBeInTheDocument();
    expect(changes).toEqual([]);
  });

  it('opens a condition the builder cannot show in the JSON view and edits it there', () => {
    const changes = renderPanel('filter', { condition: { if: [{ var: 'lead.score' }, true, false] } });
    const json = screen.getByLabelText('JSONLogic');
    fireEvent.change(json, { target: { value: '{"in": ["vip", {"var": "lead.tags"}]}' } });
    expect(changes.at(-1)).toEqual({ condition: { in: ['vip', { var: 'lead.tags' }] } });
    fireEvent.change(json, { target: { value: '{"in": [' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Not valid JSON yet');
    expect(changes).toHaveLength(1);
  });

  it('picks managers in rotation order, shows availability and reorders', async () => {
    const changes = renderPanel('updateField', {
      field: 'manager',
      operation: 'replaceWithOneOf',
      values: [],
      strategy: 'roundRobin',
    });
    await userEvent.type(screen.getByLabelText('Add a manager'), 'bo');
    const candidates = screen.getByRole('list', { name: 'Managers to add' });
    expect(within(candidates).getByText('unavailable')).toBeInTheDocument();
    await userEvent.click(within(candidates).getByRole('button', { name: 'Add Bo Chen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add Ada Lovelace' }));
    expect(changes.at(-1)).toMatchObject({ values: ['bo@example.com', 'ada@example.com'] });
    await userEvent.click(screen.getByRole('button', { name: 'Move ada@example.com up' }));
    expect(changes.at(-1)).toMatchObject({ values: ['ada@example.com', 'bo@example.com'] });
    const chosen = screen.getByRole('list', { name: 'Managers in rotation order' });
    expect(within(chosen).getAllByRole('listitem')[0]).toHaveTextContent('Ada Lovelace');
  });

  it('keeps weights with their managers when reordering', async () => {
    const changes = renderPanel('updateField', {
      field: 'manager',
      operation: 'replaceWithOneOf',
      values: ['ada@example.com', 'cy@example.com'],
      strategy: 'weighted',
      weights: [3, 1],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Move cy@example.com up' }));
    expect(changes.at(-1)).toMatchObject({ values: ['cy@example.com', 'ada@example.com'], weights: [1, 3] });
    const ada = screen.getByLabelText('Weight of ada@example.com');
    await userEvent.clear(ada);
    await userEvent.type(ada, '12');
    expect(changes.at(-1)).toMatchObject({ values: ['cy@example.com', 'ada@example.com'], weights: [1, 12] });
  });

  describe('a rotation on another field than the manager', () => {
    const industries = {
      field: 'industry',
      operation: 'replaceWithOneOf',
      values: ['Medicine', 'Retail'],
      strategy: 'roundRobin',
    };
    const options = (label: string) =>
      within(screen.getByLabelText(label))
        .getAllByRole('option')
        .map((option) => option.textContent);

    it('offers every strategy but leastLoaded, excludeCurrent, and none of the manager-only options', () => {
      renderPanel('updateField', industries);
      expect(options('Strategy')).toEqual(['roundRobin', 'weighted', 'random']);
      expect(screen.getByLabelText('Never give the value the lead has now')).toBeInTheDocument();
      expect(screen.queryByText('Eligibility')).not.toBeInTheDocument();
      expect(screen.queryByLabelText('Skip unavailable managers')).not.toBeInTheDocument();
      expect(screen.queryByLabelText('Keep accounts together')).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /Only reps who/ })).not.toBeInTheDocument();
    });

    it('weights each value, keeping the weights in step when values are added, moved and removed', async () => {
      const changes = renderPanel('updateField', industries);
      expect(screen.queryByLabelText('Weight of value 1')).not.toBeInTheDocument();
      await userEvent.selectOptions(screen.getByLabelText('Strategy'), 'weighted');
      expect(changes.at(-1)).toEqual({ ...industries, strategy: 'weighted', weights: [1, 1] });

      const second = screen.getByLabelText('Weight of value 2');
      await userEvent.clear(second);
      await userEvent.type(second, '3');
      expect(changes.at(-1)).toMatchObject({ values: ['Medicine', 'Retail'], weights: [1, 3] });

      await userEvent.click(screen.getByRole('button', { name: 'Add a value' }));
      await userEvent.type(screen.getByLabelText('Value 3'), 'Finance');
      expect(changes.at(-1)).toMatchObject({ values: ['Medicine', 'Retail', 'Finance'], weights: [1, 3, 1] });

      await userEvent.click(screen.getByRole('button', { name: 'Move value 2 up' }));
      expect(changes.at(-1)).toMatchObject({ values: ['Retail', 'Medicine', 'Finance'], weights: [3, 1, 1] });
      expect(screen.getByLabelText('Weight of value 1')).toHaveValue(3);

      await userEvent.click(screen.getByRole('button', { name: 'Remove value 2' }));
      expect(changes.at(-1)).toEqual({
        ...industries,
        strategy: 'weighted',
        values: ['Retail', 'Finance'],
        weights: [3, 1],
      });

      await userEvent.selectOptions(screen.getByLabelText('Strategy'), 'random');
      expect(changes.at(-1)).toEqual({ ...industries, strategy: 'random', values: ['Retail', 'Finance'] });
    });

    it('keeps the last weight while what is typed is not a positive whole number', async () => {
      const changes = renderPanel('updateField', { ...industries, strategy: 'weighted', weights: [2, 1] });
      const first = screen.getByLabelText('Weight of value 1');
      await userEvent.clear(first);
      await userEvent.type(first, '0');
      expect(first).toHaveAttribute('aria-invalid', 'true');
      expect(changes).toEqual([]);
      await userEvent.tab();
      expect(first).toHaveValue(2);
      expect(first).not.toHaveAttribute('aria-invalid');
    });

    it('shows a weight for each value of a file that left some out, and writes them at the next edit', async () => {
      const changes = renderPanel('updateField', { ...industries, strategy: 'weighted', weights: [4] });
      expect(screen.getByLabelText('Weight of value 2')).toHaveValue(1);
      await userEvent.click(screen.getByRole('button', { name: 'Move value 1 down' }));
      expect(changes.at(-1)).toMatchObject({ values: ['Retail', 'Medicine'], weights: [1, 4] });
    });

    it("shows a file's manager-only options as such and removes them", async () => {
      const changes = renderPanel('updateField', {
        ...industries,
        strategy: 'leastLoaded',
        eligibility: { skipUnavailable: false },
        sticky: { by: 'company' },
      });
      expect(screen.getByLabelText('Strategy')).toHaveValue('leastLoaded');
      expect(options('Strategy')).toContain('leastLoaded (manager field only)');
      await userEvent.click(screen.getByRole('button', { name: 'Remove them' }));
      expect(changes.at(-1)).toEqual({ ...industries, strategy: 'leastLoaded' });
      await userEvent.selectOptions(screen.getByLabelText('Strategy'), 'roundRobin');
      expect(options('Strategy')).toEqual(['roundRobin', 'weighted', 'random']);
    });

    it('leaves the manager field without its manager-only options, weights in step with no values', async () => {
      const changes = renderPanel('updateField', {
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: ['ada@example.com'],
        strategy: 'weighted',
        weights: [2],
        sticky: { by: 'company' },
      });
      await userEvent.selectOptions(screen.getByLabelText('Field'), 'industry');
      expect(changes.at(-1)).toEqual({
        field: 'industry',
        operation: 'replaceWithOneOf',
        values: [],
        strategy: 'weighted',
        weights: [],
      });
    });

    it('turns leastLoaded into roundRobin when the field stops being the manager', async () => {
      const changes = renderPanel('updateField', {
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: [],
        strategy: 'leastLoaded',
      });
      expect(options('Strategy')).toContain('leastLoaded');
      await userEvent.selectOptions(screen.getByLabelText('Field'), 'industry');
      expect(changes.at(-1)).toMatchObject({ field: 'industry', strategy: 'roundRobin' });
    });
  });

  it('sets a number field with a number input', async () => {
    const changes = renderPanel('updateField', { field: 'dealValue', operation: 'set', value: null });
    const input = screen.getByRole('spinbutton', { name: 'Value' });
    await userEvent.type(input, '42');
    expect(changes.at(-1)).toEqual({ field: 'dealValue', operation: 'set', value: 42 });
  });

  it('switches operation to clear and drops the value', async () => {
    const changes = renderPanel('updateField', {
      field: 'industry',
      operation: 'set',
      value: 'x',
      label: 'L',
    });
    await userEvent.selectOptions(screen.getByLabelText('Operation'), 'clear');
    expect(changes.at(-1)).toEqual({ label: 'L', field: 'industry', operation: 'clear' });
  });

  it('writes a wait as an ISO 8601 duration', async () => {
    const changes = renderPanel('wait', { duration: 'PT1H' });
    const amount = screen.getByLabelText('Wait for');
    await userEvent.clear(amount);
    await userEvent.type(amount, '3');
    await userEvent.selectOptions(screen.getByLabelText('Unit'), 'D');
    expect(changes.at(-1)).toEqual({ duration: 'P3D' });
  });

  it('edits split branches and warns when they do not add up to 100%', async () => {
    renderPanel('split', {
      branches: [
        { id: 'A', percent: 50 },
        { id: 'B', percent: 50 },
      ],
    });
    const percent = screen.getByLabelText('Branch 1 percent');
    await userEvent.clear(percent);
    await userEvent.type(percent, '70');
    expect(screen.getByText(/Total: 120%/)).toHaveTextContent('must be 100%');
  });

  it('edits a tag and a label', async () => {
    const changes = renderPanel('addTag', { tag: '' });
    await userEvent.type(screen.getByLabelText('Tag'), 'vip');
    await userEvent.type(screen.getByLabelText('Label'), 'Mark VIP');
    expect(changes.at(-1)).toEqual({ tag: 'vip', label: 'Mark VIP' });
  });
});
