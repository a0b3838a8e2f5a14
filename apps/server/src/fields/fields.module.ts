import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads/leads.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { FieldRepository } from './field.repository';
import { FieldsController } from './fields.controller';
import { FieldsService } from './fields.service';

/** Custom fields: what leads hold beyond the built-in ones. */
@Module({
  imports: [LeadsModule, WorkflowsModule],
  controllers: [FieldsController],
  providers: [FieldRepository, FieldsService],
})
export class FieldsModule {}
