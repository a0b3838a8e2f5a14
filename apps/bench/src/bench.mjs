// Leadflow's end-to-end benchmark: routed leads per second and POST→run-completed latency of the
// real server, against a minimal node:http + better-sqlite3 server doing the same durable writes.
//
//   npm run bench                 3,000 leads per concurrency level (1, 10, 50)
//   npm run bench -- --quick      fewer leads, under a minute
//   npm run bench -- --profile    the server runs under `node --cpu-prof`; prints its top self time
//   npm run bench -- --engine     the pure engine's runs/s on each example workflow (no I/O)
//   npm run bench -- --postgres --workers N
//                                 the scaled-out mode: 1 API process + N worker processes over
//                                 PostgreSQL (a fresh database on --pg, default
//                                 postgres://postgres@127.0.0.1:5432/test) and Redis (--redis,
//                                 default redis://127.0.0.1:6379)
//   options: --leads N, --levels 1,10,50, --keep (keep the temp folder)
//
// Exits 1 when a check fails: every acknowledged lead must have exactly one completed run and a
// manager, and the rotation must be exact (counts per manager differ by at most 1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const QUICK = flag('quick');
const PROFILE = flag('profile');
const LEADS = Number(option('leads', QUICK ? 1000 : 3000));
const ROUNDS = Number(option('rounds', QUICK ? 1 : 3));
const WARMUP = Number(option('warmup', QUICK ? 300 : 1000));
const LEVELS = String(option('levels', '1,10,50')).split(',').map(Number);
const POSTGRES = flag('postgres');
const WORKERS = Number(option('workers', 1));
const PG_SERVER = option('pg', process.env.LEADFLOW_BENCH_PG || 'postgres://postgres@127.0.0.1:5432/test');
const REDIS_URL = option('redis', process.env.REDIS_URL || 'redis://127.0.0.1:6379');
const MANAGERS = 10;
const REPORT_LEVEL = 10;
const LEVEL_TIMEOUT_MS = QUICK ? 25_000 : 180_000;
const WATCHDOG_MS = QUICK ? 120_000 : 20 * 60_000;

const log = (...parts) => console.error('bench:', ...parts);

class BenchFailure extends Error {}
const fail = (message) => {
  throw new BenchFailure(message);
};

// ---------------------------------------------------------------- processes

// Servers still running when the bench exits are killed by the test-support package's exit hook;
// an interrupt exits too (Node's default on SIGINT/SIGTERM ends the process without 'exit').
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const SERVER_MAIN = 'apps/server/dist/main.js';

/** The shared test support (server processes, waiting): TypeScript, built in main() before use. */
let support;

/**
 * Spawns `node [nodeArgs] script` (from the repository root) and waits for GET /api/health.
 * `stop()` sends SIGTERM (a graceful exit writes the CPU profile), SIGKILL after 15 s, and resolves
 * with the exit code or the signal that ended it.
 */
async function startServer(name, script, env, nodeArgs = []) {
  const server = new support.ServerProcess({
    name,
    script,
    nodeArgs,
    env,
    cwd: root,
    killAfterMs: 15_000,
    outputLimit: 20_000,
  });
  try {
    await server.start();
  } catch (error) {
    fail(error.message);
  }
  return {
    name,
    url: server.url,
    pid: server.child.pid,
    output: () => server.output,
    async stop() {
      const code = await server.stop();
      return code ?? server.child.signalCode;
    },
  };
}

async function api(base, method, route, body) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!res.ok) fail(`${method} ${route} → ${res.status}: ${text.slice(0, 500)}`);
  return parsed;
}

// ---------------------------------------------------------------- memory

function procStatus(pid, key) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples the server's RSS every 100 ms; `stop()` returns the level's peak (VmRSS samples). */
function watchMemory(pid) {
  let peak = procStatus(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, procStatus(pid, 'VmRSS') ?? 0);
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, procStatus(pid, 'VmRSS') ?? 0);
  };
}

// ---------------------------------------------------------------- load

