import { CLOSED_STATUSES, isOpenLead, WON_STATUS } from './lead-status';

describe(isOpenLead.name, () => {
  it('counts a lead open unless its status is Won, Lost or Closed, as written', () => {
    expect([...CLOSED_STATUSES]).toEqual([WON_STATUS, 'Lost', 'Closed']);
    expect(isOpenLead({})).toBe(true);
    expect(isOpenLead({ status: 'New' })).toBe(true);
    expect(isOpenLead({ status: 'won' })).toBe(true);
    for (const status of CLOSED_STATUSES) expect(isOpenLead({ status })).toBe(false);
  });
});
