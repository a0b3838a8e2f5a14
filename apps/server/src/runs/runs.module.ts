import { Module } from '@nestjs/common';
import { byDialect, CONNECTION, type Connection } from '../database/connection';
import { Sql } from '../database/sql';
import { RunRepository } from './run.repository';
import { PgRunRepository } from './run.repository.pg';
import { SqliteRunRepository } from './run.repository.sqlite';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

/** Runs: what each workflow did for each event, as the API lists them. */
@Module({
  controllers: [RunsController],
  providers: [
    {
      provide: RunRepository,
      inject: [CONNECTION, Sql],
      useFactory: (connection: Connection, sql: Sql) =>
        byDialect<RunRepository>(connection, {
          sqlite: (c) => new SqliteRunRepository(c.db, sql),
          postgres: (c) => new PgRunRepository(c, sql),
        }),
    },
    RunsService,
  ],
  exports: [RunRepository],
})
export class RunsModule {}
