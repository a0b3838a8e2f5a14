import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { logger } from '../common/logger';
import { ManagersService } from '../managers/managers.service';
import { WorkflowsService } from '../workflows/workflows.service';

/** The repository's examples: the demo team and one workflow per common routing rule. */
export const EXAMPLES_DIR = resolve(__dirname, '../../../../examples');

/** Gives a new database the demo team and the example workflows, all inactive. */
export async function seedDemo(app: INestApplicationContext, dir = EXAMPLES_DIR): Promise<void> {
  const managers = app.get(ManagersService);
  const workflows = app.get(WorkflowsService);
  const team = JSON.parse(readFileSync(join(dir, 'managers.json'), 'utf8')) as unknown[];
  for (const manager of team) await managers.create(manager);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.workflow.json'))
    .sort();
  for (const file of files) await workflows.create(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  logger.info({ managers: team.length, workflows: files.length }, 'demo data seeded');
}
