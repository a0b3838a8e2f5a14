import { Module } from '@nestjs/common';
import { RotationsModule } from '../rotations/rotations.module';
import { RunsModule } from '../runs/runs.module';
import { WorkflowRepository } from './workflow.repository';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

/** Workflows: create, import, save versions, activate, export. */
@Module({
  imports: [RunsModule, RotationsModule],
  controllers: [WorkflowsController],
  providers: [WorkflowRepository, WorkflowsService],
  exports: [WorkflowRepository, WorkflowsService],
})
export class WorkflowsModule {}
