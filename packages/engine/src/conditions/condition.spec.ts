import jsonLogic from 'json-logic-js';
import { compileCondition } from './condition';
import { registerOperations } from './register-operations';

describe(compileCondition.name, () => {
  it('evaluates with JSONLogic truthiness', () => {
    expect(
      compileCondition({ '==': [{ var: 'lead.industry' }, 'Medicine'] }).test({
        lead: { industry: 'Medicine' },
      }),
    ).toBe(true);
    expect(compileCondition({ var: 'lead.tags' }).test({ lead: { tags: [] } })).toBe(false);
    expect(compileCondition(true).test({})).toBe(true);
  });

  it('knows startsWith and endsWith, false for anything but strings', () => {
    const starts = compileCondition({ startsWith: [{ var: 'x' }, 'ab'] });
    expect(starts.test({ x: 'abc' })).toBe(true);
    expect(starts.test({ x: 'cab' })).toBe(false);
    expect(starts.test({ x: 12 })).toBe(false);
    expect(compileCondition({ endsWith: [{ var: 'x' }, '.com'] }).test({ x: 'a@b.com' })).toBe(true);
  });

  it('throws when tested if the rule uses method or log or a var path through the prototype', () => {
    expect(() => compileCondition({ method: ['abc', 'toUpperCase'] }).test({})).toThrow(
      'the operation "method" is not allowed',
    );
    expect(() => compileCondition({ and: [true, { log: 1 }] }).test({})).toThrow(
      'the operation "log" is not allowed',
    );
    expect(() => compileCondition({ var: 'lead.constructor.name' }).test({})).toThrow('not allowed');
    expect(() => compileCondition({ '==': [{ var: ['__proto__', 1] }, 1] }).test({})).toThrow('not allowed');
  });

  it('is not affected by later changes to the rule it was compiled from', () => {
    const rule = { '==': [{ var: 'x' }, 1] };
    const condition = compileCondition(rule);
    rule['=='][1] = 2;
    expect(condition.test({ x: 1 })).toBe(true);
  });
});

describe(registerOperations.name, () => {
  it('is idempotent', () => {
    registerOperations();
    registerOperations();
    expect(jsonLogic.apply({ startsWith: ['leadflow', 'lead'] })).toBe(true);
  });
});
