import type { LeadRecord } from '../leads/lead.repository';
import { ManagerDirectory } from '../config-cache/manager.directory';
import type { WorkflowRegistry } from '../config-cache/workflow.registry';
import { Snapshot } from './snapshot';

const team = new ManagerDirectory();
team.load(
  ['ada', 'bo'].map((name) => ({
    id: `id-${name}`,
    name,
    email: `${name}@example.com`,
    active: true,
    available: true,
    away_until: null,
    working_hours: null,
    capacity: null,
    attributes: '{}',
    created_at: 0,
    updated_at: 0,
  })),
);

const lead = (id: string, fields: LeadRecord['fields']): LeadRecord => ({
  id,
  fields,
  tags: [],
  createdAt: 0,
  updatedAt: 0,
});

/** A round of PostgreSQL processing holds these leads; what the database shows lags behind until the flush. */
describe('Snapshot', () => {
  it('counts open leads as the round left them, not as the database still has them', () => {
    const snapshot = new Snapshot(
      [lead('l1', {}), lead('l2', { manager: 'bo@example.com' })],
      team,
      {} as WorkflowRegistry,
      () => 0,
    );
    // Earlier runs of the round: l1 went to Ada, l2 (Bo's) was won.
    snapshot.leads.update(lead('l1', { manager: 'ada@example.com' }));
    snapshot.leads.update(lead('l2', { manager: 'bo@example.com', status: 'Won' }));
    // The database, read now, still counts l2 for Bo and nothing of l1 for Ada.
    snapshot.setOpenLeads(
      new Map([
        ['id-ada', 3],
        ['id-bo', 3],
      ]),
    );
    expect(snapshot.managers.info('ada@example.com')?.openLeads).toBe(4);
    expect(snapshot.managers.info('bo@example.com')?.openLeads).toBe(2);
    // And later runs keep the counts true.
    snapshot.leads.update(lead('l1', { manager: 'bo@example.com' }));
    expect(snapshot.managers.info('ada@example.com')?.openLeads).toBe(3);
    expect(snapshot.managers.info('bo@example.com')?.openLeads).toBe(3);
  });

  it("sees an account's leads given a manager earlier in the round, newest first", () => {
    const snapshot = new Snapshot(
      [lead('0002', { company: 'Acme' }), lead('0003', { company: ' ACME ' })],
      team,
      {} as WorkflowRegistry,
      () => 0,
    );
    snapshot.leads.update(lead('0002', { company: 'Acme', manager: 'ada@example.com' }));
    // The database knows an older lead of Acme, Bo's, and still shows 0002 without a manager.
    snapshot.setAccount('company', 'acme', '0003', [{ leadId: '0001', managerId: 'id-bo' }]);
    expect(snapshot.store.accountManagerIds('company', 'acme', '0003')).toEqual(['id-ada', 'id-bo']);
  });

  it("drops an account's lead whose manager the round cleared, though the database still shows it", () => {
    const snapshot = new Snapshot(
      [lead('0002', { company: 'Acme', manager: 'bo@example.com' }), lead('0003', { company: 'Acme' })],
      team,
      {} as WorkflowRegistry,
      () => 0,
    );
    snapshot.leads.update(lead('0002', { company: 'Acme', manager: null }));
    snapshot.setAccount('company', 'acme', '0003', [{ leadId: '0002', managerId: 'id-bo' }]);
    expect(snapshot.store.accountManagerIds('company', 'acme', '0003')).toEqual([]);
  });
});
