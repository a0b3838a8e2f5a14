import { BUILT_IN_FIELDS, type FieldDef } from '@leadflow/workflow';

/** Built-in and custom fields, held in memory: every lead write is checked against them. */
export class FieldCatalogue {
  private fields: FieldDef[] = [];
  private byKey = new Map<string, FieldDef>();

  /** Replaces the custom fields with these rows (`SELECT key, label, type, options FROM fields ORDER BY created_at, key`). */
  load(custom: Array<{ key: string; label: string; type: FieldDef['type']; options: string | null }>): void {
    this.fields = [
      ...BUILT_IN_FIELDS,
      ...custom.map((f) => ({
        key: f.key,
        label: f.label,
        type: f.type,
        ...(f.options ? { options: JSON.parse(f.options) } : {}),
      })),
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
