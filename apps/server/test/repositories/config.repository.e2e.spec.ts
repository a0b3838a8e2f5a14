import { ConfigRepository } from '../../src/config-cache/config.repository';
import { PgConfigRepository } from '../../src/config-cache/config.repository.pg';
import { SqliteConfigRepository } from '../../src/config-cache/config.repository.sqlite';
import { FieldRepository } from '../../src/fields/field.repository';
import { ManagerRepository } from '../../src/managers/manager.repository';
import { DATABASES } from '../harness';
import { count, managerEntity, openFixture, T0, workflowOn, type Fixture } from './fixture';

describe.each(DATABASES)('config repositories on %s', (database) => {
  let f: Fixture;
  let config: ConfigRepository;
  let managers: ManagerRepository;
  let fields: FieldRepository;

  beforeAll(async () => {
    f = await openFixture(database);
    config = f.get(ConfigRepository);
    managers = f.get(ManagerRepository);
    fields = f.get(FieldRepository);
  });
  afterAll(() => f?.close());

  const manager = managerEntity;
  const storedManagers = async (id: string) =>
    count(
      await f.readOutside<{ n: number | string }>('SELECT count(*) AS n FROM managers WHERE id = ?', [id]),
    );

  describe('ConfigRepository', () => {
    it('is the implementation of the database, as the module chose it', () => {
      expect(config).toBeInstanceOf(database === 'postgres' ? PgConfigRepository : SqliteConfigRepository);
    });

    it('starts a new database at version 0 and answers queries', async () => {
      expect(await config.readVersion()).toBe(0);
      expect(await config.answers()).toBe(true);
    });

    it('commits a write with a version bump, then runs `after`', async () => {
      const before = await config.readVersion();
      const m = manager('write.after@example.com');
      const seen: Array<{ version: number; stored: number }> = [];
      const result = await config.write(
        async (tx) => {
          await managers.insert(tx, m);
          return 'the value';
        },
        async () => {
          // Read on a connection of its own: only what is committed.
          const [row] = await f.readOutside<{ version: number | string }>(
            'SELECT version FROM config_state WHERE id = 1',
          );
          seen.push({ version: Number(row.version), stored: await storedManagers(m.id) });
        },
      );
      expect(result).toBe('the value');
      expect(seen).toEqual([{ version: before + 1, stored: 1 }]);
      expect(await config.readVersion()).toBe(before + 1);
    });

    it('rolls a throwing write back: nothing stored, version unchanged, `after` not run', async () => {
      const before = await config.readVersion();
      const m = manager('rolled.back@example.com');
      const after = jest.fn(async () => undefined);
      await expect(
        config.write(async (tx) => {
          await managers.insert(tx, m);
          throw new Error('refused');
        }, after),
      ).rejects.toThrow('refused');
      expect(after).not.toHaveBeenCalled();
      expect(await storedManagers(m.id)).toBe(0);
      expect(await config.readVersion()).toBe(before);
      // The connection is fit for the next write.
      await config.write(async () => undefined, after);
      expect(await config.readVersion()).toBe(before + 1);
    });

    it('reads managers, fields and the active workflows’ current versions in creation order', async () => {
      const at = T0 + 1_000;
      // Same creation time: then by id (managers) or key (fields).
      const [m1, m2, m3] = [
        manager('order.c@example.com', { createdAt: at + 1 }),
        manager('order.a@example.com', { createdAt: at }),
        manager('order.b@example.com', { createdAt: at }),
      ];
      await f.cache.write(async (tx) => {
        for (const m of [m1, m2, m3]) await managers.insert(tx, m);
        for (const [key, createdAt] of [
          ['order_z', at],
          ['order_b', at + 1],
          ['order_a', at],
        ] as const)
          await fields.insert(tx, {
            key,
            label: key,
            type: 'select',
            options: ['x', 'y'],
            builtIn: false,
            createdAt,
          });
      });
      const later = await f.addWorkflow(workflowOn('lead.created', 'Later'));
      const inactive = await f.addWorkflow(workflowOn('lead.created', 'Inactive'), false);
      const rows = await config.readAll();

      const mine = new Set([m1.id, m2.id, m3.id]);
      const [first, second] = [m2, m3].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(rows.managers.filter((m) => mine.has(m.id)).map((m) => m.id)).toEqual([
        first.id,
        second.id,
        m1.id,
      ]);
      expect(rows.fields.filter((x) => x.key.startsWith('order_'))).toEqual([
        { key: 'order_a', label: 'order_a', type: 'select', options: '["x","y"]' },
        { key: 'order_z', label: 'order_z', type: 'select', options: '["x","y"]' },
        { key: 'order_b', label: 'order_b', type: 'select', options: '["x","y"]' },
      ]);
      expect(rows.active.map((w) => w.id)).toContain(later);
      expect(rows.active.map((w) => w.id)).not.toContain(inactive);
      const active = rows.active.find((w) => w.id === later)!;
      expect([Number(active.version), JSON.parse(active.definition)]).toEqual([
        1,
        workflowOn('lead.created', 'Later'),
      ]);
    });

    it('reads an active workflow at its current version', async () => {
      const id = await f.addWorkflow(workflowOn('lead.created', 'Saved twice'));
      await f.cache.write(async (tx) => {
        await tx.query(
          f.sql.text(
            'INSERT INTO workflow_versions (workflow_id, version, definition, created_at) VALUES (?, 2, ?, ?)',
          ),
          [id, JSON.stringify(workflowOn('lead.tagAdded', 'Saved twice')), T0],
        );
        await tx.query(f.sql.text('UPDATE workflows SET version = 2 WHERE id = ?'), [id]);
      });
      const active = (await config.readAll()).active.filter((w) => w.id === id);
      expect(active.map((w) => [Number(w.version), JSON.parse(w.definition).nodes[0].data.event])).toEqual([
        [2, 'lead.tagAdded'],
      ]);
    });

    it('stores a probe write that changes nothing and clears a recorded failure', async () => {
      const before = await config.readVersion();
      f.connection.health.failed(Object.assign(new Error('Connection terminated'), { code: 'ECONNRESET' }));
      expect(f.connection.health.unavailable).not.toBeNull();
      await config.probeWrite();
      expect(f.connection.health.unavailable).toBeNull();
      expect(await config.readVersion()).toBe(before);
    });
  });

  describe('ManagerRepository', () => {
    it('inserts, updates and removes a manager in config writes', async () => {
      const m = manager('crud@example.com', {
        capacity: 5,
        workingHours: { timezone: 'Europe/Berlin', days: { mon: ['09:00-17:00'] } },
        attributes: { languages: ['de', 'en'], senior: true },
      });
      await f.cache.write((tx) => managers.insert(tx, m));
      const row = () => f.sql.one<Record<string, unknown>>('SELECT * FROM managers WHERE id = ?', [m.id]);
      expect(await row()).toMatchObject({
        email: 'crud@example.com',
        capacity: 5,
        working_hours: JSON.stringify(m.workingHours),
        attributes: JSON.stringify(m.attributes),
      });
      expect(f.cache.managers.byEmailOrUndefined('CRUD@example.com')?.id).toBe(m.id);

      await f.cache.write((tx) =>
        managers.update(tx, m.id, {
          available: false,
          awayUntil: T0 + 86_400_000,
          capacity: null,
          updatedAt: T0 + 1,
        }),
      );
      const updated = (await row())!;
      expect([
        Boolean(updated.active),
        Boolean(updated.available),
        Number(updated.away_until),
        updated.capacity,
        updated.name,
        Number(updated.updated_at),
      ]).toEqual([true, false, T0 + 86_400_000, null, 'crud', T0 + 1]);
      expect(f.cache.managers.byIdOrUndefined(m.id)?.available).toBe(false);

      await f.cache.write((tx) => managers.remove(tx, m.id));
      expect(await row()).toBeUndefined();
      expect(f.cache.managers.byIdOrUndefined(m.id)).toBeUndefined();
    });

    it('refuses a second manager with the same email, and the whole write with it', async () => {
      const before = await config.readVersion();
      await f.cache.write((tx) => managers.insert(tx, manager('twice@example.com')));
      const other = manager('other.twice@example.com');
      await expect(
        f.cache.write(async (tx) => {
          await managers.insert(tx, other);
          await managers.insert(tx, manager('twice@example.com'));
        }),
      ).rejects.toThrow();
      expect(await storedManagers(other.id)).toBe(0);
      expect(await config.readVersion()).toBe(before + 1);
    });
  });

  describe('FieldRepository', () => {
    it('finds, inserts, updates and removes a custom field in config writes', async () => {
      const field = {
        key: 'crud_field',
        label: 'Crud',
        type: 'select' as const,
        options: ['a'],
        builtIn: false,
        createdAt: T0,
      };
      expect(await f.cache.write((tx) => fields.find(tx, 'crud_field'))).toBeNull();
      await f.cache.write((tx) => fields.insert(tx, field));
      expect(await f.cache.write((tx) => fields.find(tx, 'crud_field'))).toEqual(field);
      expect(f.cache.fields.get('crud_field')).toBeDefined();

      await f.cache.write((tx) => fields.update(tx, 'crud_field', { label: 'Crud 2', options: ['a', 'b'] }));
      expect(await f.cache.write((tx) => fields.find(tx, 'crud_field'))).toEqual({
        ...field,
        label: 'Crud 2',
        options: ['a', 'b'],
      });

      await f.cache.write((tx) => fields.remove(tx, 'crud_field'));
      expect(await f.cache.write((tx) => fields.find(tx, 'crud_field'))).toBeNull();
      expect(f.cache.fields.get('crud_field')).toBeUndefined();
    });

    it('refuses a second field with the same key', async () => {
      const field = {
        key: 'once_field',
        label: 'Once',
        type: 'text' as const,
        options: null,
        builtIn: false,
        createdAt: T0,
      };
      await f.cache.write((tx) => fields.insert(tx, field));
      await expect(f.cache.write((tx) => fields.insert(tx, { ...field, label: 'Again' }))).rejects.toThrow();
      expect(await f.cache.write((tx) => fields.find(tx, 'once_field'))).toEqual(field);
    });
  });
});
