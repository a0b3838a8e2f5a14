import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConfigCache } from '../config-cache/config-cache';
import { byDialect, CONNECTION, type Connection } from '../database/connection';
import { Sql } from '../database/sql';
import { LeadRepository } from './lead.repository';
import { PgLeadRepository } from './lead.repository.pg';
import { SqliteLeadRepository } from './lead.repository.sqlite';
import { LeadsController } from './leads.controller';
import { LeadsService } from './leads.service';

/** Leads: the API's reads and writes, and the repository the pipeline runs on. */
@Module({
  controllers: [LeadsController],
  providers: [
    {
      provide: LeadRepository,
      inject: [CONNECTION, ConfigCache, Clock, Sql],
      useFactory: (connection: Connection, config: ConfigCache, clock: Clock, sql: Sql) =>
        byDialect<LeadRepository>(connection, {
          sqlite: (c) => new SqliteLeadRepository(c, config, clock, sql),
          postgres: (c) => new PgLeadRepository(c, config, clock, sql),
        }),
    },
    LeadsService,
  ],
  exports: [LeadRepository, LeadsService],
})
export class LeadsModule {}
