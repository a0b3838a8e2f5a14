import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Clock } from './common/clock';
import { ErrorFilter } from './http/error.filter';
import type { Config } from './config';
import { ConfigCacheModule } from './config-cache/config-cache.module';
import type { Connection } from './database/connection';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { FieldsModule } from './fields/fields.module';
import { HealthModule } from './health/health.module';
import { InsightModule } from './insight/insight.module';
import { LeadsModule } from './leads/leads.module';
import { ManagersModule } from './managers/managers.module';
import { RunsModule } from './runs/runs.module';
import { WorkflowsModule } from './workflows/workflows.module';

/**
 * The whole server, one module per capability (controller → service → repository), over the
 * process's database. A worker process serves only health, readiness and metrics: server.ts answers
 * its other routes 404 (its modules are wired all the same, the pipeline needs their repositories).
 */
@Module({})
export class AppModule {
  static with(config: Config, connection: Connection, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.with(config, connection, clock),
        ConfigCacheModule,
        EventsModule,
        HealthModule,
        LeadsModule,
        ManagersModule,
        FieldsModule,
        WorkflowsModule,
        RunsModule,
        InsightModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
