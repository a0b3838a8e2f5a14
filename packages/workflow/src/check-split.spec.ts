import { checkSplit } from './check-split';

describe(checkSplit.name, () => {
  it('accepts branches whose percents add up to 100', () => {
    expect(
      checkSplit(
        {
          branches: [
            { id: 'A', percent: 50 },
            { id: 'B', percent: 50 },
          ],
        },
        'nodes[1].data',
      ),
    ).toEqual([]);
    expect(
      checkSplit(
        {
          branches: [
            { id: 'A', percent: 34 },
            { id: 'B', percent: 33 },
            { id: 'C', percent: 33 },
          ],
        },
        'd',
      ),
    ).toEqual([]);
  });

  it('refuses percents that do not add up to 100', () => {
    expect(
      checkSplit(
        {
          branches: [
            { id: 'A', percent: 50 },
            { id: 'B', percent: 40 },
          ],
        },
        'nodes[1].data',
      ),
    ).toEqual([
      {
        code: 'percents_not_100',
        path: 'nodes[1].data.branches',
        message: 'percents must add up to 100, and they add up to 90',
      },
    ]);
    expect(checkSplit({ branches: [] }, 'd')).toEqual([
      { code: 'percents_not_100', path: 'd.branches', message: expect.stringContaining('add up to 0') },
    ]);
  });

  it('refuses a branch id used twice', () => {
    expect(
      checkSplit(
        {
          branches: [
            { id: 'A', percent: 50 },
            { id: 'A', percent: 50 },
          ],
        },
        'nodes[1].data',
      ),
    ).toEqual([
      {
        code: 'duplicate_id',
        path: 'nodes[1].data.branches[1].id',
        message: '"A" is already the id of branches[0]',
      },
    ]);
  });
});
