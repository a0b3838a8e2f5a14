// `npm run perf -w @leadflow/editor`: how the editor copes with a 300-node workflow, in headless
// Chromium against the real server on a fresh SQLite database. Builds nothing itself (the npm
// script builds the editor first); needs apps/server/dist/main.js, or LEADFLOW_E2E_SERVER_MAIN.
//
// Measures (a) opening the workflow: navigation start until all nodes are in the page, and
// (b) dragging a node across the canvas and (c) panning: requestAnimationFrame timestamps are
// collected in the page while the mouse moves, and their gaps are the frame times.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// Functions passed to page.evaluate run in the browser.
/* global window, document, requestAnimationFrame, cancelAnimationFrame */

const NODES = Number(process.env.LEADFLOW_PERF_NODES || 300);
const MOVES = 80;
const ROUNDS = Number(process.env.LEADFLOW_PERF_ROUNDS || 3);
// Field updates turned into rotations (replaceWithOneOf), spread over the tree: only those nodes
// ask the server for their figures and draw them, so a realistic few are part of the measure.
const ROTATIONS = Number(process.env.LEADFLOW_PERF_ROTATIONS ?? 6);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const serverMain = process.env.LEADFLOW_E2E_SERVER_MAIN || join(root, 'apps/server/dist/main.js');
const editorDir = join(root, 'apps/editor/dist');

for (const [path, hint] of [
  [serverMain, 'build the server (npm run build), or set LEADFLOW_E2E_SERVER_MAIN'],
  [join(root, 'packages/test-support/dist/index.js'), 'build the packages (npm run build)'],
  [join(editorDir, 'index.html'), 'build the editor (npm run build -w @leadflow/editor)'],
  ['/usr/bin/chromium', 'apt-get install -y chromium'],
]) {
  if (!existsSync(path)) {
    console.error(`perf: ${path} is missing: ${hint}`);
    process.exit(1);
  }
}

// Imported once the check above has found it built.
const { TempSqliteServerProcess } = await import('@leadflow/test-support');

/** The built server on a free port over a fresh SQLite database, serving the built editor. */
async function startServer() {
  const server = new TempSqliteServerProcess({
    script: serverMain,
    cwd: root,
    tempPrefix: 'leadflow-perf-',
    env: { LEADFLOW_DEMO: '0', REDIS_URL: '', LEADFLOW_EDITOR_DIR: editorDir },
  });
  await server.start();
  return server;
}

/**
 * A workflow of `count` nodes, as a person might grow one: a trigger, then a binary tree of
 * filters (pass/fail), field updates (`rotations` of them rotations), tags and waits, laid out on a
 * grid of 20 columns.
 */
function bigWorkflow(count, rotations) {
  const updates = Math.floor((count + 2) / 4);
  const every = rotations > 0 ? Math.max(1, Math.floor(updates / rotations)) : Infinity;
  const kinds = [
    (i) => ({
      type: 'filter',
      data: { label: `Check ${i}`, condition: { '>': [{ var: 'lead.score' }, i] } },
    }),
    (i) =>
      Math.floor(i / 4) % every === 0 && Math.floor(i / 4) / every < rotations
        ? {
            type: 'updateField',
            data: { field: 'status', operation: 'replaceWithOneOf', values: ['New', 'Working', 'Qualified'] },
          }
        : { type: 'updateField', data: { field: 'status', operation: 'set', value: `Stage ${i}` } },
    (i) => ({ type: 'addTag', data: { tag: `t${i}` } }),
    () => ({ type: 'wait', data: { duration: 'PT1H' } }),
  ];
  const nodes = [{ id: 'start', type: 'trigger', data: { event: 'lead.created' } }];
  for (let i = 1; i < count; i += 1) nodes.push({ id: `n-${i}`, ...kinds[i % kinds.length](i) });
  nodes.forEach((node, i) => (node.position = { x: (i % 20) * 280, y: Math.floor(i / 20) * 160 }));
  const edges = nodes.slice(1).map((node, i) => {
    const parent = nodes[Math.floor(i / 2)];
    const handle = parent.type === 'filter' ? { sourceHandle: i % 2 === 0 ? 'pass' : 'fail' } : {};
    return { id: `e${i + 1}`, source: parent.id, target: node.id, ...handle };
  });
  return { format: 'leadflow.workflow/v1', name: `${count} nodes`, nodes, edges };
}

