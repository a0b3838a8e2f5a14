import {
  coerceRuleValue,
  describeRules,
  findIncompleteRules,
  leadRuleFields,
  logicToRules,
  operatorsFor,
  rulesToLogic,
  type RuleGroup,
} from './condition-rules';
import { BUILT_IN_FIELDS } from './fields';

const fields = leadRuleFields([...BUILT_IN_FIELDS, { key: 'vip', label: 'VIP', type: 'boolean' }]);
const set = (name: string) => ({ '!': { missing: name } });
const v = (name: string) => ({ var: name });
const one = (rule: RuleGroup['rules'][number]): RuleGroup => ({ combinator: 'and', rules: [rule] });

describe(rulesToLogic.name, () => {
  it('writes values with their field type: true, 90 and [80, 90], not strings (issue 11.1)', () => {
    expect(
      rulesToLogic(
        one({ field: 'lead.vip', operator: '==', value: coerceRuleValue('boolean', 'true') }),
        fields,
      ),
    ).toEqual({
      and: [{ and: [set('lead.vip'), { '==': [v('lead.vip'), true] }] }],
    });
    expect(
      rulesToLogic(
        one({ field: 'lead.score', operator: '==', value: coerceRuleValue('number', '90') }),
        fields,
      ),
    ).toEqual({
      and: [{ and: [set('lead.score'), { '==': [v('lead.score'), 90] }] }],
    });
    expect(rulesToLogic(one({ field: 'lead.score', operator: 'in', value: [80, 90] }), fields)).toEqual({
      and: [{ and: [set('lead.score'), { in: [v('lead.score'), [80, 90]] }] }],
    });
  });

  it('writes in / not in as a list (issue 11.2)', () => {
    expect(
      rulesToLogic(one({ field: 'lead.country', operator: 'notIn', value: ['DE', 'AT', 'CH'] }), fields),
    ).toEqual({
      and: [{ and: [set('lead.country'), { '!': { in: [v('lead.country'), ['DE', 'AT', 'CH']] } }] }],
    });
  });

  it('guards a comparison so that a missing value does not pass (issue 11.12)', () => {
    const logic = rulesToLogic(one({ field: 'lead.dealValue', operator: '<', value: 1000 }), fields);
    expect(logic).toEqual({ and: [{ and: [set('lead.dealValue'), { '<': [v('lead.dealValue'), 1000] }] }] });
    expect(describeRules(logic, fields)).toBe('Deal value is set and is less than 1,000');
  });

  it('writes tags unguarded and no rules as true', () => {
    expect(rulesToLogic(one({ field: 'lead.tags', operator: 'contains', value: 'hot' }), fields)).toEqual({
      and: [{ in: ['hot', v('lead.tags')] }],
    });
    expect(rulesToLogic({ combinator: 'or', rules: [] }, fields)).toBe(true);
  });
});

describe(logicToRules.name, () => {
  it('reads back what it wrote, nested groups included', () => {
    const group: RuleGroup = {
      combinator: 'or',
      rules: [
        { field: 'lead.vip', operator: '==', value: true },
        {
          combinator: 'and',
          rules: [{ field: 'lead.dealValue', operator: 'between', value: [10000, null] }],
        },
        { field: 'lead.country', operator: 'in', value: [] },
        { field: 'lead.industry', operator: 'isNotSet', value: null },
      ],
    };
    expect(logicToRules(rulesToLogic(group, fields), fields)).toEqual(group);
  });

  it('does not read what the builder would show differently from how it runs', () => {
    // Strings on a boolean and a number field: the old builder's output.
    expect(logicToRules({ and: [{ '==': [v('lead.vip'), 'true'] }] }, fields)).toBeNull();
    expect(
      logicToRules({ and: [{ and: [set('lead.score'), { '==': [v('lead.score'), '90'] }] }] }, fields),
    ).toBeNull();
    // Unguarded: a missing value compares as 0.
    expect(logicToRules({ and: [{ '<': [v('lead.dealValue'), 1000] }] }, fields)).toBeNull();
    // An operator not offered for the type, an unknown field.
    expect(
      logicToRules({ and: [{ and: [set('lead.score'), { startsWith: [v('lead.score'), 'a'] }] }] }, fields),
    ).toBeNull();
    expect(
      logicToRules({ and: [{ and: [set('lead.nope'), { '==': [v('lead.nope'), 'a'] }] }] }, fields),
    ).toBeNull();
    expect(logicToRules({ if: [true, true, false] }, fields)).toBeNull();
  });
});

describe(operatorsFor.name, () => {
  it('offers only what fits the type', () => {
    expect(operatorsFor('text')).not.toContain('between');
    expect(operatorsFor('number')).not.toContain('contains');
    expect(operatorsFor('list')).toEqual(['contains', 'doesNotContain']);
  });
});

describe(findIncompleteRules.name, () => {
  it('reports a rule without its value, an empty list and half a between (issue 11.3)', () => {
    const group: RuleGroup = {
      combinator: 'and',
      rules: [
        { field: 'lead.vip', operator: '==', value: null },
        { field: 'lead.country', operator: 'in', value: [] },
        { field: 'lead.dealValue', operator: 'between', value: [10000, null] },
        { field: 'lead.tags', operator: 'contains', value: null },
        { field: 'lead.score', operator: '>=', value: 50 },
        { combinator: 'or', rules: [] },
      ],
    };
    expect(findIncompleteRules(rulesToLogic(group, fields), 'nodes[1].data.condition')).toEqual([
      {
        code: 'incomplete_rule',
        path: 'nodes[1].data.condition.and[0]',
        message: 'the rule "lead.vip is" has no value: finish it or remove it',
      },
      {
        code: 'incomplete_rule',
        path: 'nodes[1].data.condition.and[1]',
        message: 'the rule "lead.country is one of" has no values in its list: finish it or remove it',
      },
      {
        code: 'incomplete_rule',
        path: 'nodes[1].data.condition.and[2]',
        message:
          'the rule "lead.dealValue is between" has only one end of its range (to is missing): finish it or remove it',
      },
      {
        code: 'incomplete_rule',
        path: 'nodes[1].data.condition.and[3]',
        message: 'the rule "lead.tags contains" has no value: finish it or remove it',
      },
      {
        code: 'empty_group',
        path: 'nodes[1].data.condition.and[5]',
        message: 'the "or" group has no rules: add one or remove the group',
      },
    ]);
  });

  it('leaves conditions written as JSON alone', () => {
    expect(findIncompleteRules({ in: [v('lead.country'), []] }, 'c')).toEqual([]);
    expect(findIncompleteRules({ '==': [v('lead.manager'), null] }, 'c')).toEqual([]);
    expect(findIncompleteRules(true, 'c')).toEqual([]);
  });
});
