import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { startServer, type Server } from '../src/server';
import { EXAMPLES_DIR } from '../src/demo/seed';

export { EXAMPLES_DIR };

/** A real server on a temporary SQLite file and a free port, stopped and deleted by `stop()`. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'leadflow-test-'));
  const server = await startServer(
    loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, PORT: '0', LEADFLOW_DEMO: '0', LEADFLOW_EDITOR_DIR: join(dir, 'no-editor'), ...env }),
  );
  return new TestServer(server, dir);
}

export class TestServer {
  constructor(
    readonly server: Server,
    readonly dir: string,
  ) {}

  get http() {
    return request(this.server.url);
  }

  async stop(keepFiles = false): Promise<void> {
    await this.server.close();
    if (!keepFiles) rmSync(this.dir, { recursive: true, force: true });
  }

  async createManager(email: string, extra: Record<string, unknown> = {}) {
    const res = await this.http.post('/api/managers').send({ name: email.split('@')[0], email, ...extra }).expect(201);
    return res.body;
  }

  async createWorkflow(file: object, activate = true) {
    const res = await this.http.post('/api/workflows').send(file).expect(201);
    if (activate) await this.http.post(`/api/workflows/${res.body.id}/activate`).expect(200);
    return res.body;
  }

  async createLead(fields: Record<string, unknown> = {}, tags?: string[]) {
    const res = await this.http.post('/api/leads').send({ fields, ...(tags ? { tags } : {}) }).expect(201);
    return res.body;
  }

  /** Waits until no event is pending and no batch is running. */
  async settle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.server.context.pipeline.pendingCount() === 0) {
        // One more turn so a batch that just committed has reported its runs.
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (this.server.context.pipeline.pendingCount() === 0) return;
      }
      if (Date.now() > deadline) throw new Error('events still pending');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async runs(query: Record<string, string | number>) {
    const res = await this.http.get('/api/runs').query(query).expect(200);
    return res.body as Array<{ id: string; status: string; reason?: string; steps: Array<{ nodeId: string; outcome: string; detail?: Record<string, unknown> }>; workflowId: string; workflowVersion: number; leadId: string; event: Record<string, unknown>; startedAt: string; finishedAt: string | null }>;
  }
}

export const DEMO_TEAM = ['ada@example.com', 'bo@example.com', 'cy@example.com', 'di@example.com', 'ed@example.com', 'fay@example.com'];

/** A minimal round-robin workflow over the given emails. */
export function roundRobin(values: string[], name = 'Round robin'): Record<string, unknown> {
  return {
    format: 'leadflow.workflow/v1',
    name,
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      { id: 'assign', type: 'updateField', data: { field: 'manager', operation: 'replaceWithOneOf', values, strategy: 'roundRobin' } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'assign' }],
  };
}
