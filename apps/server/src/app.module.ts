import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppContext } from './app.context';
import { ErrorFilter } from './common/error.filter';
import type { Role } from './config';
import {
  FieldsController,
  HealthController,
  LeadsController,
  ManagersController,
  RunsController,
  WorkflowsController,
} from './controllers';
import { FieldsService } from './fields/fields.service';
import { LeadsService } from './leads/leads.service';
import { ManagersService } from './managers/managers.service';
import { MetricsController } from './metrics';
import { RunsService } from './runs/runs.service';
import { InsightService } from './workflows/insight.service';
import { WorkflowsService } from './workflows/workflows.service';

@Module({})
export class AppModule {
  /** A worker process serves only health, readiness and metrics. */
  static with(context: AppContext, role: Role = 'all'): DynamicModule {
    const api = [FieldsController, ManagersController, LeadsController, WorkflowsController, RunsController];
    return {
      module: AppModule,
      controllers: [HealthController, MetricsController, ...(role === 'worker' ? [] : api)],
      providers: [
        { provide: AppContext, useValue: context },
        { provide: APP_FILTER, useClass: ErrorFilter },
        FieldsService,
        ManagersService,
        LeadsService,
        WorkflowsService,
        InsightService,
        RunsService,
      ],
    };
  }
}
