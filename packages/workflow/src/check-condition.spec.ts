import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { checkCondition, MAX_CONDITION_DEPTH } from './check-condition';
import { registerJsonLogicOperations } from './json-logic-operations';

const AT = 'nodes[1].data.condition';

const nest = (levels: number): unknown => {
  let rule: unknown = { var: 'lead.score' };
  for (let i = 1; i < levels; i++) rule = { '!': rule };
  return rule;
};

describe(checkCondition.name, () => {
  beforeAll(() => registerJsonLogicOperations(jsonLogic));

  it.each([
    ['a comparison', { '==': [{ var: 'lead.industry' }, 'Medicine'] }],
    ['in with a literal list', { in: [{ var: 'lead.country' }, ['DE', 'FR']] }],
    ['a var with a default', { '>=': [{ var: ['lead.score', 0] }, 80] }],
    ['a numeric var path', { var: 1 }],
    ['the whole datum inside some', { some: [{ var: 'lead.tags' }, { '==': [{ var: '' }, 'hot'] }] }],
    ['an eligibility rule', { in: [{ var: 'lead.industry' }, { var: 'candidate.attributes.industries' }] }],
    [
      'missing and missing_some',
      {
        and: [
          { '!': { missing: ['lead.email'] } },
          { '!': { missing_some: [1, ['lead.email', 'lead.phone']] } },
        ],
      },
    ],
    [
      'startsWith and endsWith',
      {
        or: [{ startsWith: [{ var: 'lead.email' }, 'info@'] }, { endsWith: [{ var: 'lead.email' }, '.org'] }],
      },
    ],
    ['a unary argument without a list', { '!': { var: 'lead.manager' } }],
    ['plain values', true],
    ['if/else', { if: [{ '>': [{ var: 'lead.dealValue' }, 1000] }, 'big', 'small'] }],
    [`${MAX_CONDITION_DEPTH} nested operations`, nest(MAX_CONDITION_DEPTH)],
  ])('accepts %s', (_name, rule) => {
    expect(checkCondition(rule, AT)).toEqual([]);
  });

  it.each([
    [
      'method',
      { method: [{ var: 'lead.name' }, 'toUpperCase'] },
      AT,
      'the operation "method" is not allowed',
      'unsafe_condition',
    ],
    [
      'log',
      { and: [true, { log: 'x' }] },
      `${AT}.and[1]`,
      'the operation "log" is not allowed',
      'unsafe_condition',
    ],
    [
      'an unknown operation',
      { or: [{ regex: ['a', 'b'] }] },
      `${AT}.or[0]`,
      'unknown operation "regex"',
      'unknown_operation',
    ],
    [
      'a dotted operation',
      { 'var.constructor': ['x'] },
      AT,
      'unknown operation "var.constructor"',
      'unknown_operation',
    ],
    [
      '__proto__ in a var',
      { '==': [{ var: '__proto__.polluted' }, 1] },
      `${AT}["=="][0].var`,
      'may not pass through "__proto__"',
      'unsafe_condition',
    ],
    [
      'constructor in a var',
      { var: 'lead.constructor.prototype' },
      `${AT}.var`,
      'may not pass through "constructor"',
      'unsafe_condition',
    ],
    [
      'prototype in a var with default',
      { var: ['lead.prototype', 1] },
      `${AT}.var[0]`,
      'may not pass through "prototype"',
      'unsafe_condition',
    ],
    [
      'a computed var path',
      { var: { cat: ['__pro', 'to__'] } },
      `${AT}.var`,
      'must be a literal string or number',
      'unsafe_condition',
    ],
    [
      'a computed var path in a list',
      { var: [{ var: 'x' }] },
      `${AT}.var[0]`,
      'must be a literal string or number',
      'unsafe_condition',
    ],
    ['a null var path', { var: null }, `${AT}.var`, 'must be a literal', 'unsafe_condition'],
    [
      'a var with three arguments',
      { var: ['a', 1, 2] },
      `${AT}.var`,
      'takes a path and, optionally, a default',
      'invalid_condition',
    ],
    [
      '__proto__ in missing',
      { missing: ['lead.__proto__'] },
      `${AT}.missing[0]`,
      'may not pass through "__proto__"',
      'unsafe_condition',
    ],
    [
      'computed keys in missing',
      { missing: [{ merge: ['a'] }] },
      `${AT}.missing[0]`,
      'must be a literal',
      'unsafe_condition',
    ],
    [
      '__proto__ in missing_some',
      { missing_some: [1, ['a', 'constructor']] },
      `${AT}.missing_some[1][1]`,
      'may not pass through "constructor"',
      'unsafe_condition',
    ],
    [
      'two keys in one operation',
      { and: [{ '==': [1, 1], '!=': [1, 2] }] },
      `${AT}.and[0]`,
      'exactly one key',
      'invalid_condition',
    ],
    [
      'an empty object',
      { and: [{}] },
      `${AT}.and[0]`,
      'an empty object is not an operation',
      'invalid_condition',
    ],
    [
      '33 nested operations',
      nest(MAX_CONDITION_DEPTH + 1),
      `${AT}${'["!"]'.repeat(MAX_CONDITION_DEPTH)}`,
      'nested more than 32 levels',
      'condition_too_deep',
    ],
    [
      'a var default that is unsafe',
      { var: ['a', { var: '__proto__' }] },
      `${AT}.var[1].var`,
      '"__proto__"',
      'unsafe_condition',
    ],
  ])('refuses %s', (_name, rule, path, fragment, code) => {
    const problems = checkCondition(rule, AT);
    expect(problems).toEqual([{ code, path, message: expect.stringContaining(fragment) }]);
  });

  it('reports every problem of a condition, not just the first', () => {
    const rule = { and: [{ method: [] }, { var: '__proto__' }, { nope: 1 }] };
    expect(checkCondition(rule, AT).map((p) => p.path)).toEqual([
      `${AT}.and[0]`,
      `${AT}.and[1].var`,
      `${AT}.and[2]`,
    ]);
  });

  it('refuses arrays nested absurdly deep without overflowing the stack', () => {
    let rule: unknown = 1;
    for (let i = 0; i < 100_000; i++) rule = [rule];
    expect(checkCondition(rule, AT)).toEqual([
      {
        code: 'condition_too_deep',
        path: expect.any(String),
        message: expect.stringContaining('nested more than'),
      },
    ]);
  });

  describe('prototype pollution', () => {
    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    it('refuses the known attempts', () => {
      const attempts = [
        { method: [{ var: '__proto__' }, '__defineGetter__', ['polluted', { var: '' }]] },
        { var: '__proto__.polluted' },
        { var: 'constructor.prototype' },
        { merge: [{ var: 'lead.__proto__' }] },
        { map: [{ var: 'lead' }, { var: 'constructor.prototype.polluted' }] },
      ];
      for (const rule of attempts) expect(checkCondition(rule, AT)).not.toEqual([]);
    });

    it('evaluating a safe condition over hostile data pollutes nothing', () => {
      const data = JSON.parse(
        '{"lead": {"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "tags": ["hot"]},' +
          ' "__proto__": {"polluted": "yes"}, "event": {"type": "lead.created"}}',
      );
      const rules = [
        { in: [{ var: 'lead.industry' }, ['Medicine']] },
        { some: [{ var: 'lead.tags' }, { '==': [{ var: '' }, 'hot'] }] },
        { merge: [{ var: 'lead' }, { var: '' }] },
        { map: [{ var: 'lead.tags' }, { cat: [{ var: '' }, '!'] }] },
        { reduce: [{ var: 'lead.tags' }, { cat: [{ var: 'accumulator' }, { var: 'current' }] }, ''] },
        { startsWith: [{ var: 'lead.email' }, 'a'] },
      ];
      for (const rule of rules) {
        expect(checkCondition(rule, AT)).toEqual([]);
        jsonLogic.apply(rule as never, data);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it('whatever a condition is, if the check accepts it, evaluating it pollutes nothing', () => {
      const hostileData = JSON.parse(
        '{"__proto__": {"polluted": 1}, "lead": {"__proto__": {"polluted": 1}, "x": [1, "a"]}}',
      );
      const operation = fc.constantFrom(
        ...['var', 'merge', 'map', 'filter', 'reduce', 'cat', 'in', '==', 'if', 'missing', 'startsWith'],
      );
      const leaf = fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'lead.__proto__', 'lead.x', '', 'polluted'),
        fc.integer(),
        fc.boolean(),
      );
      const rule = fc.letrec<{ rule: unknown }>((tie) => ({
        rule: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          leaf,
          fc.array(tie('rule'), { maxLength: 3 }),
          fc
            .record({ op: operation, args: fc.array(tie('rule'), { maxLength: 3 }) })
            .map(({ op, args }) => ({ [op]: args })),
        ),
      })).rule;
      fc.assert(
        fc.property(rule, (candidate) => {
          if (checkCondition(candidate, AT).length > 0) return;
          try {
            jsonLogic.apply(candidate as never, hostileData);
          } catch {
            // a safe rule may still fail on odd arguments; it must not pollute
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: 2000 },
      );
    });
  });
});
