import { Global, Module } from '@nestjs/common';
import { byDialect, CONNECTION, type Connection } from '../database/connection';
import { Sql } from '../database/sql';
import { ConfigCache } from './config-cache';
import { ConfigRepository } from './config.repository';
import { PgConfigRepository } from './config.repository.pg';
import { SqliteConfigRepository } from './config.repository.sqlite';

/** The in-memory config and its repository, for every module (global). */
@Global()
@Module({
  providers: [
    {
      provide: ConfigRepository,
      inject: [CONNECTION, Sql],
      useFactory: (connection: Connection, sql: Sql) =>
        byDialect<ConfigRepository>(connection, {
          sqlite: (c) => new SqliteConfigRepository(c, sql),
          postgres: (c) => new PgConfigRepository(c, sql),
        }),
    },
    ConfigCache,
  ],
  exports: [ConfigRepository, ConfigCache],
})
export class ConfigCacheModule {}
