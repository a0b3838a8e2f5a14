import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@leadflow/test-support';
import { roundRobin } from './harness';
import { api, assertBuilt, freePort, ServerProcess, settled } from './process';

const MANAGERS = ['ada@example.com', 'bo@example.com', 'cy@example.com'];

/** Fills the file system holding `path` with one file until it refuses more. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

async function readiness(url: string): Promise<{ status: number; body: { cause?: string } }> {
  return api<{ cause?: string }>(url, 'GET', '/api/ready');
}

/**
 * A full disk under SQLite (a 5 MB tmpfs): writes are refused with 503 + Retry-After naming the
 * cause, readiness is 503 meanwhile, and once space is freed everything acknowledged is there and
 * routed. Needs root (mount); skipped with a message otherwise.
 */
describe('full disk (SQLite on a small tmpfs, real process)', () => {
  let dir: string;
  let mounted = false;
  beforeAll(() => assertBuilt());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leadflow-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=5m', 'tmpfs', dir], { stdio: 'pipe' });
      mounted = true;
    } catch (error) {
      console.log(
        `full-disk test skipped: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`,
      );
    }
  });
  afterEach(() => {
    if (mounted) execFileSync('umount', ['-l', dir]);
    mounted = false;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After and readiness 503 while the disk is full, and loses nothing', async () => {
    if (!mounted) return;
    const server = new ServerProcess(await freePort(), { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` });
    const filler = join(dir, 'filler');
    try {
      await server.start();
      const url = server.url;
      for (const email of MANAGERS)
        expect((await api(url, 'POST', '/api/managers', { name: email, email })).status).toBe(201);
      expect(
        (await api(url, 'POST', '/api/fields', { key: 'note', label: 'Note', type: 'text' })).status,
      ).toBe(201);
      const workflow = await api<{ id: string }>(url, 'POST', '/api/workflows', roundRobin(MANAGERS));
      expect((await api(url, 'POST', `/api/workflows/${workflow.body.id}/activate`)).status).toBe(200);

      const acknowledged: string[] = [];
      const refused: Array<{ status: number; retryAfter: string | null; message: string }> = [];
      const note = 'x'.repeat(2000);
      let n = 0;
      const send = async () => {
        const res = await fetch(`${url}/api/leads`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fields: { name: `Lead ${n++}`, note } }),
        });
        const body = (await res.json()) as { id?: string; message?: string };
        if (res.status === 201) acknowledged.push(body.id!);
        else
          refused.push({
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            message: body.message ?? '',
          });
      };
      for (let i = 0; i < 20; i++) await send();
      expect(refused).toEqual([]);

      // The disk fills up while 5 clients keep sending, until writes are refused for a while.
      fill(filler);
      const deadline = Date.now() + 30_000;
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          while (refused.length < 20 && Date.now() < deadline) await send();
        }),
      );
      console.log(
        `disk full: ${acknowledged.length} acknowledged, ${refused.length} refused (${[...new Set(refused.map((r) => r.status))].join(', ')}), readiness ${(await readiness(url)).status}`,
      );
      const ready = await waitFor('readiness 503 while the disk is full', () => readiness(url), {
        until: (r) => r.status === 503,
        timeoutMs: 15_000,
        intervalMs: 100,
      });
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.status).toBe(503);
        expect(Number(r.retryAfter)).toBeGreaterThan(0);
        expect(r.message).toMatch(/disk is full/);
      }
      expect(ready.body.cause).toMatch(/disk is full/);
      expect(server.child!.exitCode).toBeNull();

      // Space again: readiness comes back by itself, and writes are stored.
      rmSync(filler);
      await waitFor('readiness 200 once space is freed', () => readiness(url), {
        until: (r) => r.status === 200,
        timeoutMs: 15_000,
        intervalMs: 100,
      });
      await send();
      expect(refused.filter((r) => r.status !== 503)).toEqual([]);
      await settled(url, 30_000);

      const leads = (
        await api<Array<{ id: string; fields: { manager: string | null } }>>(
          url,
          'GET',
          '/api/leads?limit=1000',
        )
      ).body;
      const runs = (
        await api<Array<{ leadId: string; status: string }>>(
          url,
          'GET',
          `/api/runs?limit=1000&workflowId=${workflow.body.id}`,
        )
      ).body;
      const runsPerLead = new Map<string, number>();
      for (const run of runs) runsPerLead.set(run.leadId, (runsPerLead.get(run.leadId) ?? 0) + 1);
      const stored = new Map(leads.map((l) => [l.id, l]));
      for (const id of acknowledged) {
        expect(MANAGERS).toContain(stored.get(id)?.fields.manager);
        expect(runsPerLead.get(id)).toBe(1);
      }
      // Nothing refused was stored.
      expect(leads).toHaveLength(acknowledged.length);
      expect(await server.stop('SIGTERM')).toBe(0);
    } finally {
      server.child?.kill('SIGKILL');
    }
  }, 120_000);
});
