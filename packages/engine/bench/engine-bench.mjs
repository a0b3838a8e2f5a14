// Runs per second of each example workflow. Build first: npx tsc -b packages/engine
// then: node packages/engine/bench/engine-bench.mjs [milliseconds per workflow, default 500]
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { compileWorkflow, startRun, resumeRun, createTriggerIndex } = require('../dist/index.js');

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.join(here, '../../../examples');
const budget = Number(process.argv[2] ?? 500);

const managers = new Map(
  JSON.parse(readFileSync(path.join(examples, 'managers.json'), 'utf8')).map((m) => [
    m.email,
    {
      ...m,
      active: true,
      available: true,
      awayUntil: null,
      workingHours: null,
      capacity: null,
      openLeads: 0,
    },
  ]),
);
const rotations = new Map();
const clock = new Date('2026-03-02T10:00:00Z');
const ports = {
  now: () => clock,
  loadRotation: (nodeId) => rotations.get(nodeId) ?? null,
  manager: (email) => managers.get(email),
  accountManagers: () => ['cy@example.com'],
};
const fields = [
  {
    country: 'DE',
    dealValue: 60000,
    industry: 'Medicine',
    product: 'CRM',
    score: 90,
    status: 'New',
    company: 'Acme',
  },
  {
    country: 'US',
    dealValue: 1000,
    industry: 'Retail',
    product: 'Email Marketing',
    score: 50,
    status: 'New',
  },
  { country: 'JP', dealValue: 5, industry: 'Space', product: 'Other', score: 10, status: 'Won' },
];
const event = (trigger) =>
  trigger.event === 'lead.fieldUpdated'
    ? { type: trigger.event, field: trigger.field ?? 'score', from: 0, to: 1 }
    : trigger.event === 'lead.tagAdded'
      ? { type: trigger.event, tag: trigger.tag ?? 'hot' }
      : { type: trigger.event };

function measure(run) {
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < budget) {
    for (let i = 0; i < 100; i++) run(runs++);
  }
  return Math.round((runs * 1000) / (performance.now() - started));
}

const files = readdirSync(examples).filter((file) => file.endsWith('.workflow.json'));
console.log(`${'workflow'.padEnd(24)} ${'runs/s'.padStart(10)}`);
for (const file of files) {
  const workflow = compileWorkflow(JSON.parse(readFileSync(path.join(examples, file), 'utf8')));
  const trigger = workflow.trigger.trigger;
  const perSecond = measure((i) => {
    const lead = { id: `lead-${i}`, fields: fields[i % fields.length], tags: [] };
    let result = startRun(workflow, { event: event(trigger), lead, ports });
    for (const [nodeId, state] of Object.entries(result.rotations)) rotations.set(nodeId, state);
    if (result.status === 'waiting') {
      result = resumeRun(workflow, {
        resume: result.wait.resume,
        event: event(trigger),
        lead: result.lead,
        ports,
      });
    }
    if (result.status === 'failed') throw new Error(`${file}: ${result.reason}`);
  });
  console.log(`${file.replace('.workflow.json', '').padEnd(24)} ${String(perSecond).padStart(10)}`);
}

const index = createTriggerIndex(
  Array.from({ length: 500 }, (_, i) => ({
    id: `w${i}`,
    trigger: i % 3 === 0 ? { event: 'lead.created' } : { event: 'lead.fieldUpdated', field: `f${i % 40}` },
  })),
);
const matches = measure((i) => index.match({ type: 'lead.fieldUpdated', field: `f${i % 40}` }));
console.log(`${'trigger index (500)'.padEnd(24)} ${String(matches).padStart(10)} matches/s`);