const COUNTRIES = ['DE', 'FR', 'NL', 'ES'];
/** Leads that pass both filters (country in COUNTRIES, dealValue ≥ 10,000), a few shapes. */
const BODIES = Array.from({ length: 16 }, (_, i) =>
  JSON.stringify({
    fields: {
      name: `Bench Lead ${i}`,
      email: `lead${i}@customer${i}.example`,
      company: `Customer ${i}`,
      country: COUNTRIES[i % COUNTRIES.length],
      dealValue: 10_000 + i * 5_000,
      source: 'bench',
    },
  }),
);

/** POSTs `amount` leads at `connections`; returns the acknowledged leads and autocannon's result. */
async function load(url, connections, amount) {
  const acked = [];
  let refused = 0;
  let sample = '';
  let n = 0;
  let lastResponse = 0;
  const started = performance.now();
  const instance = autocannon({
    url,
    connections,
    amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/leads',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: BODIES[n++ % BODIES.length] }),
        onResponse: (status, body) => {
          lastResponse = performance.now();
          if (status === 201) {
            const lead = JSON.parse(body);
            acked.push({
              id: lead.id,
              createdAt: Date.parse(lead.createdAt),
              manager: lead.fields?.manager ?? null,
            });
          } else {
            refused++;
            sample ||= `${status} ${String(body).slice(0, 300)}`;
          }
        },
      },
    ],
  });
  const timer = setTimeout(() => {
    log(`level c=${connections} exceeded ${LEVEL_TIMEOUT_MS} ms, stopping the load`);
    instance.stop();
  }, LEVEL_TIMEOUT_MS);
  const result = await instance;
  clearTimeout(timer);
  // autocannon resolves on its next 1 s tick after the last response: time to the last response.
  const seconds = ((lastResponse || performance.now()) - started) / 1000;
  if (refused || result.errors || result.timeouts) {
    fail(
      `c=${connections}: ${refused} refused, ${result.errors} errors, ${result.timeouts} timeouts (${sample})`,
    );
  }
  if (acked.length !== amount) fail(`c=${connections}: ${acked.length} of ${amount} leads acknowledged`);
  return { acked, seconds, http: result.latency };
}

const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

function checkRotation(label, counts) {
  const values = Object.values(counts);
  if (values.length !== MANAGERS)
    fail(
      `${label}: ${values.length} managers were given leads, expected ${MANAGERS}: ${JSON.stringify(counts)}`,
    );
  const spread = Math.max(...values) - Math.min(...values);
  if (spread > 1) fail(`${label}: rotation not exact, counts per manager ${JSON.stringify(counts)}`);
}

// ---------------------------------------------------------------- leadflow

const MANAGER_EMAILS = Array.from({ length: MANAGERS }, (_, i) => `manager${i}@bench.test`);

const WORKFLOW = {
  format: 'leadflow.workflow/v1',
  name: 'Bench: two filters then a rotation over 10 managers',
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
    {
      id: 'country',
      type: 'filter',
      position: { x: 0, y: 150 },
      data: { label: 'Country', condition: { in: [{ var: 'lead.country' }, COUNTRIES] } },
    },
    {
      id: 'deal',
      type: 'filter',
      position: { x: 0, y: 300 },
      data: { label: 'Deal value ≥ 10,000', condition: { '>=': [{ var: 'lead.dealValue' }, 10_000] } },
    },
    {
      id: 'assign',
      type: 'updateField',
      position: { x: 0, y: 450 },
      data: {
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: MANAGER_EMAILS,
        strategy: 'roundRobin',
      },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'country' },
    { id: 'e2', source: 'country', sourceHandle: 'pass', target: 'deal' },
    { id: 'e3', source: 'deal', sourceHandle: 'pass', target: 'assign' },
  ],
};

async function setupLeadflow(url) {
  for (const [i, email] of MANAGER_EMAILS.entries())
    await api(url, 'POST', '/api/managers', { name: `Manager ${i}`, email });
  const workflow = await api(url, 'POST', '/api/workflows', WORKFLOW);
  if (workflow.problems?.length)
    fail(`the bench workflow has problems: ${JSON.stringify(workflow.problems)}`);
  await api(url, 'POST', `/api/workflows/${workflow.id}/activate`);
  return workflow.id;
}

/** Pages a newest-first list until an item older than `since` (or the end). */
async function listSince(url, route, since, timeOf) {
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api(
      url,
      'GET',
      `${route}${route.includes('?') ? '&' : '?'}limit=1000&offset=${offset}`,
    );
    items.push(...page);
    if (page.length < 1000 || timeOf(page[page.length - 1]) < since) return items;
  }
}

