import { testManager } from '../../test/fixtures';
import type { Field, Manager } from '../api/client';
import { leadOf, previewEligibility } from './eligibility-preview';

const manager = (email: string, extra: Partial<Manager> = {}): Manager => testManager(email.split('@')[0], email, extra);
const NOW = new Date('2026-03-02T10:00:00Z');
const reasons = (...args: Parameters<typeof previewEligibility>) =>
  previewEligibility(...args).map((outcome) => (outcome.eligible ? 'eligible' : outcome.reason));

describe(previewEligibility.name, () => {
  const managers = [
    manager('ada@x.io'),
    manager('bo@x.io', { active: false }),
    manager('cy@x.io', { available: false }),
    manager('di@x.io', { awayUntil: '2026-03-05T00:00:00.000Z' }),
    manager('ed@x.io', { awayUntil: '2026-03-01T00:00:00.000Z' }),
    manager('fa@x.io', { capacity: 2, openLeads: 2 }),
  ];
  const all = managers.map((m) => m.email);

  it('gives each skipped manager its reason', () => {
    expect(reasons(all, managers, {}, {}, NOW)).toEqual([
      'eligible',
      'inactive',
      'unavailable',
      'away until 2026-03-05T00:00:00.000Z',
      'eligible',
      'at capacity',
    ]);
  });

  it('keeps unavailable and full managers when switched off, never inactive ones', () => {
    expect(reasons(all, managers, { skipUnavailable: false, respectCapacity: false }, {}, NOW)).toEqual([
      'eligible',
      'inactive',
      'eligible',
      'eligible',
      'eligible',
      'eligible',
    ]);
  });

  it('evaluates the condition with the candidate beside the lead', () => {
    const team = [
      manager('ada@x.io', { attributes: { industries: ['Medicine'] } }),
      manager('cy@x.io', { attributes: { industries: ['Retail'] } }),
    ];
    const condition = { in: [{ var: 'lead.industry' }, { var: 'candidate.attributes.industries' }] };
    expect(reasons(['ada@x.io', 'cy@x.io'], team, { condition }, { industry: 'Medicine' }, NOW)).toEqual([
      'eligible',
      'condition not met',
    ]);
    const starts = { startsWith: [{ var: 'candidate.email' }, 'cy'] };
    expect(reasons(['ada@x.io', 'cy@x.io'], team, { condition: starts }, {}, NOW)).toEqual([
      'condition not met',
      'eligible',
    ]);
  });

  it('matches emails case-blind and names unknown ones', () => {
    expect(previewEligibility(['ADA@x.io', 'zed@x.io'], managers, {}, {}, NOW)).toEqual([
      { email: 'ADA@x.io', name: 'ada', eligible: true },
      { email: 'zed@x.io', name: 'zed@x.io', eligible: false, reason: 'unknown manager' },
    ]);
  });
});

describe(leadOf.name, () => {
  const fields: Field[] = [
    { key: 'industry', label: 'Industry', type: 'text' },
    { key: 'dealValue', label: 'Deal value', type: 'number' },
  ];
  it('reads numbers as numbers and skips empty keys', () => {
    expect(
      leadOf(
        [
          { key: 'industry', value: '42' },
          { key: 'dealValue', value: '5000' },
          { key: '', value: 'x' },
        ],
        fields,
      ),
    ).toEqual({ industry: '42', dealValue: 5000 });
  });
});
