import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  compactJson,
  expectedOutput,
  expectedRefusals,
  jsonValues,
  readBlocks,
  RUN_LANGS,
  type DocBlock,
} from './doc-blocks';
import { api, assertBuilt, freePort, ServerProcess } from './process';

/**
 * Docs that cannot drift: every shell block of README.md and docs/*.md that a reader runs is run
 * here, in order, against the built server on a fresh demo database, as a newcomer would paste it
 * (the rules are in doc-blocks.ts and docs/architecture.md). A doc that stops saying what the
 * product does fails the build.
 */

const ROOT = join(__dirname, '../../..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (page: string) => readBlocks(page, readFileSync(join(ROOT, page), 'utf8'));
const runs = (block: DocBlock) => RUN_LANGS.has(block.lang) && block.notRun === null;
const WORKFLOW_FORMAT = 'leadflow.workflow/v1';
const WORKSPACES: Record<string, string> = {
  '@leadflow/workflow': 'packages/workflow',
  '@leadflow/engine': 'packages/engine',
  '@leadflow/server': 'apps/server',
  '@leadflow/editor': 'apps/editor',
  '@leadflow/bench': 'apps/bench',
};

/** The anchors GitHub gives a page's headings: `## Conditions (JSONLogic)` → `conditions-jsonlogic`. */
function headingSlugs(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6}\s+(.*)$/gm)].map(([, title]) =>
    title
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  );
}
// A section about one node type, whose ```json blocks show that node's `data`: "### `wait`: pause the run".
const NODE_TYPE = /^`(trigger|filter|updateField|addTag|removeTag|wait|split)`/;

/** The smallest workflow that holds a node of this type with this data (a trigger, then the node). */
function workflowWith(type: string, data: unknown) {
  const start = { id: 'start', type: 'trigger', data: { event: 'lead.created' } };
  if (type === 'trigger')
    return { format: WORKFLOW_FORMAT, name: 'doc', nodes: [{ ...start, data }], edges: [] };
  return {
    format: WORKFLOW_FORMAT,
    name: 'doc',
    nodes: [start, { id: 'node', type, data }],
    edges: [{ id: 'e1', source: 'start', target: 'node' }],
  };
}

/** Imports a workflow and says how it went: `'imported'`, or the refusal. */
async function importWorkflow(url: string, workflow: unknown): Promise<unknown> {
  const imported = await api(url, 'POST', '/api/workflows/import', workflow);
  return imported.status === 201 ? 'imported' : imported;
}

interface BlockResult {
  reached: boolean;
  /** The shell's exit code when the block ended the script, 0 when it completed. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Every HTTP exchange curl made for the block: `[status, "METHOD url"]`. */
  requests: Array<[number, string]>;
}

/**
 * Runs the blocks as one bash script (`set -euo pipefail`), so that what a block defines (`$WF`)
 * is there for the next, with `localhost:3000` pointed at the test server. curl reports every
 * request's status on stderr through a curlrc of the script's own: the docs' commands stay verbatim.
 */
