import type { Database, Statement } from 'better-sqlite3';
import type { RotationState } from '@leadflow/engine';
import {
  PipelineRepository,
  storedEventFromRow,
  type Assignment,
  type EventRow,
  type StoredEvent,
} from './pipeline.repository';

/** The outbox, the strategies' state and the assignment log on SQLite. */
export class SqlitePipelineRepository extends PipelineRepository {
  private readonly selectPending: Statement<[number], EventRow>;
  private readonly selectChainRuns: Statement<[number], { runs: number }>;
  private readonly upsertChainRuns: Statement<[number, number]>;
  private readonly selectChainOf: Statement<[number], { chain: number }>;
  private readonly markDone: Statement<[number, number]>;
  private readonly selectRotation: Statement<[string, string], { state: string }>;
  private readonly upsertRotation: Statement;
  private readonly insertAssignment: Statement;
  private readonly byCompany: Statement<[string, string], { manager_id: string }>;
  private readonly byDomain: Statement<[string, string], { manager_id: string }>;
  private readonly countPending: Statement<[], { n: number }>;
  private readonly anyPending: Statement<[], { id: number }>;

  constructor(db: Database) {
    super();
    this.selectPending = db.prepare(`SELECT * FROM events WHERE status = 'pending' ORDER BY id LIMIT ?`);
    this.selectChainRuns = db.prepare('SELECT runs FROM event_chains WHERE id = ?');
    this.upsertChainRuns = db.prepare(
      'INSERT INTO event_chains (id, runs) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET runs = excluded.runs',
    );
    this.selectChainOf = db.prepare('SELECT coalesce(chain_id, id) AS chain FROM events WHERE id = ?');
    this.markDone = db.prepare(`UPDATE events SET status = 'done', processed_at = ? WHERE id = ?`);
    this.selectRotation = db.prepare('SELECT state FROM rotations WHERE workflow_id = ? AND node_id = ?');
    this.upsertRotation = db.prepare(
      `INSERT INTO rotations (workflow_id, node_id, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workflow_id, node_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    );
    this.insertAssignment = db.prepare(
      'INSERT INTO assignments (workflow_id, node_id, value, run_id, lead_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Newest lead of the account first: the first rows of one range of leads_account_company / _domain.
    this.byCompany = db.prepare(
      `SELECT manager_id FROM leads WHERE company_key = ? AND id <> ? AND manager_id IS NOT NULL ORDER BY id DESC LIMIT 100`,
    );
    this.byDomain = db.prepare(
      `SELECT manager_id FROM leads WHERE email_domain = ? AND id <> ? AND manager_id IS NOT NULL ORDER BY id DESC LIMIT 100`,
    );
    this.countPending = db.prepare(`SELECT count(*) AS n FROM events WHERE status = 'pending'`);
    this.anyPending = db.prepare(`SELECT id FROM events WHERE status = 'pending' LIMIT 1`);
  }

  /** Pending events in id order. */
  pending(limit: number): StoredEvent[] {
    return this.selectPending.all(limit).map(storedEventFromRow);
  }

  hasPending(): boolean {
    return this.anyPending.get() !== undefined;
  }

  pendingCount(): number {
    return this.countPending.get()?.n ?? 0;
  }

  done(eventId: number, at: number): void {
    this.markDone.run(at, eventId);
  }

  /** Runs recorded so far by the chain of this outside event. */
  chainRuns(chainId: number): number {
    return this.selectChainRuns.get(chainId)?.runs ?? 0;
  }

  setChainRuns(chainId: number, runs: number): void {
    this.upsertChainRuns.run(chainId, runs);
  }

  /** The chain of a stored event (for a waiting run's event); the event's own id if it is gone. */
  chainOf(eventId: number): number {
    return Number(this.selectChainOf.get(eventId)?.chain ?? eventId);
  }

  rotation(workflowId: string, nodeId: string): RotationState | null {
    const row = this.selectRotation.get(workflowId, nodeId);
    return row ? JSON.parse(row.state) : null;
  }

  saveRotation(workflowId: string, nodeId: string, state: RotationState, at: number): void {
    this.upsertRotation.run(workflowId, nodeId, JSON.stringify(state), at);
  }

  logAssignment(a: Assignment): void {
    this.insertAssignment.run(a.workflowId, a.nodeId, a.value, a.runId, a.leadId, a.at);
  }

  /** Manager ids of the account's other leads, newest lead first. */
  accountManagerIds(by: 'company' | 'emailDomain', key: string, exceptLeadId: string): string[] {
    const statement = by === 'company' ? this.byCompany : this.byDomain;
    return statement.all(key, exceptLeadId).map((row) => row.manager_id);
  }
}