async function api(url, method, path, body) {
  const response = await fetch(`${url}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** Moves the mouse from `from` to `to` in MOVES steps with the button held; returns frame gaps (ms). */
async function framesWhileDragging(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.evaluate(() => {
    window.__loaf = [];
    window.__loafObserver = new PerformanceObserver((list) => window.__loaf.push(...list.getEntries()));
    window.__loafObserver.observe({ type: 'long-animation-frame' });
    window.__frames = [];
    const tick = (at) => {
      window.__frames.push(at);
      window.__frameLoop = requestAnimationFrame(tick);
    };
    window.__frameLoop = requestAnimationFrame(tick);
  });
  for (let step = 1; step <= MOVES; step += 1) {
    const t = step / MOVES;
    await page.mouse.move(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
  }
  // One more frame, so the last move is painted before the clock stops.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const stamps = await page.evaluate(() => {
    cancelAnimationFrame(window.__frameLoop);
    window.__loafObserver.disconnect();
    return window.__frames;
  });
  if (process.env.LEADFLOW_PERF_LOAF) {
    const loaf = await page.evaluate(() =>
      window.__loaf.map((f) => ({
        duration: f.duration,
        script: f.scripts.reduce((sum, s) => sum + s.duration, 0),
        render: f.startTime + f.duration - f.renderStart,
        styleLayout: f.startTime + f.duration - f.styleAndLayoutStart,
        blocking: f.blockingDuration,
        top: f.scripts
          .map((s) => `${s.invoker}:${Math.round(s.duration)}`)
          .slice(0, 3)
          .join(' '),
      })),
    );
    console.table(loaf.slice(0, 25));
  }
  await page.mouse.up();
  return stamps.slice(1).map((at, i) => at - stamps[i]);
}

/**
 * LEADFLOW_PERF_PROFILE=<file.cpuprofile>: a CPU profile of the first drag (open it in Chrome's
 * DevTools; build with `npx vite build --minify false` for readable names), and its top functions.
 */
const profileTo = process.env.LEADFLOW_PERF_PROFILE;
async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profileTo, JSON.stringify(profile));
      const self = new Map();
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      profile.samples.forEach((id, i) => {
        const { functionName, url, lineNumber } = byId.get(id).callFrame;
        const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
      console.log(`CPU profile of the first drag → ${profileTo}; self time:`);
      for (const [name, time] of top) console.log(`${time.toFixed(1).padStart(8)} ms  ${name}`);
    },
  };
}

function summarise(gaps) {
  const sorted = [...gaps].sort((a, b) => a - b);
  return {
    frames: gaps.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1),
    over50: gaps.filter((gap) => gap > 50).length,
  };
}

const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'leadflow-perf-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
});
const errors = [];
try {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const { id } = await api(server.url, 'POST', '/workflows/import', bigWorkflow(NODES, ROTATIONS));

  const opens = [];
  const drags = [];
  const pans = [];
  let figuresShown = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    // (a) From navigation start (performance.now() = 0) until every node is in the page.
    await page.goto(`${server.url}/workflows/${id}`, { waitUntil: 'commit' });
    const opened = await page.waitForFunction(
      (count) =>
        document.querySelectorAll('.react-flow__node').length === count ? performance.now() : false,
      NODES,
      { polling: 'raf' },
    );
    opens.push(await opened.jsonValue());
    await page.waitForTimeout(500);
    figuresShown = await page.locator('.wf-node-rotation').count();

    // (b) A node in the middle of the grid, dragged across the canvas to 60 px from its left
    // edge, staying inside it (at the edge React Flow would pan the view as well).
    const pane = await page.locator('.react-flow__pane').boundingBox();
    const box = await page.getByTestId('node-n-150').boundingBox();
    const from = { x: box.x + box.width / 2, y: box.y + Math.min(10, box.height / 2) };
    const to = { x: pane.x + 60, y: from.y + 100 };
    const profiler = profileTo && round === 0 ? await startProfile(page) : null;
    drags.push(...(await framesWhileDragging(page, from, to)));
    if (profiler) await profiler.stop();
    await page.waitForTimeout(500);

    // (c) Panning: the same gesture on an empty part of the canvas.
    const start = { x: pane.x + pane.width - 40, y: pane.y + pane.height - 40 };
    pans.push(...(await framesWhileDragging(page, start, { x: start.x - 500, y: start.y - 300 })));
    await page.waitForTimeout(300);
    // Leave without the unsaved-changes question (the drag moved a node).
    page.once('dialog', (dialog) => void dialog.accept());
  }

  const drag = summarise(drags);
  const pan = summarise(pans);
  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(
    `\n${NODES}-node workflow (${ROTATIONS} rotations), headless Chromium, 1280×800, ${ROUNDS} rounds, ` +
      `${MOVES} moves per gesture`,
  );
  console.log(`rotation figures shown on ${figuresShown} of ${ROTATIONS} rotation nodes`);
  console.table({
    'open (navigation → all nodes shown)': { median: ms(median(opens)), all: opens.map(ms).join(', ') },
  });
  console.table(
    Object.fromEntries(
      [
        ['drag a node', drag],
        ['pan the canvas', pan],
      ].map(([name, s]) => [
        name,
        { frames: s.frames, p50: ms(s.p50), p95: ms(s.p95), max: ms(s.max), 'over 50 ms': s.over50 },
      ]),
    ),
  );
  if (errors.length > 0) console.log(`browser errors:\n${errors.join('\n')}`);
  process.exitCode = errors.length > 0 ? 1 : 0;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.stop();
}
