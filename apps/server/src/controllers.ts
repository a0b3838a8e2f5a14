import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppContext } from './app.context';
import { paging } from './common/paging';
import { FieldsService } from './fields/fields.service';
import { LeadsService } from './leads/leads.service';
import { ManagersService } from './managers/managers.service';
import { RunsService } from './runs/runs.service';
import { InsightService } from './workflows/insight.service';
import { WorkflowsService } from './workflows/workflows.service';

// Controllers only hand the request to a service: validation and decisions live there.

@Controller('api')
export class HealthController {
  constructor(private readonly app: AppContext) {}

  /** Liveness: the process takes requests. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database (and Redis, in the scaled-out mode) answer, and writes are stored; 503
   * otherwise, with the cause. After a write failed for a reason outside the request (a full disk, a
   * lost database), each check tries a write that changes nothing, so readiness comes back as soon as
   * writes are stored again, even when no request writes meanwhile.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const database = await this.app.sql.query('SELECT 1 AS ok').then(
      () => true,
      () => false,
    );
    if (database && this.app.health.unavailable) await this.app.storage.probeWrite().catch(() => undefined);
    const unavailable = this.app.health.unavailable;
    const redis = this.app.redisReady ? await this.app.redisReady() : undefined;
    const ok = database && !unavailable && redis !== false;
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      role: this.app.config.role,
      database,
      ...(redis === undefined ? {} : { redis }),
      ...(unavailable
        ? { cause: unavailable.message, since: new Date(unavailable.since).toISOString() }
        : {}),
    };
  }
}

@Controller('api/fields')
export class FieldsController {
  constructor(private readonly fields: FieldsService) {}
  @Get() list() {
    return this.fields.list();
  }
  @Post() create(@Body() body: unknown) {
    return this.fields.create(body);
  }
  @Patch(':key') update(@Param('key') key: string, @Body() body: unknown) {
    return this.fields.update(key, body);
  }
  @Delete(':key') @HttpCode(204) remove(@Param('key') key: string) {
    return this.fields.remove(key);
  }
}

@Controller('api/managers')
export class ManagersController {
  constructor(private readonly managers: ManagersService) {}
  @Get() list() {
    return this.managers.list();
  }
  @Post() create(@Body() body: unknown) {
    return this.managers.create(body);
  }
  @Get(':id') get(@Param('id') id: string) {
    return this.managers.get(id);
  }
  @Patch(':id') update(@Param('id') id: string, @Body() body: unknown) {
    return this.managers.update(id, body);
  }
  @Delete(':id') @HttpCode(204) remove(@Param('id') id: string) {
    return this.managers.remove(id);
  }
}

@Controller('api/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}
  @Get() list(@Query() query: { limit?: string; offset?: string }) {
    const { limit, offset } = paging(query);
    return this.leads.list(limit, offset);
  }
  @Post() create(@Body() body: unknown) {
    return this.leads.create(body);
  }
  @Get(':id') get(@Param('id') id: string) {
    return this.leads.get(id);
  }
  @Patch(':id') update(@Param('id') id: string, @Body() body: unknown) {
    return this.leads.update(id, body);
  }
  @Post(':id/tags') @HttpCode(200) addTag(@Param('id') id: string, @Body() body: unknown) {
    return this.leads.addTag(id, body);
  }
  @Delete(':id/tags/:tag') removeTag(@Param('id') id: string, @Param('tag') tag: string) {
    return this.leads.removeTag(id, tag);
  }
}

@Controller('api/workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly insight: InsightService,
  ) {}
  @Get() list() {
    return this.workflows.list();
  }
  @Post() create(@Body() body: unknown) {
    return this.workflows.create(body);
  }
  @Post('import') import(@Body() body: unknown) {
    return this.workflows.create(body);
  }
  @Get(':id') get(@Param('id') id: string) {
    return this.workflows.get(id);
  }
  @Put(':id') save(@Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch?: string) {
    return this.workflows.save(id, body, ifMatch);
  }
  @Post(':id/activate') @HttpCode(200) activate(@Param('id') id: string) {
    return this.workflows.activate(id);
  }
  @Post(':id/deactivate') @HttpCode(200) deactivate(@Param('id') id: string) {
    return this.workflows.deactivate(id);
  }
  @Delete(':id') @HttpCode(204) remove(@Param('id') id: string) {
    return this.workflows.remove(id);
  }
  @Get(':id/nodes/:nodeId/rotation') rotation(@Param('id') id: string, @Param('nodeId') nodeId: string) {
    return this.insight.rotation(id, nodeId);
  }
  @Get(':id/splits/:nodeId') split(@Param('id') id: string, @Param('nodeId') nodeId: string) {
    return this.insight.split(id, nodeId);
  }

  @Get(':id/export')
  async export(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { file, filename } = await this.workflows.export(id);
    void reply.header('Content-Disposition', contentDisposition(filename));
    return file;
  }
}

@Controller('api/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}
  @Get() list(@Query() query: Record<string, string>) {
    return this.runs.list(query);
  }
  @Get(':id') get(@Param('id') id: string) {
    return this.runs.get(id);
  }
}

/** `attachment; filename="…"`; a name beyond plain ASCII also gets its exact UTF-8 form (RFC 6266). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const header = `attachment; filename="${ascii}"`;
  return ascii === filename ? header : `${header}; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
