import { normalCdf, regularizedGammaP, splitReport } from './split-stats';

describe(splitReport.name, () => {
  it('says there is not enough data while branches are small', () => {
    const report = splitReport([
      { id: 'A', leads: 3, won: 1 },
      { id: 'B', leads: 4, won: 2 },
    ]);
    expect(report.pValue).toBeNull();
    expect(report.verdict).toMatch(/not enough data/i);
    expect(report.branches.map((b) => b.rate)).toEqual([1 / 3, 0.5]);
  });

  it('gives the two-proportion z-test p-value and names the better branch', () => {
    // 30/200 against 50/200: pooled 0.2, se 0.04, z = 2.5, p = 2·(1 − Φ(2.5)) ≈ 0.0124.
    const report = splitReport([
      { id: 'A', leads: 200, won: 30 },
      { id: 'B', leads: 200, won: 50 },
    ]);
    expect(report.pValue).toBeCloseTo(0.0124, 4);
    expect(report.verdict).toBe('B converts better (25% won), p = 0.01.');
  });

  it('says so when the difference is not significant', () => {
    const report = splitReport([
      { id: 'A', leads: 100, won: 20 },
      { id: 'B', leads: 100, won: 22 },
    ]);
    expect(report.pValue).toBeGreaterThan(0.5);
    expect(report.verdict).toMatch(/No significant difference/);
  });

  it('uses a chi-square test for three branches', () => {
    // chi² = 2·(10²/20 + 10²/80) = 12.5 with 2 degrees of freedom: p = e^(−chi²/2).
    const report = splitReport([
      { id: 'A', leads: 100, won: 20 },
      { id: 'B', leads: 100, won: 30 },
      { id: 'C', leads: 100, won: 10 },
    ]);
    // Expected won 20 of 100 in each branch; B and C are 10 off in both cells.
    const chi2 = 0 + (10 ** 2 / 20 + 10 ** 2 / 80) * 2;
    expect(report.pValue).toBeCloseTo(Math.exp(-chi2 / 2), 6);
    expect(report.verdict).toMatch(/^B converts better/);
  });
});

describe(normalCdf.name, () => {
  it('matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe(regularizedGammaP.name, () => {
  it('matches the exponential case a = 1', () => {
    for (const x of [0.1, 1, 3, 10]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 10);
  });
});
