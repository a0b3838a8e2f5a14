import type { Manager, RotationInsight } from '../api/client';
import { managerKey } from '../node-settings/eligibility-preview';
import { weightsInStep } from '../node-settings/rotation-values';

export const MANAGER_FIELD = 'manager';

/** A manager's name by email (as the engine writes it or not), or the email when nobody here has it. */
export function managerNamer(managers: Manager[] | undefined): (email: string) => string {
  const names = new Map((managers ?? []).map((manager) => [managerKey(manager.email), manager.name]));
  return (email) => names.get(managerKey(email)) ?? email;
}

/** How a value of `field` reads: a manager by name, anything else as it is. */
export function valueNamer({
  field,
  managers,
}: {
  field: unknown;
  managers: Manager[] | undefined;
}): (value: unknown) => string {
  const managerName = field === MANAGER_FIELD ? managerNamer(managers) : null;
  return (value) => {
    if (value === null || value === undefined) return field === MANAGER_FIELD ? 'nobody' : 'empty';
    if (typeof value === 'string') return managerName ? managerName(value) : value;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
}

/** One value of a rotation as the chart draws it. Shares are 0–1, null while nothing was given. */
export interface RotationBar {
  value: string;
  label: string;
  given: number;
  share: number | null;
  givenLast7Days: number;
  shareLast7Days: number | null;
  lastGivenAt: string | null;
  onList: boolean;
  /** With `weighted`: the share its weight asks for, among the values on the list. */
  expected?: number;
}

export interface RotationFigures {
  bars: RotationBar[];
  total: number;
  totalLast7Days: number;
  /** Who the next run would give (by name), or null when the strategy cannot say. */
  next: string | null;
}

// The server names values as text (`String(value)`), manager emails as the engine stores them.
const keyOf = (field: unknown, value: unknown) =>
  field === MANAGER_FIELD && typeof value === 'string' ? managerKey(value) : String(value);

/**
 * The share of leads each value should get by its weight, for a weighted rotation (the engine's
 * rule: a missing weight counts 1, a value listed twice counts once with its weights added);
 * undefined for other strategies.
 */
export function expectedShares(data: Record<string, unknown>): Map<string, number> | undefined {
  if (data.strategy !== 'weighted' || !Array.isArray(data.values) || data.values.length === 0)
    return undefined;
  const values = data.values as unknown[];
  const weights = weightsInStep(values.length, Array.isArray(data.weights) ? (data.weights as number[]) : []);
  const byValue = new Map<string, number>();
  values.forEach((value, i) => {
    const key = keyOf(data.field, value);
    byValue.set(key, (byValue.get(key) ?? 0) + weights[i]);
  });
  const sum = [...byValue.values()].reduce((a, b) => a + b, 0);
  return sum > 0 ? new Map([...byValue].map(([key, weight]) => [key, weight / sum])) : undefined;
}

const shareOf = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The server's rotation figures ready to draw: names, shares of all and of the last 7 days. */
export function rotationFigures({
  insight,
  field,
  nameOf,
  expected,
}: {
  insight: RotationInsight;
  field: unknown;
  nameOf: (value: unknown) => string;
  expected?: Map<string, number>;
}): RotationFigures {
  const total = insight.values.reduce((sum, row) => sum + row.given, 0);
  const totalLast7Days = insight.values.reduce((sum, row) => sum + row.givenLast7Days, 0);
  return {
    total,
    totalLast7Days,
    next: insight.next === null ? null : nameOf(insight.next),
    bars: insight.values.map((row) => {
      const value = String(row.value);
      const onList = row.onList !== false;
      const share = expected && onList ? expected.get(keyOf(field, row.value)) : undefined;
      return {
        value,
        label: nameOf(row.value),
        given: row.given,
        share: shareOf(row.given, total),
        givenLast7Days: row.givenLast7Days,
        shareLast7Days: shareOf(row.givenLast7Days, totalLast7Days),
        lastGivenAt: row.lastGivenAt,
        onList,
        ...(share !== undefined ? { expected: share } : {}),
      };
    }),
  };
}

/** 0.5 → "50%", null → "—". Whole percents: the bars are not more precise than that. */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;

/** A bar's width in CSS, never below nothing nor past the track. */
export const barWidth = (share: number | null | undefined): string =>
  `${Math.min(100, Math.max(0, (share ?? 0) * 100))}%`;

// The Okabe–Ito colours (told apart with the common colour blindnesses; the yellow darkened to
// show on white), by list position, so a value has one colour on the canvas node and in its settings.
const BAR_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8a7a00', '#555555'];
export const barColor = (index: number) => BAR_COLORS[index % BAR_COLORS.length];

const shortName = (label: string, field: unknown) => {
  // A rep by first name, as a team says it; anything else cut to fit the node.
  const name = field === MANAGER_FIELD && !label.includes('@') ? label.split(/\s+/)[0] : label;
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
};

/** The canvas node's line: "next: Bo · 1,204 given". */
export function nodeRotationLine(figures: RotationFigures, field: unknown): string {
  const given = `${figures.total.toLocaleString()} given`;
  return figures.next === null ? given : `next: ${shortName(figures.next, field)} · ${given}`;
}
