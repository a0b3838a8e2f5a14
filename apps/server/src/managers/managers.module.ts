import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads/leads.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ManagerRepository } from './manager.repository';
import { ManagersController } from './managers.controller';
import { ManagersService } from './managers.service';

/** The team: the managers leads are routed to. */
@Module({
  imports: [LeadsModule, WorkflowsModule],
  controllers: [ManagersController],
  providers: [ManagerRepository, ManagersService],
  exports: [ManagersService],
})
export class ManagersModule {}
