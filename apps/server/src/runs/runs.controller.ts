import { Controller, Get, Param, Query } from '@nestjs/common';
import { RunsService } from './runs.service';

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
