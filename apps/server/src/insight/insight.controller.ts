import { Controller, Get, Param } from '@nestjs/common';
import { InsightService } from './insight.service';

/** What a workflow's nodes did: a rotation's shares and next value, an A/B split's counts and verdict. */
@Controller('api/workflows')
export class InsightController {
  constructor(private readonly insight: InsightService) {}
  @Get(':id/nodes/:nodeId/rotation') rotation(@Param('id') id: string, @Param('nodeId') nodeId: string) {
    return this.insight.rotation(id, nodeId);
  }
  @Get(':id/splits/:nodeId') split(@Param('id') id: string, @Param('nodeId') nodeId: string) {
    return this.insight.split(id, nodeId);
  }
}
