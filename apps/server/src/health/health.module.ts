import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** Liveness, readiness and the Prometheus metrics: what every role serves, workers included. */
@Module({
  imports: [RunsModule],
  controllers: [HealthController, MetricsController],
  providers: [HealthService, MetricsService],
})
export class HealthModule {}
