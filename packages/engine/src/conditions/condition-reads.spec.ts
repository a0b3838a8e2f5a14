import { conditionReads, readPaths } from './condition-reads';

describe(conditionReads.name, () => {
  it('lists each path a rule reads once, in the order it first appears', () => {
    expect(
      conditionReads({
        and: [
          { '==': [{ var: 'lead.country' }, 'FR'] },
          {
            or: [
              { '>=': [{ var: ['lead.dealValue', 0] }, 10_000] },
              { '==': [{ var: 'lead.country' }, 'BE'] },
            ],
          },
          { in: ['vip', { var: 'lead.tags' }] },
          { missing: ['lead.email', 'lead.phone'] },
          { missing_some: [1, ['lead.company', 'lead.website']] },
          { '==': [{ var: 'event.field' }, 'status'] },
        ],
      }),
    ).toEqual([
      'lead.country',
      'lead.dealValue',
      'lead.tags',
      'lead.email',
      'lead.phone',
      'lead.company',
      'lead.website',
      'event.field',
    ]);
  });

  it('leaves out the whole data, computed paths and what item-wise operations read of an item', () => {
    expect(conditionReads(true)).toEqual([]);
    expect(conditionReads({ var: '' })).toEqual([]);
    expect(conditionReads({ var: { cat: ['lead.', 'country'] } })).toEqual([]);
    expect(conditionReads({ some: [{ var: 'lead.tags' }, { '==': [{ var: '' }, 'vip'] }] })).toEqual([
      'lead.tags',
    ]);
    expect(
      conditionReads({
        reduce: [
          { var: 'lead.scores' },
          { '+': [{ var: 'current' }, { var: 'accumulator' }] },
          { var: 'lead.base' },
        ],
      }),
    ).toEqual(['lead.scores', 'lead.base']);
    expect(conditionReads({ var: ['lead.a', { var: 'lead.b' }] })).toEqual(['lead.a', 'lead.b']);
  });
});

describe(readPaths.name, () => {
  it('reads each path as `var` does, with null for what is not there and nothing inherited', () => {
    const data = {
      lead: { country: 'FR', tags: ['vip'], score: 0, extra: { deep: true } },
      event: { type: 'lead.created' },
    };
    expect(
      readPaths(
        [
          'lead.country',
          'lead.tags',
          'lead.score',
          'lead.extra.deep',
          'lead.tags.0',
          'lead.none',
          'lead.none.deeper',
          'lead.toString',
        ],
        data,
      ),
    ).toEqual({
      'lead.country': 'FR',
      'lead.tags': ['vip'],
      'lead.score': 0,
      'lead.extra.deep': true,
      'lead.tags.0': 'vip',
      'lead.none': null,
      'lead.none.deeper': null,
      'lead.toString': null,
    });
  });
});
