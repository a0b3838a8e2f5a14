import { BUILT_IN_FIELDS } from '@leadflow/workflow';
import { render, screen, within } from '@testing-library/react';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testManager } from '../../test/fixtures';
import type { Attributes, Field } from '../api/client';
import type { FlowNode } from '../document/graph';
import { SettingsPanel } from './settings-panel';

// The example workflows every demo install imports (apps/server/src/demo/seed.ts), with its team.
const examples = join(__dirname, '../../../../examples');
const files = readdirSync(examples)
  .filter((file) => file.endsWith('.workflow.json'))
  .sort();
const read = (file: string): unknown => JSON.parse(readFileSync(join(examples, file), 'utf8'));
const team = (read('managers.json') as { name: string; email: string; attributes?: Attributes }[]).map(
  (manager) => testManager(manager.name, manager.email, { attributes: manager.attributes ?? {} }),
);
// A demo install has the built-in fields only.
const fields: Field[] = BUILT_IN_FIELDS.map((field) => ({ ...field }));

/**
 * Example conditions kept as JSONLogic on purpose (file → node id → why): they open in the JSON
 * view, and the docs say so. Every other filter and eligibility condition opens in the builder.
 */
const RAW: Record<string, Record<string, string>> = {
  'industry-match.workflow.json': {
    specialists:
      "the rep's industries contain the lead's industry: a builder rule compares a field with a value",
  },
};

type ExampleNode = FlowNode & { data: { condition?: unknown; eligibility?: { condition?: unknown } } };

/** Each node of an example whose settings show a condition: filters, and rotations with an eligibility condition. */
const conditions = files.flatMap((file) =>
  (read(file) as { nodes: ExampleNode[] }).nodes
    .filter((node) => node.type === 'filter' || node.data.eligibility?.condition !== undefined)
    .map((node) => ({ file, id: node.id, node })),
);

/** The view a node's condition opens in, as its settings panel shows it. */
function viewOf(node: FlowNode): 'builder' | 'json' {
  const { unmount } = render(
    <SettingsPanel node={node} fields={fields} managers={team} onChange={() => {}} />,
  );
  const tabs = within(screen.getByRole('group', { name: 'Condition view' }));
  const view =
    tabs.getByRole('button', { name: 'Builder' }).getAttribute('aria-pressed') === 'true'
      ? 'builder'
      : 'json';
  unmount();
  return view;
}

describe('the example workflows in the editor', () => {
  it('have conditions to show', () => {
    expect(conditions.length).toBeGreaterThanOrEqual(10);
    expect(conditions.map(({ node }) => node.type)).toEqual(
      expect.arrayContaining(['filter', 'updateField']),
    );
  });

  it.each(conditions)(
    '$file: the condition of "$id" opens in the builder unless kept as JSONLogic',
    ({ file, id, node }) => {
      expect(viewOf(node)).toBe(RAW[file]?.[id] ? 'json' : 'builder');
    },
  );

  it('keeps as JSONLogic only conditions that exist', () => {
    for (const [file, ids] of Object.entries(RAW))
      for (const id of Object.keys(ids))
        expect(conditions.some((condition) => condition.file === file && condition.id === id)).toBe(true);
  });
});
