import { chooseSplitBranch, fnv1a32, splitBucket } from './split';

const AB = [
  { id: 'A', percent: 50 },
  { id: 'B', percent: 50 },
];

describe(fnv1a32.name, () => {
  it('matches the reference values of FNV-1a 32', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe(chooseSplitBranch.name, () => {
  it('is a stable function of the lead id and the node id', () => {
    for (let i = 0; i < 100; i++) {
      expect(chooseSplitBranch(`lead-${i}`, 'ab', AB)).toBe(chooseSplitBranch(`lead-${i}`, 'ab', AB));
    }
    expect(splitBucket('lead-1', 'ab')).toBe(fnv1a32('lead-1:ab') % 100);
    // Another split node sorts the same leads independently.
    const here = Array.from({ length: 200 }, (_, i) => chooseSplitBranch(`lead-${i}`, 'ab', AB)?.id);
    const there = Array.from({ length: 200 }, (_, i) => chooseSplitBranch(`lead-${i}`, 'other', AB)?.id);
    expect(here).not.toEqual(there);
  });

  it('follows the percents over many leads', () => {
    const branches = [
      { id: 'A', percent: 20 },
      { id: 'B', percent: 30 },
      { id: 'C', percent: 50 },
    ];
    const counts: Record<string, number> = { A: 0, B: 0, C: 0 };
    const N = 20_000;
    for (let i = 0; i < N; i++) {
      const id = `0000${i.toString(16)}-4b1d-4c2e-9f00-${(i * 7919).toString(16).padStart(12, '0')}`;
      counts[chooseSplitBranch(id, 'split-1', branches)!.id]++;
    }
    expect(counts.A / N).toBeCloseTo(0.2, 1);
    expect(counts.B / N).toBeCloseTo(0.3, 1);
    expect(counts.C / N).toBeCloseTo(0.5, 1);
  });

  it('gives the last branch to a bucket past a total under 100, and nothing without branches', () => {
    expect(chooseSplitBranch('x', 'y', [{ id: 'only', percent: 1 }])?.id).toBe('only');
    expect(chooseSplitBranch('x', 'y', [])).toBeUndefined();
  });
});
