import type { Database } from 'better-sqlite3';
import { BUILT_IN_FIELDS, type FieldDef } from '@leadflow/workflow';

/** Built-in and custom fields, held in memory: every lead write is checked against them. */
export class FieldCatalogue {
  private fields: FieldDef[] = [];
  private byKey = new Map<string, FieldDef>();

  constructor(private readonly db: Database) {
    this.reload();
  }

  reload(): void {
    const custom = this.db.prepare('SELECT key, label, type, options FROM fields ORDER BY created_at, key').all() as Array<{
      key: string;
      label: string;
      type: FieldDef['type'];
      options: string | null;
    }>;
    this.fields = [
      ...BUILT_IN_FIELDS,
      ...custom.map((f) => ({ key: f.key, label: f.label, type: f.type, ...(f.options ? { options: JSON.parse(f.options) } : {}) })),
    ];
    this.byKey = new Map(this.fields.map((f) => [f.key, f]));
  }

  all(): FieldDef[] {
    return this.fields;
  }

  get(key: string): FieldDef | undefined {
    return this.byKey.get(key);
  }
}
