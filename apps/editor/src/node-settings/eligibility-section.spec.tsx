import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { testManager } from '../../test/fixtures';
import type { Field } from '../api/client';
import { EligibilitySection } from './eligibility-section';
import type { FlowNode } from '../document/graph';
import { SettingsPanel } from './settings-panel';

const fields: Field[] = [
  { key: 'industry', label: 'Industry', type: 'text' },
  { key: 'country', label: 'Country', type: 'text' },
  { key: 'manager', label: 'Manager', type: 'manager' },
];

const manager = testManager;
const managers = [
  manager('Ada Lovelace', 'ada@example.com', { attributes: { industries: ['Medicine'] } }),
  manager('Bo Chen', 'bo@example.com', { available: false }),
  manager('Cy Okafor', 'cy@example.com', { attributes: { industries: ['Retail'] } }),
];
const rotation = {
  field: 'manager',
  operation: 'replaceWithOneOf',
  values: ['ada@example.com', 'bo@example.com', 'cy@example.com'],
  strategy: 'roundRobin',
};

function renderPanel(data: Record<string, unknown>, team = managers) {
  const changes: Record<string, unknown>[] = [];
  function Harness() {
    const [node, setNode] = useState<FlowNode>({
      id: 'n1',
      type: 'updateField',
      position: { x: 0, y: 0 },
      data,
    });
    return (
      <SettingsPanel
        node={node}
        fields={fields}
        managers={team}
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

describe(EligibilitySection.name, () => {
  it('is folded until opened, and builds a candidate condition into eligibility.condition', async () => {
    const changes = renderPanel({ ...rotation, eligibility: { respectCapacity: false } });
    expect(screen.queryByRole('button', { name: '+ Rule' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Only reps who/ }));
    await userEvent.click(screen.getByRole('button', { name: '+ Rule' }));
    expect(screen.getByRole('option', { name: 'Rep: industries' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Lead: Industry' })).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Value' }), 'ada');
    expect(changes.at(-1)).toEqual({
      ...rotation,
      eligibility: {
        respectCapacity: false,
        condition: {
          and: [
            { and: [{ '!': { missing: 'candidate.email' } }, { '==': [{ var: 'candidate.email' }, 'ada'] }] },
          ],
        },
      },
    });
  });

  it('takes JSONLogic, clears it, and previews who is eligible for a lead', async () => {
    const condition = { in: [{ var: 'lead.industry' }, { var: 'candidate.attributes.industries' }] };
    const changes = renderPanel(rotation);
    await userEvent.click(screen.getByRole('button', { name: /Only reps who/ }));
    await userEvent.click(screen.getByRole('button', { name: 'JSON' }));
    fireEvent.change(screen.getByLabelText('JSONLogic'), { target: { value: JSON.stringify(condition) } });
    expect(changes.at(-1)).toEqual({ ...rotation, eligibility: { condition } });

    await userEvent.selectOptions(screen.getByLabelText('Lead field 1'), 'industry');
    await userEvent.type(screen.getByLabelText('Lead value 1'), 'Medicine');
    const preview = screen.getByRole('list', { name: 'Eligibility preview' });
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Ada Lovelace: eligible',
      'Bo Chen: skipped: unavailable',
      'Cy Okafor: skipped: condition not met',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Clear the condition' }));
    expect(changes.at(-1)).toEqual(rotation);
  });

  it("gives the engine's reasons: working hours, the current manager, a run that would fail", async () => {
    const team = [
      managers[0],
      // No day worked: outside working hours whenever the test runs.
      manager('Bo Chen', 'bo@example.com', { workingHours: { timezone: 'Europe/Berlin', days: {} } }),
      managers[2],
    ];
    renderPanel({ ...rotation, excludeCurrent: true }, team);
    await userEvent.click(screen.getByRole('button', { name: /Only reps who/ }));
    await userEvent.selectOptions(screen.getByLabelText('Lead field 1'), 'manager');
    await userEvent.type(screen.getByLabelText('Lead value 1'), 'cy@example.com');
    const preview = screen.getByRole('list', { name: 'Eligibility preview' });
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Ada Lovelace: eligible',
      'Bo Chen: skipped: outside working hours',
      'Cy Okafor: skipped: has the lead now',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'JSON' }));
    fireEvent.change(screen.getByLabelText('JSONLogic'), { target: { value: '{"frobnicate": [1]}' } });
    expect(within(preview).getByRole('alert')).toHaveTextContent(
      'The run would fail: Unrecognized operation frobnicate',
    );
  });
});
