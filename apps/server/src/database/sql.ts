import type { DataSource, EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Portable SQL for the low-volume reads and writes of the services (config, insight, metrics):
 * statements are written once with `?` placeholders and `TRUE`/`FALSE` literals, which both
 * databases read, and `?` becomes `$n` on PostgreSQL. The hot path has its own stores per database.
 */
export class Sql {
  readonly dialect: Dialect;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** `FOR UPDATE` on PostgreSQL, nothing on SQLite (its one writer already serialises). */
  get forUpdate(): string {
    return this.dialect === 'postgres' ? 'FOR UPDATE' : '';
  }

  text(sql: string): string {
    if (this.dialect === 'sqlite') return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  }

  /** Rows of a query, on the given transaction's connection or the pool. */
  query<T>(sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    return (em ?? this.dataSource.manager).query(this.text(sql), params) as Promise<T[]>;
  }

  async one<T>(sql: string, params: unknown[] = [], em?: EntityManager): Promise<T | undefined> {
    return (await this.query<T>(sql, params, em))[0];
  }
}
