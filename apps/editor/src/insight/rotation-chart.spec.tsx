import { render, screen, within } from '@testing-library/react';
import { testManager } from '../../test/fixtures';
import type { RotationInsight } from '../api/client';
import { RotationChart, RotationMiniBar } from './rotation-chart';
import { expectedShares, nodeRotationLine, rotationFigures, valueNamer } from './rotation-figures';

const managers = [testManager('Ada Lovelace', 'ada@example.com'), testManager('Bo Chen', 'Bo@Example.com')];
const row = (value: string, given: number, givenLast7Days = given, onList = true) => ({
  value,
  given,
  givenLast7Days,
  lastGivenAt: given > 0 ? '2026-11-28T10:00:00.000Z' : null,
  onList,
});
const insight: RotationInsight = {
  values: [row('ada@example.com', 2, 2), row('bo@example.com', 1, 0), row('cy@example.com', 1, 1)],
  next: 'bo@example.com',
};
const figuresOf = (data: RotationInsight, node: Record<string, unknown> = { field: 'manager' }) =>
  rotationFigures({
    insight: data,
    field: node.field,
    nameOf: valueNamer({ field: node.field, managers }),
    expected: expectedShares(node),
  });

const rows = () =>
  within(screen.getByRole('table', { name: 'Leads given per value' }))
    .getAllByRole('row')
    .slice(1);
const fills = (element: HTMLElement) =>
  [...element.querySelectorAll<HTMLElement>('.bar-fill')].map((fill) => fill.style.width);

describe(RotationChart.name, () => {
  it('draws a bar per value as long as its share, with the count and share in words', () => {
    render(<RotationChart figures={figuresOf(insight)} />);
    expect(rows().map((tr) => within(tr).getByRole('rowheader').textContent)).toEqual([
      'Ada Lovelace',
      'Bo Chen',
      'cy@example.com',
    ]);
    // Given: share of all 4 leads; 7 days: share of the 3 of the last week.
    expect(rows().map(fills)).toEqual([
      ['50%', `${(2 / 3) * 100}%`],
      ['25%', '0%'],
      ['25%', `${(1 / 3) * 100}%`],
    ]);
    expect(
      rows().map((tr) => [...tr.querySelectorAll('.bar-figure')].map((cell) => cell.textContent)),
    ).toEqual([
      ['2 · 50%', '2'],
      ['1 · 25%', '0'],
      ['1 · 25%', '1'],
    ]);
    expect(screen.getByText('4 given in all, 3 in the last 7 days.')).toBeInTheDocument();
  });

  it('draws empty bars and no shares while nothing was given', () => {
    render(
      <RotationChart
        figures={figuresOf({ values: [row('ada@example.com', 0), row('bo@example.com', 0)], next: null })}
      />,
    );
    expect(rows().map(fills)).toEqual([
      ['0%', '0%'],
      ['0%', '0%'],
    ]);
    expect(rows()[0]).toHaveTextContent('0 · —');
    expect(screen.getByText('Nothing given yet.')).toBeInTheDocument();
  });

  it("marks a weighted value's expected share beside its actual one, and values no longer listed", () => {
    const node = {
      field: 'status',
      strategy: 'weighted',
      values: ['Hot', 'Cold'],
      weights: [3, 1],
    };
    render(
      <RotationChart
        figures={figuresOf(
          { values: [row('Hot', 6), row('Cold', 3), row('Old', 1, 0, false)], next: 'Hot' },
          node,
        )}
      />,
    );
    const [hot, cold, old] = rows();
    expect(hot).toHaveTextContent('6 · 60% (weight 75%)');
    expect(hot.querySelector<HTMLElement>('.bar-expected')!.style.left).toBe('75%');
    expect(cold).toHaveTextContent('3 · 30% (weight 25%)');
    expect(old).toHaveTextContent('Old (no longer listed)');
    expect(old).toHaveClass('muted');
    expect(old.querySelector('.bar-expected')).toBeNull();
    expect(screen.getByText(/The mark on a bar is the share its weight asks for/)).toBeInTheDocument();
  });
});

describe(expectedShares.name, () => {
  it('counts a missing weight as 1 and a value listed twice once, its weights added (as the engine does)', () => {
    expect(
      expectedShares({
        field: 'manager',
        strategy: 'weighted',
        values: ['a@x.io', 'A@X.io', 'b@x.io'],
        weights: [1, 2],
      }),
    ).toEqual(
      new Map([
        ['a@x.io', 0.75],
        ['b@x.io', 0.25],
      ]),
    );
    expect(expectedShares({ field: 'manager', strategy: 'roundRobin', values: ['a@x.io'] })).toBeUndefined();
  });
});

describe(RotationMiniBar.name, () => {
  it('stacks the shares in one bar and says them in its label', () => {
    render(<RotationMiniBar figures={figuresOf(insight)} />);
    const bar = screen.getByRole('img', {
      name: 'Given: Ada Lovelace 2 (50%), Bo Chen 1 (25%), cy@example.com 1 (25%)',
    });
    expect([...bar.querySelectorAll<HTMLElement>('span')].map((segment) => segment.style.width)).toEqual([
      '50%',
      '25%',
      '25%',
    ]);
  });

  it('is an empty track while nothing was given', () => {
    render(<RotationMiniBar figures={figuresOf({ values: [row('ada@example.com', 0)], next: null })} />);
    expect(screen.getByRole('img', { name: 'Nothing given yet' }).children).toHaveLength(0);
  });
});

describe(nodeRotationLine.name, () => {
  it('names the next rep by first name, and the count the reader’s way', () => {
    const many: RotationInsight = {
      values: [row('ada@example.com', 1000), row('bo@example.com', 204)],
      next: 'bo@example.com',
    };
    expect(nodeRotationLine(figuresOf(many), 'manager')).toBe(`next: Bo · ${(1204).toLocaleString()} given`);
    expect(nodeRotationLine(figuresOf({ ...many, next: 'zed@example.com' }), 'manager')).toBe(
      `next: zed@example.com · ${(1204).toLocaleString()} given`,
    );
    expect(nodeRotationLine(figuresOf({ ...many, next: null }), 'manager')).toBe(
      `${(1204).toLocaleString()} given`,
    );
    const status = figuresOf(
      { values: [row('A value far too long for a node', 0)], next: 'A value far too long for a node' },
      { field: 'status' },
    );
    expect(nodeRotationLine(status, 'status')).toBe('next: A value far too l… · 0 given');
  });
});
