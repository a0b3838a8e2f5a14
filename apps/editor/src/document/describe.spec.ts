import { describeCondition, describeDuration } from './describe';

describe(describeCondition.name, () => {
  it('reads conditions the way a person says them', () => {
    expect(describeCondition({ '==': [{ var: 'lead.industry' }, 'Medicine'] })).toBe('industry = "Medicine"');
    expect(
      describeCondition({
        and: [{ '>=': [{ var: 'lead.score' }, 50] }, { in: ['vip', { var: 'lead.tags' }] }],
      }),
    ).toBe('score ≥ 50 and tags contains "vip"');
    expect(describeCondition(true)).toBe('Every lead passes');
  });

  it("says a builder rule in the builder's words, unfinished or guarded (issue 11.3, 11.12)", () => {
    const guarded = (comparison: unknown) => ({ and: [{ '!': { missing: 'lead.dealValue' } }, comparison] });
    expect(describeCondition({ and: [guarded({ '<=': [10000, { var: 'lead.dealValue' }, null] })] })).toBe(
      'dealValue is set and is between 10,000 and …',
    );
    expect(describeCondition({ and: [guarded({ '<': [{ var: 'lead.dealValue' }, 1000] })] })).toBe(
      'dealValue is set and is less than 1,000',
    );
  });

  it('falls back to the JSON for anything else', () => {
    expect(describeCondition({ if: [1, 2, 3] })).toBe('{"if":[1,2,3]}');
  });
});

describe(describeDuration.name, () => {
  it('writes ISO 8601 durations in words', () => {
    expect(describeDuration('PT2H')).toBe('2 hours');
    expect(describeDuration('P1DT30M')).toBe('1 day 30 minutes');
    expect(describeDuration('nonsense')).toBe('nonsense');
  });
});
