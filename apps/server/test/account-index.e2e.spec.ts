import { DATABASES, startTestServer, type TestServer } from './harness';

// The statement sticky assignment runs (pipeline.store.ts, pg.pipeline.ts), for the company key.
const NEWEST_OF_ACCOUNT = `SELECT id, manager_id FROM leads WHERE company_key = 'company 7' AND id <> 'x' AND manager_id IS NOT NULL ORDER BY id DESC LIMIT 100`;

/** Sticky assignment reads the newest leads of one account from an index range: no scan, no sort. */
describe.each(DATABASES)('account lookups (%s)', (database) => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer({}, database);
  });
  afterEach(() => t.stop());

  it('read the newest leads of an account straight from the (account, id) index', async () => {
    if (database === 'sqlite') {
      const plan = (await t.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${NEWEST_OF_ACCOUNT}`))
        .map((row) => row.detail)
        .join('\n');
      expect(plan).toMatch(/SEARCH leads USING INDEX leads_account_company \(company_key=\?\)/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      // The case an index on the key alone serves badly: a small account whose leads are old, among
      // 20,000 leads of other accounts (the planner would sort the account's leads, or walk them all).
      const { id: managerId } = await t.createManager('ada@example.com');
      await t.query(`INSERT INTO leads (id, fields, manager_id, tags, open, status, company_key, email_domain, created_at, updated_at)
        SELECT lpad(n::text, 36, '0'), '{}', '${managerId}', '[]', TRUE, NULL, CASE WHEN n <= 300 THEN 'company 7' ELSE 'company ' || (100 + n % 20) END, NULL, 0, 0 FROM generate_series(1, 20000) AS n`);
      await t.query('ANALYZE leads');
      const [row] = await t.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${NEWEST_OF_ACCOUNT}`);
      const plan = JSON.stringify(row['QUERY PLAN']);
      expect(plan).toMatch(/"Index Name":"leads_account_company"/);
      expect(plan).toMatch(/"Scan Direction":"Backward"/);
      expect(plan).not.toMatch(/"Node Type":"Sort"/);
    }
  });
});
