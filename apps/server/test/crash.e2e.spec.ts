import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roundRobin } from './harness';
import { api, assertBuilt, freePort, ServerProcess, settled } from './process';

const MANAGERS = ['ada@example.com', 'bo@example.com', 'cy@example.com'];

/**
 * The durability promise, tested on the real process: a 201 means the event is stored; killing the
 * server (SIGKILL, no chance to clean up) in the middle of a burst loses no acknowledged lead and
 * runs none twice, and the rotation stays exact.
 */
describe('crash safety (real server process)', () => {
  let dir: string;
  beforeAll(() => assertBuilt());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leadflow-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['SIGKILL', 'SIGTERM'] as const)(
    'loses nothing and runs nothing twice when %s hits under load',
    async (signal) => {
      const port = await freePort();
      const server = new ServerProcess(port, { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` });
      await server.start();
      for (const email of MANAGERS)
        expect((await api(server.url, 'POST', '/api/managers', { name: email, email })).status).toBe(201);
      const workflow = await api<{ id: string }>(server.url, 'POST', '/api/workflows', roundRobin(MANAGERS));
      expect((await api(server.url, 'POST', `/api/workflows/${workflow.body.id}/activate`)).status).toBe(200);

      // 20 clients send leads until the server dies; a lead counts as acknowledged only on a 201.
      const acknowledged: string[] = [];
      let sent = 0;
      let killed = false;
      const client = async () => {
        while (!killed && sent < 2000) {
          sent++;
          try {
            const res = await api<{ id: string }>(server.url, 'POST', '/api/leads', {
              fields: { name: `Lead ${sent}` },
            });
            if (res.status === 201) acknowledged.push(res.body.id);
          } catch {
            return; // connection refused or reset: the server is gone
          }
          if (acknowledged.length === 300 && !killed) {
            killed = true;
            void server.stop(signal);
          }
        }
      };
      await Promise.all(Array.from({ length: 20 }, client));
      const code = await server.stop(signal);
      if (signal === 'SIGTERM') expect(code).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);

      await server.start();
      await settled(server.url, 20_000);
      const leads = await api<Array<{ id: string; fields: { manager: string | null } }>>(
        server.url,
        'GET',
        '/api/leads?limit=1000',
      );
      const runs = await api<Array<{ leadId: string; status: string }>>(
        server.url,
        'GET',
        `/api/runs?limit=1000&workflowId=${workflow.body.id}`,
      );
      const runsPerLead = new Map<string, number>();
      for (const run of runs.body) {
        expect(run.status).toBe('completed');
        runsPerLead.set(run.leadId, (runsPerLead.get(run.leadId) ?? 0) + 1);
      }
      const stored = new Map(leads.body.map((l) => [l.id, l]));
      for (const id of acknowledged) {
        expect(stored.get(id)?.fields.manager).toMatch(/@example\.com$/);
        expect(runsPerLead.get(id)).toBe(1);
      }
      // Leads stored but not acknowledged (in flight at the kill) are processed too, once.
      for (const lead of leads.body) expect(runsPerLead.get(lead.id)).toBe(1);
      const counts = MANAGERS.map((m) => leads.body.filter((l) => l.fields.manager === m).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      await server.stop('SIGTERM');
    },
    90_000,
  );
});
