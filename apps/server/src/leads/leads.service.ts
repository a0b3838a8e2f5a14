import { Injectable } from '@nestjs/common';
import { leadPatchSchema, newLeadSchema, newTagSchema } from '@leadflow/api';
import {
  hasTag,
  MAX_LEAD_TAGS,
  normalizeEmail,
  uniqueTags,
  withoutTag,
  type FieldValue,
} from '@leadflow/workflow';
import { ApiError, parseBody } from '../common/api-error';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { ConfigCache } from '../config-cache/config-cache';
import { LeadEventsListener } from './lead-events';
import { LeadRepository, type LeadChange, type LeadRecord } from './lead.repository';
import { applyPatch, checkLeadFields, fieldChanges } from './lead.rules';

/** The status of a lead created without one. */
export const DEFAULT_STATUS = 'New';

@Injectable()
export class LeadsService {
  constructor(
    private readonly leads: LeadRepository,
    private readonly config: ConfigCache,
    private readonly listener: LeadEventsListener,
    private readonly clock: Clock,
  ) {}

  async get(id: string) {
    return view(await this.find(id));
  }

  async list(limit: number, offset: number) {
    return (await this.leads.list(limit, offset)).map(view);
  }

  /**
   * Stores the lead and its `lead.created` event in one transaction: the 201 means both are durable.
   * A lead created without a status (or with `status: null`) gets `"New"`.
   */
  async create(body: unknown) {
    const input = parseBody(newLeadSchema, body);
    const values = await this.checkFields(input.fields);
    const now = this.clock.now();
    const lead: LeadRecord = {
      id: newId(),
      fields: applyPatch({}, { ...values, status: values.status ?? DEFAULT_STATUS }),
      // Case-blind: `Hot` and `hot` are one tag; the first spelling is kept.
      tags: uniqueTags(input.tags ?? []),
      createdAt: now,
      updatedAt: now,
    };
    lead.fields.manager = normaliseManager(lead.fields.manager);
    const stored = await this.leads.create(lead, [{ type: 'lead.created' }]);
    if (stored.length) this.listener.eventsStored(stored);
    return view(lead);
  }

  /** One `lead.fieldUpdated` per field whose value changed. */
  async update(id: string, body: unknown) {
    const input = parseBody(leadPatchSchema, body);
    const values = await this.checkFields(input.fields);
    if (values.manager !== undefined) values.manager = normaliseManager(values.manager);
    return this.change(id, (lead) => {
      const events = fieldChanges(lead.fields, values);
      return { lead: { ...lead, fields: applyPatch(lead.fields, values) }, events };
    });
  }

  async addTag(id: string, body: unknown) {
    const { tag } = parseBody(newTagSchema, body);
    return this.change(id, (lead) => {
      if (hasTag(lead.tags, tag)) return { lead, events: [] };
      if (lead.tags.length >= MAX_LEAD_TAGS) {
        throw ApiError.unprocessable(
          `The lead has ${MAX_LEAD_TAGS} tags, the most it can hold; remove one first`,
          [
            {
              code: 'too_big',
              path: 'tag',
              message: `cannot be added: the lead has ${MAX_LEAD_TAGS} tags already`,
            },
          ],
        );
      }
      return { lead: { ...lead, tags: [...lead.tags, tag] }, events: [{ type: 'lead.tagAdded', tag }] };
    });
  }

  async removeTag(id: string, tag: string) {
    return this.change(id, (lead) => ({
      lead: { ...lead, tags: withoutTag(lead.tags, tag) },
      events: [],
    }));
  }

  /** Reads, changes and stores a lead with its events in one transaction. */
  private async change(id: string, fn: LeadChange) {
    const changed = await this.leads.change(id, fn);
    if (!changed) throw ApiError.notFound('Lead', id);
    if (changed.stored.length) this.listener.eventsStored(changed.stored);
    return view(changed.lead);
  }

  private async checkFields(input: Record<string, unknown>): Promise<Record<string, FieldValue>> {
    const check = () =>
      checkLeadFields(
        input,
        (key) => this.config.fields.get(key),
        (email) => this.config.managers.byEmailOrUndefined(email) !== undefined,
      );
    let issues = check();
    if (issues.length) {
      // A field or manager added by another process since this one loaded its config.
      await this.config.refresh();
      issues = check();
    }
    if (issues.length) throw ApiError.invalid(issues);
    return input as Record<string, FieldValue>;
  }

  private async find(id: string): Promise<LeadRecord> {
    const lead = await this.leads.get(id);
    if (!lead) throw ApiError.notFound('Lead', id);
    return lead;
  }
}

const normaliseManager = (value: FieldValue | undefined): FieldValue =>
  typeof value === 'string' ? normalizeEmail(value) : null;

function view(lead: LeadRecord) {
  return {
    id: lead.id,
    fields: { ...lead.fields, manager: lead.fields.manager ?? null },
    tags: lead.tags,
    createdAt: new Date(lead.createdAt).toISOString(),
    updatedAt: new Date(lead.updatedAt).toISOString(),
  };
}
