import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CONFIG, type Config } from '../config';
import { CONNECTION, type Connection } from './connection';
import { Sql } from './sql';
import { StoreHealth } from './unavailable';

/**
 * The process's open database, its config and its clock, for every module (global): built once by
 * the server (server.ts) before the modules are wired.
 */
@Global()
@Module({})
export class DatabaseModule {
  static with(config: Config, connection: Connection, clock: Clock): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CONNECTION, useValue: connection },
        { provide: Clock, useValue: clock },
        { provide: Sql, useValue: new Sql(connection.dataSource) },
        { provide: StoreHealth, useValue: connection.health },
      ],
      exports: [CONFIG, CONNECTION, Clock, Sql, StoreHealth],
    };
  }
}
