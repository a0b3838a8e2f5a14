import {
  childPath,
  describeProblem,
  describeValue,
  formatPath,
  isProblemCode,
  PROBLEM_CODES,
  quoteList,
} from './problem';

describe(childPath.name, () => {
  it('writes indexes in brackets and names after a dot', () => {
    expect(childPath('nodes', 2)).toBe('nodes[2]');
    expect(childPath('nodes[2]', 'data')).toBe('nodes[2].data');
    expect(childPath('', 'name')).toBe('name');
  });

  it('quotes keys that are not identifiers, such as JSONLogic operators', () => {
    expect(childPath('condition', '==')).toBe('condition["=="]');
    expect(childPath('condition', '?:')).toBe('condition["?:"]');
  });
});

describe(formatPath.name, () => {
  it('joins segments onto a base', () => {
    expect(formatPath(['data', 'values', 1], 'nodes[2]')).toBe('nodes[2].data.values[1]');
    expect(formatPath([])).toBe('');
  });

  it('writes every name after a dot with `dotted`, as the API names the keys of a request body', () => {
    expect(formatPath(['my key', 0, '=='], 'fields', 'dotted')).toBe('fields.my key[0].==');
    expect(formatPath(['k'.repeat(100)], 'fields', 'dotted')).toBe(`fields.${'k'.repeat(63)}…`);
    expect(formatPath(['name'], '', 'dotted')).toBe('name');
  });
});

describe(describeProblem.name, () => {
  it('puts the path before the message', () => {
    expect(describeProblem({ path: 'name', message: 'is required' })).toBe('name: is required');
    expect(describeProblem({ path: '', message: 'must be an object' })).toBe('must be an object');
  });
});

describe(describeValue.name, () => {
  it('renders values briefly', () => {
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue(42)).toBe('42');
    expect(describeValue(null)).toBe('null');
    expect(describeValue({})).toBe('an object');
    expect(describeValue('x'.repeat(100))).toHaveLength(43);
  });
});

describe(quoteList.name, () => {
  it('quotes and lists', () => {
    expect(quoteList([])).toBe('');
    expect(quoteList(['a'], ' and ')).toBe('"a"');
    expect(quoteList(['a', 'b', 'c'])).toBe('"a", "b", "c"');
    expect(quoteList(['a', 'b', 'c'], ' and ')).toBe('"a", "b" and "c"');
    expect(quoteList(['x', 1], ' or ')).toBe('"x" or 1');
  });
});

describe('PROBLEM_CODES', () => {
  it('are unique words in snake_case', () => {
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
    for (const code of PROBLEM_CODES) expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
  });

  it('are told from other values by isProblemCode', () => {
    expect(isProblemCode('unknown_node_type')).toBe(true);
    expect(isProblemCode('Unknown_node_type')).toBe(false);
    expect(isProblemCode(undefined)).toBe(false);
  });
});
