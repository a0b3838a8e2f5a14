import { findRepeats } from './find-repeats';

describe(findRepeats.name, () => {
  it('points each repeat at the first item with its key', () => {
    expect(findRepeats(['a', 'b', 'a', 'c', 'a', 'b'], (s) => s)).toEqual([
      { index: 2, first: 0 },
      { index: 4, first: 0 },
      { index: 5, first: 1 },
    ]);
  });

  it('skips items without a key and keys that only look alike', () => {
    expect(
      findRepeats([1, undefined, undefined, 2], (n) => (n === undefined ? undefined : String(n))),
    ).toEqual([]);
    expect(findRepeats(['__proto__', 'constructor', '__proto__'], (s) => s)).toEqual([
      { index: 2, first: 0 },
    ]);
  });
});
