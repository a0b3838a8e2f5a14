// `npm start`: builds what is missing or stale (TypeScript incrementally, the editor when its
// sources changed), then runs the server in this process. Installs nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

if (!existsSync(join(root, 'node_modules'))) {
  console.error('Dependencies are missing: run `npm ci` first.');
  process.exit(1);
}

run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);

const editor = join(root, 'apps/editor');
const built = join(editor, 'dist/index.html');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
if (existsSync(join(editor, 'package.json')) && existsSync(join(editor, 'src'))) {
  if (!existsSync(built) || newest(join(editor, 'src')) > statSync(built).mtimeMs) {
    run('npm', ['run', 'build', '--workspace', '@leadflow/editor']);
  }
}

await import(pathToFileURL(join(root, 'apps/server/dist/main.js')).href);
