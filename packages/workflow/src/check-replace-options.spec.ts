import { checkReplaceOptions } from './check-replace-options';
import type { ReplaceWithOneOfData } from './schema';

const AT = 'nodes[2].data';
const managers = (extra: Partial<ReplaceWithOneOfData> = {}): ReplaceWithOneOfData => ({
  field: 'manager',
  operation: 'replaceWithOneOf',
  values: ['ada@example.com', 'bo@example.com', 'cy@example.com'],
  ...extra,
});
const statuses = (extra: Partial<ReplaceWithOneOfData> = {}): ReplaceWithOneOfData => ({
  field: 'status',
  operation: 'replaceWithOneOf',
  values: ['New'],
  ...extra,
});

describe(checkReplaceOptions.name, () => {
  it.each([
    ['a plain rotation', managers()],
    ['weighted with one weight per value', managers({ strategy: 'weighted', weights: [2, 2, 1] })],
    [
      'leastLoaded with eligibility',
      managers({ strategy: 'leastLoaded', eligibility: { skipUnavailable: true, respectCapacity: false } }),
    ],
    ['sticky by company', managers({ sticky: { by: 'company' } })],
    [
      'an eligibility condition',
      managers({
        eligibility: {
          condition: { in: [{ var: 'lead.industry' }, { var: 'candidate.attributes.industries' }] },
        },
      }),
    ],
    ['random on any field', statuses({ values: ['New', 'Open'], strategy: 'random', excludeCurrent: true })],
    ['an empty list (a draft)', managers({ values: [] })],
  ])('accepts %s', (_name, data) => {
    expect(checkReplaceOptions(data, AT)).toEqual([]);
  });

  it.each([
    [
      'weighted without weights',
      managers({ strategy: 'weighted' }),
      `${AT}.weights`,
      'is required with strategy "weighted"',
      'required',
    ],
    [
      'weights without weighted',
      managers({ weights: [1, 1, 1] }),
      `${AT}.weights`,
      'only apply with strategy "weighted"',
      'not_applicable',
    ],
    [
      'too few weights',
      managers({ strategy: 'weighted', weights: [1, 2] }),
      `${AT}.weights`,
      'there are 3 values and 2 weights',
      'count_mismatch',
    ],
    [
      'leastLoaded on status',
      statuses({ strategy: 'leastLoaded' }),
      `${AT}.strategy`,
      'manager field only',
      'not_applicable',
    ],
    [
      'sticky on status',
      statuses({ sticky: { by: 'company' } }),
      `${AT}.sticky`,
      'manager field only',
      'not_applicable',
    ],
    [
      'eligibility on status',
      statuses({ eligibility: {} }),
      `${AT}.eligibility`,
      'manager field only',
      'not_applicable',
    ],
    [
      'an unsafe eligibility condition',
      managers({ eligibility: { condition: { var: 'candidate.__proto__' } } }),
      `${AT}.eligibility.condition.var`,
      '"__proto__"',
      'unsafe_condition',
    ],
    [
      'a value listed twice',
      managers({ values: ['ada@example.com', 'bo@example.com', 'ada@example.com'] }),
      `${AT}.values[2]`,
      '"ada@example.com" is listed twice (also at values[0])',
      'duplicate_value',
    ],
    [
      'an email listed twice in two cases',
      managers({ values: ['ada@example.com', 'Ada@Example.com'] }),
      `${AT}.values[1]`,
      'listed twice',
      'duplicate_value',
    ],
  ])('refuses %s', (_name, data, path, fragment, code) => {
    expect(checkReplaceOptions(data, AT)).toEqual([
      { code, path, message: expect.stringContaining(fragment) },
    ]);
  });

  it('tells 1 and "1" apart outside the manager field', () => {
    expect(
      checkReplaceOptions({ field: 'code', operation: 'replaceWithOneOf', values: [1, '1'] }, AT),
    ).toEqual([]);
  });
});
