import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type Config } from '../config';
import { ConfigRepository } from '../config-cache/config.repository';
import { StoreHealth } from '../database/unavailable';
import { QueueStatus } from '../events/queue-status';

/** What readiness answers: 200 with `status: "ok"`, or 503 with the cause. */
export interface Readiness {
  ok: boolean;
  body: {
    status: 'ok' | 'unavailable';
    role: Config['role'];
    database: boolean;
    redis?: boolean;
    cause?: string;
    since?: string;
  };
}

/** Liveness and readiness of this process. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repository: ConfigRepository,
    private readonly health: StoreHealth,
    private readonly queue: QueueStatus,
  ) {}

  /**
   * The database (and Redis, in the scaled-out mode) answer, and writes are stored. After a write
   * failed for a reason outside the request (a full disk, a lost database), each check tries a write
   * that changes nothing, so readiness comes back as soon as writes are stored again, even when no
   * request writes meanwhile.
   */
  async ready(): Promise<Readiness> {
    const database = await this.repository.answers();
    if (database && this.health.unavailable) await this.repository.probeWrite().catch(() => undefined);
    const unavailable = this.health.unavailable;
    const redis = this.queue.ready ? await this.queue.ready() : undefined;
    const ok = database && !unavailable && redis !== false;
    return {
      ok,
      body: {
        status: ok ? 'ok' : 'unavailable',
        role: this.config.role,
        database,
        ...(redis === undefined ? {} : { redis }),
        ...(unavailable
          ? { cause: unavailable.message, since: new Date(unavailable.since).toISOString() }
          : {}),
      },
    };
  }
}
