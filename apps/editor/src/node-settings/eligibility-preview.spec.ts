import { testManager } from '../../test/fixtures';
import type { Field, Manager } from '../api/client';
import { leadOf, previewEligibility } from './eligibility-preview';

const manager = (email: string, extra: Partial<Manager> = {}): Manager =>
  testManager(email.split('@')[0], email, extra);
// A Monday: 05:00 in New York, 11:00 in Berlin.
const NOW = new Date('2026-03-02T10:00:00Z');
const nineToFive = (timezone: string) => ({
  timezone,
  days: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
});

type PreviewInput = Parameters<typeof previewEligibility>[0];
const preview = (input: Omit<PreviewInput, 'lead' | 'now'> & Partial<PreviewInput>) => {
  const result = previewEligibility({ lead: {}, now: NOW, ...input });
  if (!result.ok) throw new Error(result.error);
  return result.outcomes;
};
const reasons = (input: Parameters<typeof preview>[0]) =>
  preview(input).map((outcome) => (outcome.eligible ? 'eligible' : outcome.reason));

describe(previewEligibility.name, () => {
  const managers = [
    manager('ada@x.io'),
    manager('bo@x.io', { active: false }),
    manager('cy@x.io', { available: false }),
    manager('di@x.io', { awayUntil: '2026-03-05T00:00:00.000Z' }),
    manager('ed@x.io', { awayUntil: '2026-03-01T00:00:00.000Z' }),
    manager('fa@x.io', { capacity: 2, openLeads: 2 }),
  ];
  const emails = managers.map((m) => m.email);

  it("gives each skipped manager the engine's reason", () => {
    expect(reasons({ emails, managers, eligibility: {} })).toEqual([
      'eligible',
      'inactive',
      'unavailable',
      'away',
      'eligible',
      'atCapacity',
    ]);
  });

  it('skips a manager away until later, not one whose away time has passed', () => {
    const away = [
      manager('di@x.io', { awayUntil: '2026-03-02T10:00:01.000Z' }),
      manager('ed@x.io', { awayUntil: '2026-03-02T09:59:59.000Z' }),
    ];
    expect(reasons({ emails: ['di@x.io', 'ed@x.io'], managers: away, eligibility: {} })).toEqual([
      'away',
      'eligible',
    ]);
  });

  it('keeps unavailable and full managers when switched off, never inactive ones', () => {
    expect(
      reasons({ emails, managers, eligibility: { skipUnavailable: false, respectCapacity: false } }),
    ).toEqual(['eligible', 'inactive', 'eligible', 'eligible', 'eligible', 'eligible']);
  });

  describe("working hours, in each manager's time zone at `now`", () => {
    const team = [
      manager('ny@x.io', { workingHours: nineToFive('America/New_York') }),
      manager('berlin@x.io', { workingHours: nineToFive('Europe/Berlin') }),
      manager('nowhere@x.io', { workingHours: nineToFive('Mars/Olympus_Mons') }),
    ];
    const teamEmails = team.map((m) => m.email);

    it('skips a manager outside their hours and keeps one inside them', () => {
      expect(reasons({ emails: teamEmails, managers: team, eligibility: {} })).toEqual([
        'outsideWorkingHours',
        'eligible',
        'invalidWorkingHours',
      ]);
    });

    it('follows the clock: at 17:00 UTC New York is working and Berlin has gone home', () => {
      const later = new Date('2026-03-02T17:00:00Z');
      expect(
        reasons({ emails: teamEmails.slice(0, 2), managers: team, eligibility: {}, now: later }),
      ).toEqual(['eligible', 'outsideWorkingHours']);
    });

    it('ignores working hours when unavailable managers are not skipped', () => {
      expect(
        reasons({ emails: teamEmails, managers: team, eligibility: { skipUnavailable: false } }),
      ).toEqual(['eligible', 'eligible', 'eligible']);
    });

    it("gives the first reason in the engine's order", () => {
      const both = [
        manager('ny@x.io', {
          workingHours: nineToFive('America/New_York'),
          awayUntil: '2026-03-05T00:00:00.000Z',
        }),
        manager('off@x.io', { workingHours: nineToFive('America/New_York'), active: false }),
      ];
      expect(reasons({ emails: ['ny@x.io', 'off@x.io'], managers: both, eligibility: {} })).toEqual([
        'away',
        'inactive',
      ]);
    });
  });

  it('evaluates the condition with the candidate beside the lead', () => {
    const team = [
      manager('ada@x.io', { attributes: { industries: ['Medicine'] } }),
      manager('cy@x.io', { attributes: { industries: ['Retail'] } }),
    ];
    const condition = { in: [{ var: 'lead.industry' }, { var: 'candidate.attributes.industries' }] };
    const pair = ['ada@x.io', 'cy@x.io'];
    expect(
      reasons({ emails: pair, managers: team, eligibility: { condition }, lead: { industry: 'Medicine' } }),
    ).toEqual(['eligible', 'condition']);
    const starts = { startsWith: [{ var: 'candidate.email' }, 'cy'] };
    expect(reasons({ emails: pair, managers: team, eligibility: { condition: starts } })).toEqual([
      'condition',
      'eligible',
    ]);
  });

  it('says the run would fail when the condition cannot be evaluated', () => {
    const result = previewEligibility({
      emails: ['ada@x.io'],
      managers,
      eligibility: { condition: { frobnicate: [1] } },
      lead: {},
      now: NOW,
    });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('frobnicate') });
  });

  it('skips the manager the lead has now when the node excludes the current value', () => {
    const input = {
      emails: ['ada@x.io', 'ed@x.io'],
      managers,
      eligibility: {},
      lead: { manager: 'Ada@x.io' },
    };
    expect(reasons(input)).toEqual(['eligible', 'eligible']);
    expect(reasons({ ...input, excludeCurrent: true })).toEqual(['current', 'eligible']);
  });

  it('matches emails case-blind and names unknown ones', () => {
    expect(preview({ emails: ['ADA@x.io', 'zed@x.io'], managers, eligibility: {} })).toEqual([
      { email: 'ADA@x.io', name: 'ada', eligible: true },
      { email: 'zed@x.io', name: 'zed@x.io', eligible: false, reason: 'unknownManager' },
    ]);
  });

  it('has nothing to say about an empty list', () => {
    expect(preview({ emails: [], managers, eligibility: {} })).toEqual([]);
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
