/** Leads sent down one branch of a split and how many of them are won now. */
export interface BranchCount {
  id: string;
  leads: number;
  won: number;
}

export interface SplitReport {
  branches: Array<BranchCount & { rate: number | null }>;
  pValue: number | null;
  verdict: string;
}

/** Below this many leads per branch, or expected counts under 5, the tests' approximations do not hold. */
export const MIN_LEADS_PER_BRANCH = 10;
const SIGNIFICANCE = 0.05;

/**
 * Compares the branches' conversion (won / leads): a two-proportion z-test for two branches, a
 * chi-square test of independence for more; null while there is too little data.
 */
export function splitReport(counts: BranchCount[]): SplitReport {
  const branches = counts.map((b) => ({ ...b, rate: b.leads > 0 ? b.won / b.leads : null }));
  const leads = counts.reduce((n, b) => n + b.leads, 0);
  const won = counts.reduce((n, b) => n + b.won, 0);
  const pooled = leads > 0 ? won / leads : 0;
  const enough =
    counts.length >= 2 &&
    counts.every(
      (b) => b.leads >= MIN_LEADS_PER_BRANCH && b.leads * pooled >= 5 && b.leads * (1 - pooled) >= 5,
    );
  if (!enough) {
    return {
      branches,
      pValue: null,
      verdict: `Not enough data yet: each branch needs at least ${MIN_LEADS_PER_BRANCH} leads and enough of them won and not won to compare.`,
    };
  }
  const pValue = counts.length === 2 ? twoProportionP(counts[0], counts[1]) : chiSquareP(counts);
  const best = branches.reduce((a, b) => ((b.rate ?? 0) > (a.rate ?? 0) ? b : a));
  const p = formatP(pValue);
  const verdict =
    pValue < SIGNIFICANCE
      ? `${best.id} converts better (${percent(best.rate)} won), p = ${p}.`
      : `No significant difference between the branches yet (p = ${p}); keep the test running.`;
  return { branches, pValue, verdict };
}

function twoProportionP(a: BranchCount, b: BranchCount): number {
  const p1 = a.won / a.leads;
  const p2 = b.won / b.leads;
  const pooled = (a.won + b.won) / (a.leads + b.leads);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.leads + 1 / b.leads));
  if (se === 0) return 1;
  const z = Math.abs(p1 - p2) / se;
  return Math.min(1, 2 * (1 - normalCdf(z)));
}

function chiSquareP(counts: BranchCount[]): number {
  const leads = counts.reduce((n, b) => n + b.leads, 0);
  const won = counts.reduce((n, b) => n + b.won, 0);
  let chi2 = 0;
  for (const b of counts) {
    const expectedWon = (b.leads * won) / leads;
    const expectedLost = b.leads - expectedWon;
    chi2 += (b.won - expectedWon) ** 2 / expectedWon + (b.leads - b.won - expectedLost) ** 2 / expectedLost;
  }
  return 1 - regularizedGammaP((counts.length - 1) / 2, chi2 / 2);
}

/** Φ(z), by the Abramowitz–Stegun 7.1.26 approximation of erf (error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** P(a, x), the regularized lower incomplete gamma function (series / continued fraction, Numerical Recipes). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnGammaA = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-14) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - lnGammaA);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lnGammaA) * h;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = g[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += g[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const formatP = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(p < 0.01 ? 3 : 2));
const percent = (rate: number | null) => `${Math.round((rate ?? 0) * 1000) / 10}%`;