async function verifyLeadflow(url, workflowId, c, acked, totals) {
  const since = Math.min(...acked.map((lead) => lead.createdAt));
  const runs = await listSince(url, `/api/runs?workflowId=${workflowId}`, since, (run) =>
    Date.parse(run.startedAt),
  );
  const leads = await listSince(url, '/api/leads', since, (lead) => Date.parse(lead.createdAt));
  const runsByLead = new Map();
  for (const run of runs) {
    const list = runsByLead.get(run.leadId) ?? [];
    list.push(run);
    runsByLead.set(run.leadId, list);
  }
  const leadById = new Map(leads.map((lead) => [lead.id, lead]));
  const counts = {};
  const latencies = [];
  let lastFinished = 0;
  for (const { id, createdAt } of acked) {
    const own = runsByLead.get(id) ?? [];
    if (own.length !== 1) fail(`lead ${id} has ${own.length} runs, expected exactly 1`);
    const [run] = own;
    if (run.status !== 'completed' || !run.finishedAt)
      fail(`lead ${id}: run ${run.id} is ${run.status} (${run.reason ?? ''})`);
    const manager = leadById.get(id)?.fields?.manager;
    if (!manager || !MANAGER_EMAILS.includes(manager))
      fail(`lead ${id} has manager ${manager}, expected one of the 10`);
    counts[manager] = (counts[manager] ?? 0) + 1;
    totals[manager] = (totals[manager] ?? 0) + 1;
    const finished = Date.parse(run.finishedAt);
    latencies.push(finished - createdAt);
    lastFinished = Math.max(lastFinished, finished);
  }
  checkRotation(`leadflow c=${c}`, counts);
  latencies.sort((a, b) => a - b);
  return { since, lastFinished, latencies };
}

/** Runs one SQL statement on the PostgreSQL server (psql, so the bench needs no driver of its own). */
function psql(url, sql) {
  const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
  if (result.status !== 0) fail(`psql: ${result.stderr || result.error}`);
}

/**
 * The scaled-out mode: a fresh database, one API process (the one loaded and measured) and
 * WORKERS worker processes; `stop()` stops them all and drops the database.
 */
