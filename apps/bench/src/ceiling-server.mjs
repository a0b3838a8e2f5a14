// The ceiling: the least a server can do to route a lead durably on SQLite. Per POST /api/leads,
// one transaction (WAL, synchronous=NORMAL, like Leadflow's default): insert the lead, move the
// rotation cursor, set the lead's manager, insert the run record. No framework, no outbox.
// PORT, DB (file path), MANAGERS (count, default 10), SQLITE_SYNCHRONOUS (default NORMAL).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.env.DB);
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS || 'NORMAL'}`);
db.exec(`
  CREATE TABLE IF NOT EXISTS leads (id TEXT PRIMARY KEY, fields TEXT NOT NULL, manager_id TEXT, tags TEXT NOT NULL,
    open INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS leads_manager_open ON leads (manager_id, open);
  CREATE TABLE IF NOT EXISTS rotations (workflow_id TEXT, node_id TEXT, state TEXT NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (workflow_id, node_id));
  CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, lead_id TEXT NOT NULL, status TEXT NOT NULL,
    steps TEXT NOT NULL, started_at INTEGER NOT NULL, finished_at INTEGER);
  CREATE INDEX IF NOT EXISTS runs_lead ON runs (lead_id, started_at);
  CREATE INDEX IF NOT EXISTS runs_workflow ON runs (workflow_id, started_at);
`);
const managers = Array.from(
  { length: Number(process.env.MANAGERS || 10) },
  (_, i) => `manager${i}@bench.test`,
);

const insertLead = db.prepare('INSERT INTO leads VALUES (?, ?, NULL, ?, 1, ?, ?)');
const getCursor = db.prepare(`SELECT state FROM rotations WHERE workflow_id = 'w' AND node_id = 'assign'`);
const setCursor = db.prepare(`INSERT INTO rotations VALUES ('w', 'assign', ?, ?)
  ON CONFLICT (workflow_id, node_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`);
const setManager = db.prepare('UPDATE leads SET manager_id = ?, updated_at = ? WHERE id = ?');
const insertRun = db.prepare(`INSERT INTO runs VALUES (?, 'w', ?, 'completed', ?, ?, ?)`);
const perManager = db.prepare('SELECT manager_id AS manager, count(*) AS n FROM leads GROUP BY manager_id');

const route = db.transaction((id, fields, now) => {
  insertLead.run(id, JSON.stringify(fields), '[]', now, now);
  const row = getCursor.get();
  const next = row ? (JSON.parse(row.state).next + 1) % managers.length : 0;
  setCursor.run(JSON.stringify({ next }), now);
  setManager.run(managers[next], now, id);
  const steps = [
    { nodeId: 'assign', type: 'updateField', outcome: 'changed', detail: { given: managers[next] }, at: now },
  ];
  insertRun.run(randomUUID(), id, JSON.stringify(steps), now, now);
  return managers[next];
});

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

http
  .createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/api/leads') {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        let input;
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, 400, { statusCode: 400, message: 'invalid JSON' });
        }
        if (!input || typeof input.fields !== 'object')
          return send(res, 400, { statusCode: 400, message: 'fields' });
        const id = randomUUID();
        const now = Date.now();
        const manager = route(id, input.fields, now);
        const at = new Date(now).toISOString();
        send(res, 201, { id, fields: { ...input.fields, manager }, tags: [], createdAt: at, updatedAt: at });
      });
    } else if (req.url === '/api/health') send(res, 200, { status: 'ok' });
    else if (req.url === '/stats') send(res, 200, perManager.all());
    else send(res, 404, { statusCode: 404 });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');

process.on('SIGTERM', () => {
  db.close();
  process.exit(0);
});
