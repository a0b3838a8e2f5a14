import Database from 'better-sqlite3';
import { Writer } from './writer';

describe(Writer.name, () => {
  let db: Database.Database;
  let writer: Writer;
  const names = () =>
    (db.prepare('SELECT name FROM t ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (name TEXT PRIMARY KEY)');
    writer = new Writer(db);
  });
  afterEach(() => db.close());

  it('commits the ops queued together in one transaction', async () => {
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) => writer.write(() => insert.run(name).changes)),
    );
    expect(results).toEqual([1, 1, 1]);
    expect(names()).toEqual(['a', 'b', 'c']);
  });

  it('refuses only the op that throws; the others of its batch are committed', async () => {
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    const outcomes = await Promise.allSettled([
      writer.write(() => insert.run('a')),
      writer.write(() => {
        insert.run('b');
        throw new Error('refused');
      }),
      writer.write(() => insert.run('c')),
      writer.write(() => insert.run('a')), // a duplicate key within the batch
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(names()).toEqual(['a', 'c']);
  });

  it('keeps exclusive async work apart from group commits', async () => {
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    const order: string[] = [];
    await Promise.all([
      writer.exclusive(async () => {
        db.exec('BEGIN');
        insert.run('x');
        await new Promise((resolve) => setTimeout(resolve, 20));
        db.exec('COMMIT');
        order.push('exclusive');
      }),
      writer.write(() => {
        insert.run('y');
        order.push('write');
      }),
    ]);
    expect(order).toEqual(['exclusive', 'write']);
    expect(names()).toEqual(['x', 'y']);
  });
});
