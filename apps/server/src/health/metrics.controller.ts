import { Controller, Get, Header } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Prometheus text (see MetricsService). */
@Controller('api/metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}
  @Get() @Header('Content-Type', 'text/plain; version=0.0.4') text() {
    return this.metrics.text();
  }
}
