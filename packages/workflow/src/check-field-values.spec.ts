import { BUILT_IN_FIELDS } from './fields';
import { checkFieldValues } from './check-field-values';
import type { WorkflowNode } from './schema';
import { resolveContext } from './workflow-context';

const AT = 'nodes[2].data';
const fields = [
  ...BUILT_IN_FIELDS,
  { key: 'tier', label: 'Tier', type: 'select' as const, options: ['Gold', 'Silver'] },
  { key: 'renewal', label: 'Renewal', type: 'date' as const },
  { key: 'vip', label: 'VIP', type: 'boolean' as const },
];
const team = ['ada@example.com', 'bo@example.com', 'cy@example.com'];
const full = resolveContext({ fields, managerEmails: team });

const update = (data: object): WorkflowNode => ({ id: 'n', type: 'updateField', data }) as WorkflowNode;
const assign = (...values: unknown[]) => update({ field: 'manager', operation: 'replaceWithOneOf', values });

describe(checkFieldValues.name, () => {
  it.each([
    ['a text value', update({ field: 'status', operation: 'set', value: 'Priority' })],
    ['a select option', update({ field: 'tier', operation: 'set', value: 'Gold' })],
    ['a date', update({ field: 'renewal', operation: 'set', value: '2026-01-31' })],
    ['a boolean', update({ field: 'vip', operation: 'replaceWithOneOf', values: [true, false] })],
    ['known managers in any case', assign('Ada@Example.com', 'bo@example.com')],
    ['a clear of a known field', update({ field: 'score', operation: 'clear' })],
    [
      'a trigger on a known field',
      { id: 't', type: 'trigger', data: { event: 'lead.fieldUpdated', field: 'tier' } } as WorkflowNode,
    ],
    [
      'a trigger on any field',
      { id: 't', type: 'trigger', data: { event: 'lead.fieldUpdated' } } as WorkflowNode,
    ],
  ])('accepts %s', (_name, node) => {
    expect(checkFieldValues(node, AT, full)).toEqual([]);
  });

  it.each([
    [
      'an unknown field',
      update({ field: 'budget', operation: 'set', value: 1 }),
      `${AT}.field`,
      '"budget" is not a field of this installation',
      'unknown_field',
    ],
    [
      'an unknown trigger field',
      { id: 't', type: 'trigger', data: { event: 'lead.fieldUpdated', field: 'budget' } } as WorkflowNode,
      `${AT}.field`,
      'is not a field',
      'unknown_field',
    ],
    [
      'a number as text',
      update({ field: 'status', operation: 'set', value: 3 }),
      `${AT}.value`,
      'must be a string for the field "status"',
      'invalid_field_value',
    ],
    [
      'a wrong option',
      update({ field: 'tier', operation: 'replaceWithOneOf', values: ['Gold', 'Bronze'] }),
      `${AT}.values[1]`,
      'must be one of "Gold", "Silver"',
      'invalid_field_value',
    ],
    [
      'an unknown manager in set',
      update({ field: 'manager', operation: 'set', value: 'zed@example.com' }),
      `${AT}.value`,
      '"zed@example.com" is not a manager of this installation',
      'unknown_manager',
    ],
    [
      'a non-email manager value',
      assign('ada@example.com', 7),
      `${AT}.values[1]`,
      "must be a manager's email",
      'invalid_field_value',
    ],
  ])('refuses %s', (_name, node, path, fragment, code) => {
    expect(checkFieldValues(node, AT, full)).toEqual([
      { code, path, message: expect.stringContaining(fragment) },
    ]);
  });

  it('lists every unknown email of a node in one problem', () => {
    expect(
      checkFieldValues(
        assign('zed@example.com', 'ada@example.com', 'yu@example.com', 'xi@example.com'),
        AT,
        full,
      ),
    ).toEqual([
      {
        code: 'unknown_manager',
        path: `${AT}.values`,
        message:
          '"zed@example.com", "yu@example.com" and "xi@example.com" are not managers of this installation',
      },
    ]);
  });

  it('checks nothing it was not given', () => {
    const none = resolveContext({});
    expect(checkFieldValues(update({ field: 'budget', operation: 'set', value: 1 }), AT, none)).toEqual([]);
    expect(checkFieldValues(assign('zed@example.com'), AT, none)).toEqual([]);
  });

  it('checks manager emails with the team alone', () => {
    const teamOnly = resolveContext({ managerEmails: team });
    expect(checkFieldValues(assign('zed@example.com'), AT, teamOnly)).toEqual([
      {
        code: 'unknown_manager',
        path: `${AT}.values`,
        message: '"zed@example.com" is not a manager of this installation',
      },
    ]);
    expect(checkFieldValues(update({ field: 'budget', operation: 'set', value: 1 }), AT, teamOnly)).toEqual(
      [],
    );
  });

  it('keeps the built-in definitions whatever the caller passes', () => {
    const context = resolveContext({ fields: [{ key: 'manager', label: 'M', type: 'text' }] });
    expect(
      checkFieldValues(update({ field: 'score', operation: 'set', value: 'high' }), AT, context),
    ).toEqual([
      {
        code: 'invalid_field_value',
        path: `${AT}.value`,
        message: expect.stringContaining('must be a number'),
      },
    ]);
  });
});
