import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '@leadflow/api';
import { ENTITIES } from '../src/database/data-source';
import { getMetadataArgsStorage } from 'typeorm';

// docs/architecture.md's "Where does X live" must name every route of the contract and every table,
// so a newcomer who follows it finds each one (its links are checked by docs.e2e.spec.ts).
const page = readFileSync(join(__dirname, '../../../docs/architecture.md'), 'utf8');
const section = page.slice(page.indexOf('### Where does X live'), page.indexOf('### Storage'));
const rows = section.split('\n').filter((line) => line.startsWith('| '));
const firstCells = rows.map((row) => row.split('|')[1]);

/** The route paths a row names: `/api/leads…` stands for that path and every path under it. */
const named = firstCells.flatMap((cell) => [...cell.matchAll(/`(\/api\/[^`]*)`/g)].map((m) => m[1]));

describe('docs/architecture.md, where does X live', () => {
  it.each(routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route.path]))(
    'names the route %s',
    (_name, path) => {
      const found = named.some((n) => (n.endsWith('…') ? path.startsWith(n.slice(0, -1)) : n === path));
      expect(found).toBe(true);
    },
  );

  const tables = getMetadataArgsStorage()
    .tables.filter((table) => (ENTITIES as unknown[]).includes(table.target))
    .map((table) => table.name!);

  it('reads the tables from the entities', () => {
    expect(tables.length).toBeGreaterThanOrEqual(10);
  });

  it.each(tables)('names the table %s', (table) => {
    expect(firstCells.some((cell) => cell.includes(`\`${table}\``))).toBe(true);
  });
});
