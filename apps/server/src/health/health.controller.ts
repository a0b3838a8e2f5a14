import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService } from './health.service';

@Controller('api')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process takes requests. */
  @Get('health')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: 503 with the cause while the database, Redis or writes are away (see HealthService.ready). */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ok, body } = await this.health.ready();
    void reply.status(ok ? 200 : 503);
    return body;
  }
}
