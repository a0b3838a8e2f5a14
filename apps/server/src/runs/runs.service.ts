import { Injectable } from '@nestjs/common';
import { RUN_STATUSES, type RunStatus } from '@leadflow/api';
import { ApiError } from '../common/api-error';
import { paging, singleValues } from '../common/paging';
import { RunRepository, runView } from './run.repository';

@Injectable()
export class RunsService {
  constructor(private readonly runs: RunRepository) {}

  async list(raw: Record<string, unknown>) {
    const query = singleValues(raw, ['leadId', 'workflowId', 'status', 'limit', 'offset']);
    if (query.status !== undefined && !(RUN_STATUSES as readonly string[]).includes(query.status)) {
      throw ApiError.invalid([{ path: 'status', message: `must be one of ${RUN_STATUSES.join(', ')}` }]);
    }
    const runs = await this.runs.list({
      leadId: query.leadId,
      workflowId: query.workflowId,
      status: query.status as RunStatus | undefined,
      ...paging(query),
    });
    return runs.map(runView);
  }

  async get(id: string) {
    const run = await this.runs.get(id);
    if (!run) throw ApiError.notFound('Run', id);
    return runView(run);
  }
}
