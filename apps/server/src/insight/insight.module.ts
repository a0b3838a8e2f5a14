import { Module } from '@nestjs/common';
import { RotationsModule } from '../rotations/rotations.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { InsightController } from './insight.controller';
import { InsightService } from './insight.service';

/** What routing did: rotation shares and next value, A/B split outcomes. */
@Module({
  imports: [RotationsModule, WorkflowsModule],
  controllers: [InsightController],
  providers: [InsightService],
})
export class InsightModule {}