async function runBlocks(blocks: DocBlock[], port: number, dir: string): Promise<BlockResult[]> {
  const marker = (i: number) => `@@doc-block ${i}@@`;
  const script = [
    'set -euo pipefail',
    ...blocks.flatMap((block, i) => [
      `printf '\\n${marker(i)}\\n'; printf '\\n${marker(i)}\\n' >&2`,
      block.code.replace(/\b(localhost|127\.0\.0\.1):3000\b/g, `$1:${port}`),
    ]),
    `printf '\\n${marker(blocks.length)}\\n'`,
  ].join('\n');
  writeFileSync(join(dir, 'docs.sh'), script);
  writeFileSync(
    join(dir, '.curlrc'),
    'write-out = "%{stderr}\\n@@http %{http_code} %{method} %{url_effective}\\n"\n',
  );
  // The reader's working directory is the repository: relative paths such as @examples/… resolve,
  // while the files a block writes (exports) land in the scratch folder.
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));

  const child = spawn('bash', [join(dir, 'docs.sh')], {
    cwd: dir,
    env: {
      PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
      HOME: dir,
      CURL_HOME: dir,
      LANG: 'C.UTF-8',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exitCode: number = await new Promise((resolve) => child.once('close', (code) => resolve(code ?? -1)));
  clearTimeout(killer);

  const split = (text: string) => {
    const parts = new Map<number, string>();
    const pieces = text.split(/\n@@doc-block (\d+)@@\n/);
    for (let p = 1; p < pieces.length; p += 2) parts.set(Number(pieces[p]), pieces[p + 1]);
    return parts;
  };
  const out = split(stdout);
  const err = split(stderr);
  return blocks.map((_, i) => {
    const reached = out.has(i);
    const ended = reached && !out.has(i + 1);
    const errText = err.get(i) ?? '';
    const requests = [...errText.matchAll(/^@@http (\d{3}) (.*)$/gm)].map((m): [number, string] => [
      Number(m[1]),
      m[2],
    ]);
    return {
      reached,
      exitCode: ended ? exitCode : 0,
      stdout: out.get(i) ?? '',
      stderr: errText.replace(/^@@http .*\n?/gm, '').trim(),
      requests,
    };
  });
}

/** The problem with one block's result, or null when it did what its page says. */
function checkBlock(block: DocBlock, result: BlockResult): string | null {
  const where = `${block.file}:${block.line}`;
  const shown = () =>
    `\n--- output ---\n${result.stdout.trim().slice(-3000)}\n--- stderr ---\n${result.stderr.slice(-2000)}`;
  if (!result.reached) return `${where}: not reached (an earlier block failed)`;
  if (result.exitCode !== 0) return `${where}: exited with ${result.exitCode}${shown()}`;
  const refusals = expectedRefusals(block.code);
  const unexpected = result.requests.filter(
    ([status]) => (status >= 400 || status < 100) && !refusals.includes(status),
  );
  if (unexpected.length)
    return `${where}: ${unexpected.map(([status, request]) => `${request} answered ${status}`).join('; ')} (a refusal the page expects is said in a comment: # ${unexpected[0][0]} …)${shown()}`;
  const output = compactJson(result.stdout);
  const missing = expectedOutput(block.code).filter((fragment) => !output.includes(compactJson(fragment)));
  if (missing.length) return `${where}: the output lacks ${missing.join(', ')}${shown()}`;
  if (block.output) {
    let printed: unknown;
    try {
      printed = JSON.parse(result.stdout);
    } catch {
      return `${where}: prints no JSON, while ${block.file}:${block.output.line} shows its output${shown()}`;
    }
    if (!isDeepStrictEqual(printed, JSON.parse(block.output.json)))
      return `${where}: prints other JSON than ${block.file}:${block.output.line} shows${shown()}`;
  }
  return null;
}

describe('the docs', () => {
  it.each(PAGES)('%s follows the rules for code blocks', (page) => {
    expect(read(page).problems).toEqual([]);
  });

  it.each(PAGES)('%s names only npm scripts that exist', (page) => {
    const scripts = (workspace?: string) => {
      const dir = workspace ? join(ROOT, WORKSPACES[workspace] ?? workspace) : ROOT;
      if (!existsSync(join(dir, 'package.json'))) return [];
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
      };
      return Object.keys(pkg.scripts ?? {});
    };
    const missing: string[] = [];
    readFileSync(join(ROOT, page), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // In blocks and in the prose's `code`: `npm run bench -- --quick`, `npm run e2e -w @leadflow/editor`.
        for (const m of line.matchAll(
          /\bnpm (?:run ([\w:.-]+)|(start|test)\b)(?:[^`\n]*?(?:-w|--workspace)[ =]([@\w/.-]+))?/g,
        )) {
          const script = m[1] ?? m[2];
          if (!scripts(m[3]).includes(script))
            missing.push(`${page}:${i + 1}: npm run ${script}${m[3] ? ` -w ${m[3]}` : ''}`);
        }
      });
    expect(missing).toEqual([]);
  });

  it("operations.md's Environment table lists every variable the server reads, and only those", () => {
    const readByServer = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
          for (const [, name] of readFileSync(path, 'utf8').matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g))
            readByServer.add(name);
      }
    };
    walk(join(ROOT, 'apps/server/src'));
    const operations = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');
    const section = operations.slice(
      operations.indexOf('## Environment'),
      operations.indexOf('\n## ', operations.indexOf('## Environment') + 1),
    );
    const documented = new Set(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
    );
    expect({
      undocumented: [...readByServer].filter((name) => !documented.has(name)).sort(),
      unread: [...documented].filter((name) => !readByServer.has(name)).sort(),
    }).toEqual({ undocumented: [], unread: [] });
  });

  it.each(PAGES)('%s links only to files and headings that exist', (page) => {
    const broken: string[] = [];
    readFileSync(join(ROOT, page), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
          if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
          const [path, anchor] = target.split('#');
          const file = path ? join(ROOT, dirname(page), path) : join(ROOT, page);
          if (!existsSync(file)) broken.push(`${page}:${i + 1}: ${target} (no such file)`);
          else if (anchor && !headingSlugs(readFileSync(file, 'utf8')).includes(anchor))
            broken.push(`${page}:${i + 1}: ${target} (no such heading)`);
        }
      });
    expect(broken).toEqual([]);
  });
});

/** A new installation as `npm start` makes it, on a free port: the demo team and the examples, inactive. */
function demoInstall(dir: string, port: number): ServerProcess {
  return new ServerProcess(port, {
    DATABASE_URL: `sqlite:${join(dir, 'data/leadflow.sqlite')}`,
    LEADFLOW_DEMO: '1',
    REDIS_URL: '',
  });
}

// One installation per page, so that a page's examples depend on nothing another page did.
for (const page of PAGES) {
  const { blocks } = read(page);
  const run = blocks.filter(runs);
  const workflows = blocks.filter((b) => b.lang === 'json' && b.code.includes(`"${WORKFLOW_FORMAT}"`));
  const nodeData = blocks.flatMap((block) => {
    const type = NODE_TYPE.exec(block.heading)?.[1];
    const values = block.lang === 'json' && type ? jsonValues(block.code) : null;
    return values ? values.map((data) => ({ block, type: type!, data })) : [];
  });
  if (!run.length && !workflows.length && !nodeData.length) continue;

  describe(`${page} against a demo install`, () => {
    let server: ServerProcess | null = null;
    let dir: string | null = null;
    let results: BlockResult[] = [];

    beforeAll(async () => {
      assertBuilt();
      dir = mkdtempSync(join(tmpdir(), 'leadflow-docs-'));
      server = demoInstall(dir, await freePort());
      // Starting is most of this suite's time, and on a loaded machine it takes a while.
      await server.start(60_000);
      if (run.length) results = await runBlocks(run, server.port, dir);
    }, 150_000);

    afterAll(async () => {
      if (server?.child) await server.stop('SIGTERM');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    if (run.length) {
      it.each(run.map((block, i) => [`${block.file}:${block.line}`, i] as const))(
        '%s runs as the page says',
        (_, i) => {
          expect(checkBlock(run[i], results[i])).toBeNull();
        },
      );
    }

    if (workflows.length) {
      it.each(workflows.map((block) => [`${block.file}:${block.line}`, block] as const))(
        'the workflow at %s imports',
        async (_, block) => {
          expect(await importWorkflow(server!.url, JSON.parse(block.code))).toBe('imported');
        },
      );
    }

    if (nodeData.length) {
      it.each(nodeData.map(({ block, type, data }) => [`${block.file}:${block.line}`, type, data] as const))(
        'the node data at %s is a valid %s: %j',
        async (_, type, data) => {
          expect(await importWorkflow(server!.url, workflowWith(type, data))).toBe('imported');
        },
      );
    }
  });
}
