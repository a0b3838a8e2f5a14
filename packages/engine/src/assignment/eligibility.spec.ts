import { compileCondition } from '../conditions/condition';
import { manager } from '../../test/fixtures';
import type { ManagerInfo } from '../types';
import { managerSkipReason, type EligibilityRules } from './eligibility';

const NOW = new Date('2026-03-02T10:00:00Z');
const DEFAULT: EligibilityRules = { skipUnavailable: true, respectCapacity: true };
const reason = (m: ManagerInfo | undefined, rules: EligibilityRules = DEFAULT) =>
  managerSkipReason({
    manager: m,
    rules,
    now: NOW,
    conditionData: (candidate) => ({ lead: { industry: 'Medicine' }, candidate }),
  });

describe(managerSkipReason.name, () => {
  it('gives the reason a manager may not be given, or null', () => {
    expect(reason(manager('a@x.com'))).toBeNull();
    expect(reason(undefined)).toBe('unknownManager');
    expect(reason(manager('a@x.com', { active: false }))).toBe('inactive');
    expect(reason(manager('a@x.com', { available: false }))).toBe('unavailable');
    expect(reason(manager('a@x.com', { awayUntil: '2026-03-02T10:00:01Z' }))).toBe('away');
    expect(reason(manager('a@x.com', { awayUntil: '2026-03-02T10:00:00Z' }))).toBeNull();
    expect(
      reason(manager('a@x.com', { workingHours: { timezone: 'UTC', days: { mon: ['11:00-12:00'] } } })),
    ).toBe('outsideWorkingHours');
    expect(
      reason(manager('a@x.com', { workingHours: { timezone: 'UTC', days: { mon: ['09:00-12:00'] } } })),
    ).toBeNull();
    expect(reason(manager('a@x.com', { workingHours: { timezone: 'Nowhere/Land', days: {} } }))).toBe(
      'invalidWorkingHours',
    );
    expect(reason(manager('a@x.com', { capacity: 3, openLeads: 3 }))).toBe('atCapacity');
    expect(reason(manager('a@x.com', { capacity: 3, openLeads: 2 }))).toBeNull();
  });

  it('never gives an inactive manager, even with the checks switched off', () => {
    const off = { skipUnavailable: false, respectCapacity: false };
    expect(reason(manager('a@x.com', { active: false }), off)).toBe('inactive');
    expect(
      reason(manager('a@x.com', { available: false, awayUntil: '2027-01-01T00:00:00Z', capacity: 0 }), off),
    ).toBeNull();
  });

  it('evaluates the condition per candidate beside the lead', () => {
    const rules = {
      ...DEFAULT,
      condition: compileCondition({
        in: [{ var: 'lead.industry' }, { var: 'candidate.attributes.industries' }],
      }),
    };
    expect(reason(manager('a@x.com', { attributes: { industries: ['Medicine'] } }), rules)).toBeNull();
    expect(reason(manager('b@x.com', { attributes: { industries: ['Retail'] } }), rules)).toBe('condition');
    const byLoad = { ...DEFAULT, condition: compileCondition({ '<': [{ var: 'candidate.openLeads' }, 5] }) };
    expect(reason(manager('c@x.com', { openLeads: 5 }), byLoad)).toBe('condition');
  });
});
