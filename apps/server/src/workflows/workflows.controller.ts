import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WorkflowsService } from './workflows.service';

@Controller('api/workflows')
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}
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

  @Get(':id/export')
  async export(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { file, filename } = await this.workflows.export(id);
    void reply.header('Content-Disposition', contentDisposition(filename));
    return file;
  }
}

/** `attachment; filename="…"`; a name beyond plain ASCII also gets its exact UTF-8 form (RFC 6266). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const header = `attachment; filename="${ascii}"`;
  return ascii === filename ? header : `${header}; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