async function startScaledOut(nodeArgs) {
  const name = `leadflow_bench_${Math.random().toString(36).slice(2, 10)}`;
  psql(PG_SERVER, `CREATE DATABASE ${name}`);
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  const env = {
    DATABASE_URL: url.toString(),
    REDIS_URL,
    QUEUE_PREFIX: name,
    LEADFLOW_DEMO: '0',
    LOG_LEVEL: 'warn',
  };
  const apiServer = await startServer(
    'leadflow api',
    SERVER_MAIN,
    { ...env, LEADFLOW_ROLE: 'api' },
    nodeArgs,
  );
  const workers = [];
  for (let i = 0; i < WORKERS; i++)
    workers.push(
      await startServer(`leadflow worker ${i + 1}`, SERVER_MAIN, {
        ...env,
        LEADFLOW_ROLE: 'worker',
      }),
    );
  return {
    ...apiServer,
    async stop() {
      const codes = await Promise.all([apiServer, ...workers].map((server) => server.stop()));
      psql(PG_SERVER, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return codes.find((code) => code !== 0) ?? 0;
    },
  };
}

/** The real server: `level(c, amount)` loads it, waits for the outbox to drain and verifies. */
async function leadflowTarget(tmp, profileDir) {
  const nodeArgs = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const server = POSTGRES
    ? await startScaledOut(nodeArgs)
    : await startServer(
        'leadflow',
        SERVER_MAIN,
        {
          DATABASE_URL: `sqlite:${path.join(tmp, 'leadflow.sqlite')}`,
          LEADFLOW_DEMO: '0',
          LOG_LEVEL: 'warn',
        },
        nodeArgs,
      );
  let workflowId;
  try {
    workflowId = await setupLeadflow(server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const totals = {};
  let sent = 0;
  return {
    server,
    async level(c, amount) {
      const peak = watchMemory(server.pid);
      const { acked, seconds, http } = await load(server.url, c, amount);
      sent += acked.length;
      await support.settled(server.url, LEVEL_TIMEOUT_MS).catch((error) => fail(error.message));
      const rss = peak();
      const { since, lastFinished, latencies } = await verifyLeadflow(
        server.url,
        workflowId,
        c,
        acked,
        totals,
      );
      return {
        leads: acked.length,
        ackSeconds: seconds,
        routedSeconds: Math.max(1, lastFinished - since) / 1000,
        latencies,
        http,
        rss,
      };
    },
    async finish() {
      checkRotation('leadflow, all levels', totals);
      // Cross-check with the routing insight (api.md), when the server has it.
      const res = await fetch(`${server.url}/api/workflows/${workflowId}/nodes/assign/rotation`);
      if (res.ok) {
        const given = (await res.json()).values.reduce((sum, value) => sum + value.given, 0);
        if (given !== sent) fail(`the rotation endpoint counts ${given} leads given, expected ${sent}`);
      } else log(`GET /api/workflows/:id/nodes/:nodeId/rotation → ${res.status}: cross-check skipped`);
      const hwm = procStatus(server.pid, 'VmHWM');
      const code = await server.stop();
      if (code !== 0) fail(`leadflow exited with ${code}:\n${server.output().slice(-3000)}`);
      return hwm;
    },
  };
}

// ---------------------------------------------------------------- ceiling

async function ceilingTarget(tmp) {
  const server = await startServer('ceiling', path.join(here, 'ceiling-server.mjs'), {
    DB: path.join(tmp, 'ceiling.sqlite'),
    MANAGERS: String(MANAGERS),
    SQLITE_SYNCHRONOUS: 'NORMAL',
  });
  let sent = 0;
  return {
    server,
    async level(c, amount) {
      const peak = watchMemory(server.pid);
      const { acked, seconds, http } = await load(server.url, c, amount);
      sent += acked.length;
      const rss = peak();
      const counts = {};
      for (const lead of acked) counts[lead.manager] = (counts[lead.manager] ?? 0) + 1;
      checkRotation(`ceiling c=${c}`, counts);
      // Routed in the POST's own transaction: acknowledged is routed.
      return { leads: acked.length, ackSeconds: seconds, routedSeconds: seconds, latencies: null, http, rss };
    },
    async finish() {
      const stats = await api(server.url, 'GET', '/stats');
      const total = stats.reduce((sum, row) => sum + row.n, 0);
      if (total !== sent) fail(`the ceiling stored ${total} leads, expected ${sent}`);
      const hwm = procStatus(server.pid, 'VmHWM');
      await server.stop();
      return hwm;
    },
  };
}

// ---------------------------------------------------------------- profile

function analyseProfile(profileDir, count = 15) {
  const files = readdirSync(profileDir).filter((file) => file.endsWith('.cpuprofile'));
  if (!files.length) return null;
  const profile = JSON.parse(readFileSync(path.join(profileDir, files[0]), 'utf8'));
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const byModule = new Map();
  const inclusive = new Map();
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let total = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample lasts until the next one.
    const micros = i + 1 < timeDeltas.length ? Math.max(0, timeDeltas[i + 1]) : 0;
    const { functionName, url, lineNumber } = byNode.get(samples[i]).callFrame;
    const file = url.replace(/^file:\/\//, '').replace(`${root}/`, '');
    const key = `${functionName || '(anonymous)'}  ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + micros);
    const module = !file
      ? functionName
      : file.includes('node_modules/')
        ? `node_modules/${file
            .split('node_modules/')
            .pop()
            .split('/')
            .slice(0, file.split('node_modules/').pop().startsWith('@') ? 2 : 1)
            .join('/')}`
        : file.startsWith('node:')
          ? 'node: (core)'
          : file.split('/').slice(0, 2).join('/');
    byModule.set(module, (byModule.get(module) ?? 0) + micros);
    total += micros;
    // Inclusive time of the project's own functions (apps/, packages/), each once per sample.
    const seen = new Set();
    for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = byNode.get(id).callFrame;
      const where = frame.url.replace(/^file:\/\//, '').replace(`${root}/`, '');
      if (!/^(apps|packages)\//.test(where)) continue;
      const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    }
  }
  // Shares are of the busy time: (idle) is listed but not counted.
  const busy = total - (self.get('(idle)') ?? 0);
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, micros]) => ({ key, ms: micros / 1000, share: key === '(idle)' ? NaN : micros / busy }));
  return {
    file: path.join(profileDir, files[0]),
    totalMs: total / 1000,
    busyMs: busy / 1000,
    functions: top(self, count),
    modules: top(byModule, 12),
    inclusive: top(inclusive, 15),
  };
}

// ---------------------------------------------------------------- output

/** One row per server and level from its rounds: throughput pooled, latencies pooled. */
function summarise(server, c, rounds) {
  const sum = (key) => rounds.reduce((total, round) => total + round[key], 0);
  const leads = sum('leads');
  const latencies = rounds[0].latencies
    ? rounds.flatMap((round) => round.latencies).sort((x, y) => x - y)
    : [];
  return {
    server,
    c,
    leads,
    ackedPerS: leads / sum('ackSeconds'),
    routedPerS: leads / sum('routedSeconds'),
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    httpP50: Math.max(...rounds.map((round) => round.http.p50)),
    httpP99: Math.max(...rounds.map((round) => round.http.p99)),
    rss: Math.max(...rounds.map((round) => round.rss)),
  };
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const sig = (n) => (n >= 100 ? fmt(Math.round(n / 10) * 10) : n >= 10 ? fmt(n) : fmt(n, 1));

function printTable(rows) {
  const head = [
    'server',
    'conc',
    'leads',
    'acked/s',
    'routed/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'http p50',
    'http p99',
    'peak RSS MB',
  ];
  const body = rows.map((r) => [
    r.server,
    String(r.c),
    String(r.leads),
    fmt(r.ackedPerS),
    fmt(r.routedPerS),
    r.server === 'ceiling' ? '-' : fmt(r.p50),
    r.server === 'ceiling' ? '-' : fmt(r.p95),
    r.server === 'ceiling' ? '-' : fmt(r.p99),
    fmt(r.httpP50),
    fmt(r.httpP99),
    fmt(r.rss / 2 ** 20),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

// ---------------------------------------------------------------- main

function build(project) {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const started = Date.now();
  const result = spawnSync(process.execPath, [tsc, '-b', project], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 20).join('\n');
    const main = project === 'apps/server' ? SERVER_MAIN : `${project}/dist/index.js`;
    if (!existsSync(path.join(root, main)))
      fail(`tsc -b ${project} failed and ${main} is missing:\n${output}`);
    log(`tsc -b ${project} failed; benchmarking the existing build:\n${output}`);
  } else if (Date.now() - started > 2000)
    log(`built ${project} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function engine() {
  build('packages/engine');
  const script = path.join(root, 'packages/engine/bench/engine-bench.mjs');
  if (!existsSync(script)) fail(`${script} is missing`);
  const result = spawnSync(process.execPath, [script, QUICK ? '200' : '1000'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail(`the engine benchmark exited with ${result.status}`);
}

async function main() {
  if (flag('engine')) return engine();
  const wallStarted = Date.now();
  const loadAtStart = loadavg()[0].toFixed(1);
  build('apps/server');
  build('packages/test-support');
  support = await import('@leadflow/test-support');
  const tmp = mkdtempSync(path.join(tmpdir(), 'leadflow-bench-'));
  const profileDir = PROFILE ? mkdtempSync(path.join(tmpdir(), 'leadflow-profile-')) : null;
  try {
    log(
      `${LEADS} leads per level, concurrency ${LEVELS.join(', ')}${PROFILE ? ', profiling the server' : ''}; data in ${tmp}`,
    );
    // Both servers up at once and loaded in turn, level by level, so that a noisy neighbour on
    // the machine hits both alike; a warm-up level first (JIT, caches), not reported.
    const leadflow = await leadflowTarget(tmp, profileDir);
    const ceiling = await ceilingTarget(tmp);
    for (const target of [leadflow, ceiling]) await target.level(10, WARMUP);
    const rows = { leadflow: [], ceiling: [] };
    const perRound = Math.ceil(LEADS / ROUNDS);
    for (const c of LEVELS) {
      const rounds = { leadflow: [], ceiling: [] };
      for (let r = 0; r < ROUNDS; r++) {
        const amount = Math.min(perRound, LEADS - r * perRound);
        for (const [name, target] of Object.entries({ leadflow, ceiling })) {
          const round = await target.level(c, amount);
          rounds[name].push(round);
          log(
            `${name} c=${c} round ${r + 1}/${ROUNDS}: ${round.leads} leads, ${fmt(round.leads / round.routedSeconds)} routed/s`,
          );
        }
      }
      for (const name of ['leadflow', 'ceiling']) rows[name].push(summarise(name, c, rounds[name]));
    }
    const hwm = { leadflow: await leadflow.finish(), ceiling: await ceiling.finish() };
    console.log('');
    console.log(
      `Leadflow bench ${new Date().toISOString().slice(0, 10)}: ${LEADS} leads per level, ${POSTGRES ? `PostgreSQL + Redis, 1 API + ${WORKERS} worker process(es) (RSS: the API process)` : 'SQLite WAL synchronous=NORMAL'}, Node ${process.versions.node}, ${cpus().length} cores, load average at start ${loadAtStart}`,
    );
    printTable([...rows.leadflow, ...rows.ceiling]);
    console.log(
      `leadflow peak RSS (VmHWM) ${fmt(hwm.leadflow / 2 ** 20)} MB, ceiling ${fmt(hwm.ceiling / 2 ** 20)} MB; wall ${((Date.now() - wallStarted) / 1000).toFixed(1)} s`,
    );
    for (const note of [
      `Each level: ${ROUNDS} round(s) of ${Math.ceil(LEADS / ROUNDS)} leads, leadflow and ceiling in turn; rates pooled over rounds.`,
      'acked/s: 201s / (last response − start). routed/s: leads / (last run finishedAt − first lead createdAt).',
      'p50/p95/p99: POST → run completed, run.finishedAt − lead.createdAt (server clock, ms resolution); the ceiling',
      'routes inside the POST, so it has none. http p50/p99: autocannon, worst round. peak RSS: VmRSS sampled every 100 ms.',
    ])
      console.log(note);

    if (profileDir) {
      const top = analyseProfile(profileDir);
      console.log('');
      if (!top) console.log(`no .cpuprofile in ${profileDir}`);
      else {
        console.log(
          `Server CPU profile ${top.file} (${fmt(top.totalMs / 1000, 1)} s sampled, ${fmt(top.busyMs / 1000, 1)} s busy), top 15 self time, % of busy:`,
        );
        for (const { key, ms, share } of top.functions)
          console.log(`${fmt(ms).padStart(8)} ms ${fmt(share * 100, 1).padStart(5)}%  ${key}`);
        console.log('Self time by module:');
        for (const { key, ms, share } of top.modules)
          console.log(`${fmt(ms).padStart(8)} ms ${fmt(share * 100, 1).padStart(5)}%  ${key}`);
        console.log("Inclusive time of the project's functions:");
        for (const { key, ms, share } of top.inclusive)
          console.log(`${fmt(ms).padStart(8)} ms ${fmt(share * 100, 1).padStart(5)}%  ${key}`);
      }
    }

    const l = rows.leadflow.find((r) => r.c === REPORT_LEVEL) ?? rows.leadflow[0];
    const c = rows.ceiling.find((r) => r.c === l.c);
    console.log('');
    console.log(
      `bench: leadflow${POSTGRES ? ` (postgres, ${WORKERS} worker${WORKERS === 1 ? '' : 's'})` : ''} ${sig(l.routedPerS)} leads/s, ceiling ${sig(c.routedPerS)} leads/s, ratio ${fmt(l.routedPerS / c.routedPerS, 2)}, p99 ${fmt(l.p99)} ms (concurrency ${l.c})`,
    );
  } finally {
    if (!flag('keep')) rmSync(tmp, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error(`bench: FAILED: did not finish within ${WATCHDOG_MS / 1000} s`);
  process.exit(1);
}, WATCHDOG_MS);

main().then(
  () => {
    clearTimeout(watchdog);
    process.exit(0);
  },
  (error) => {
    clearTimeout(watchdog);
    console.error(`bench: FAILED: ${error instanceof BenchFailure ? error.message : error.stack}`);
    process.exit(1);
  },
);
