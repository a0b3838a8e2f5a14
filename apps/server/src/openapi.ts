import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { workflowSchema } from '@leadflow/workflow';
import { newManagerSchema } from './managers/manager.schema';

// The document is written from the same zod schemas that validate the requests, so it cannot
// drift from what the server accepts.
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

const error = { $ref: '#/components/schemas/Error' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: unknown) => ({ content: { 'application/json': { schema: s } } });
const ok = (description: string, s?: unknown) => (s ? { description, ...json(s) } : { description });
const refusals = {
  400: ok('Invalid input: every problem with its path', error),
  404: ok('Unknown id', error),
  413: ok('Body over 1 MiB', error),
};
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const paging = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];

export function openApiDocument(): OpenAPIObject {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Leadflow API',
      version: '1',
      description: 'Lead routing: managers, leads, workflows and their runs. Errors share one shape with a JSON path per problem.',
    },
    paths: {
      '/api/health': { get: { tags: ['health'], summary: 'Answers once the server takes requests', responses: { 200: ok('Up', { type: 'object', properties: { status: { const: 'ok' } } }) } } },
      '/api/fields': {
        get: { tags: ['fields'], summary: 'Built-in and custom lead fields', responses: { 200: ok('Fields', { type: 'array', items: ref('Field') }) } },
        post: { tags: ['fields'], summary: 'Add a custom field', requestBody: json(ref('Field')), responses: { 201: ok('The field', ref('Field')), 409: ok('Key taken', error), ...refusals } },
      },
      '/api/fields/{key}': {
        parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
        patch: {
          tags: ['fields'],
          summary: "Change a custom field's label or a select field's options (key and type stay)",
          requestBody: json({ type: 'object', additionalProperties: false, properties: { label: { type: 'string', minLength: 1, maxLength: 200 }, options: { type: 'array', minItems: 1, items: { type: 'string' } } } }),
          responses: { 200: ok('The field', ref('Field')), 409: ok('A built-in field, or an option a workflow uses', error), ...refusals },
        },
        delete: { tags: ['fields'], summary: 'Delete a custom field that no lead and no workflow uses', responses: { 204: ok('Deleted'), 409: ok('A built-in field, or one in use', error), ...refusals } },
      },
      '/api/managers': {
        get: { tags: ['managers'], summary: 'The sales reps', responses: { 200: ok('Managers', { type: 'array', items: ref('Manager') }) } },
        post: { tags: ['managers'], summary: 'Add a manager', requestBody: json(ref('NewManager')), responses: { 201: ok('The manager', ref('Manager')), 409: ok('Email taken', error), ...refusals } },
      },
      '/api/managers/{id}': {
        parameters: idParam,
        get: { tags: ['managers'], responses: { 200: ok('The manager', ref('Manager')), ...refusals } },
        patch: { tags: ['managers'], requestBody: json(ref('NewManager')), responses: { 200: ok('The manager', ref('Manager')), 409: ok('Email taken or named in a workflow', error), ...refusals } },
        delete: { tags: ['managers'], responses: { 204: ok('Deleted'), 409: ok('Still manages leads or named in a workflow: deactivate instead', error), ...refusals } },
      },
      '/api/leads': {
        get: { tags: ['leads'], summary: 'Leads, newest first', parameters: paging, responses: { 200: ok('Leads', { type: 'array', items: ref('Lead') }) } },
        post: { tags: ['leads'], summary: 'Create a lead (emits lead.created; 201 means the event is durable)', requestBody: json(ref('NewLead')), responses: { 201: ok('The lead', ref('Lead')), ...refusals } },
      },
      '/api/leads/{id}': {
        parameters: idParam,
        get: { tags: ['leads'], responses: { 200: ok('The lead', ref('Lead')), ...refusals } },
        patch: { tags: ['leads'], summary: 'Change fields (one lead.fieldUpdated per changed field)', requestBody: json({ type: 'object', properties: { fields: { type: 'object' } }, required: ['fields'] }), responses: { 200: ok('The lead', ref('Lead')), ...refusals } },
      },
      '/api/leads/{id}/tags': {
        parameters: idParam,
        post: { tags: ['leads'], summary: 'Add a tag (lead.tagAdded when new)', requestBody: json({ type: 'object', properties: { tag: { type: 'string' } }, required: ['tag'] }), responses: { 200: ok('The lead', ref('Lead')), ...refusals } },
      },
      '/api/leads/{id}/tags/{tag}': {
        parameters: [...idParam, { name: 'tag', in: 'path', required: true, schema: { type: 'string' } }],
        delete: { tags: ['leads'], responses: { 200: ok('The lead', ref('Lead')), ...refusals } },
      },
      '/api/workflows': {
        get: { tags: ['workflows'], summary: 'Workflows without definitions', responses: { 200: ok('Workflows', { type: 'array', items: ref('WorkflowSummary') }) } },
        post: { tags: ['workflows'], summary: 'Create from a workflow file', requestBody: json(ref('WorkflowFile')), responses: { 201: ok('The workflow', ref('Workflow')), ...refusals } },
      },
      '/api/workflows/import': {
        post: { tags: ['workflows'], summary: 'Import a workflow file', requestBody: json(ref('WorkflowFile')), responses: { 201: ok('The workflow', ref('Workflow')), ...refusals } },
      },
      '/api/workflows/{id}': {
        parameters: idParam,
        get: { tags: ['workflows'], responses: { 200: ok('The workflow', ref('Workflow')), ...refusals } },
        put: {
          tags: ['workflows'],
          summary: 'Save as the next version',
          parameters: [{ name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'The version edited: refused with 409 when a newer one was saved meanwhile' }],
          requestBody: json(ref('WorkflowFile')),
          responses: { 200: ok('The workflow', ref('Workflow')), 409: ok('A newer version was saved', error), 422: ok('Active, and this version could not run', error), ...refusals },
        },
        delete: { tags: ['workflows'], summary: 'Delete; waiting runs end as skipped', responses: { 204: ok('Deleted'), ...refusals } },
      },
      '/api/workflows/{id}/activate': { parameters: idParam, post: { tags: ['workflows'], responses: { 200: ok('The workflow, with `warnings`: every other active workflow whose trigger overlaps this one\'s and that writes the same field (empty when none)', { allOf: [ref('Workflow'), { type: 'object', required: ['warnings'], properties: { warnings: { type: 'array', items: { type: 'object', required: ['message', 'workflowId', 'name', 'field'], properties: { message: { type: 'string' }, workflowId: { type: 'string' }, name: { type: 'string' }, field: { type: 'string' } } } } } }] }), 422: ok('Problems block activation, each naming its node', error), ...refusals } } },
      '/api/workflows/{id}/deactivate': { parameters: idParam, post: { tags: ['workflows'], summary: 'Deactivate; waiting runs end as skipped', responses: { 200: ok('The workflow', ref('Workflow')), ...refusals } } },
      '/api/workflows/{id}/export': { parameters: idParam, get: { tags: ['workflows'], summary: 'Download as a workflow file', responses: { 200: ok('attachment; filename="<name>.workflow.json"', ref('WorkflowFile')), ...refusals } } },
      '/api/workflows/{id}/nodes/{nodeId}/rotation': {
        parameters: [...idParam, { name: 'nodeId', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          tags: ['insight'],
          summary: 'What a "replace with one of" node gave each value (all versions), and who is next',
          responses: {
            200: ok('Per value: given, givenLast7Days, lastGivenAt, onList; next', {
              type: 'object',
              properties: {
                values: { type: 'array', items: { type: 'object', properties: { value: {}, given: { type: 'integer' }, givenLast7Days: { type: 'integer' }, lastGivenAt: { type: ['string', 'null'] }, onList: { type: 'boolean' } } } },
                next: {},
              },
            }),
            ...refusals,
          },
        },
      },
      '/api/workflows/{id}/splits/{nodeId}': {
        parameters: [...idParam, { name: 'nodeId', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          tags: ['insight'],
          summary: 'A/B split: leads and won leads per branch, the p-value and a verdict',
          responses: {
            200: ok('The branches compared', {
              type: 'object',
              properties: {
                branches: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, leads: { type: 'integer' }, won: { type: 'integer' }, rate: { type: ['number', 'null'] } } } },
                pValue: { type: ['number', 'null'] },
                verdict: { type: 'string' },
              },
            }),
            ...refusals,
          },
        },
      },
      '/api/metrics': { get: { tags: ['health'], summary: 'Prometheus text: pending events, runs by status, memory', responses: { 200: { description: 'text/plain' } } } },
      '/api/runs': {
        get: {
          tags: ['runs'],
          summary: 'Runs with their steps, newest first',
          parameters: [
            { name: 'leadId', in: 'query', schema: { type: 'string' } },
            { name: 'workflowId', in: 'query', schema: { type: 'string' } },
            { name: 'status', in: 'query', schema: { enum: ['running', 'waiting', 'completed', 'failed', 'skipped'] } },
            ...paging,
          ],
          responses: { 200: ok('Runs', { type: 'array', items: ref('Run') }), 400: refusals[400] },
        },
      },
      '/api/runs/{id}': { parameters: idParam, get: { tags: ['runs'], responses: { 200: ok('The run', ref('Run')), ...refusals } } },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['statusCode', 'error', 'message'],
          properties: {
            statusCode: { type: 'integer' },
            error: { type: 'string' },
            message: { type: 'string' },
            issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' }, nodeId: { type: 'string' } } } },
          },
        },
        Field: {
          type: 'object',
          required: ['key', 'label', 'type'],
          properties: { key: { type: 'string', pattern: '^[a-z][A-Za-z0-9_]{0,39}$' }, label: { type: 'string' }, type: { enum: ['text', 'number', 'boolean', 'date', 'select', 'manager'] }, options: { type: 'array', items: { type: 'string' } } },
        },
        NewManager: schema(newManagerSchema),
        Manager: {
          allOf: [schema(newManagerSchema), { type: 'object', properties: { id: { type: 'string' }, openLeads: { type: 'integer' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } } }],
        },
        NewLead: { type: 'object', required: ['fields'], properties: { fields: { type: 'object', additionalProperties: true }, tags: { type: 'array', items: { type: 'string' } } } },
        Lead: {
          type: 'object',
          properties: { id: { type: 'string' }, fields: { type: 'object', properties: { manager: { type: ['string', 'null'] } }, additionalProperties: true }, tags: { type: 'array', items: { type: 'string' } }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } },
        },
        WorkflowFile: schema(workflowSchema),
        WorkflowSummary: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' }, active: { type: 'boolean' }, version: { type: 'integer' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' }, lastRunAt: { type: ['string', 'null'] }, runsToday: { type: 'integer' } },
        },
        Workflow: {
          allOf: [ref('WorkflowSummary'), { type: 'object', properties: { problems: { type: 'array', items: { type: 'object' } }, definition: ref('WorkflowFile') } }],
        },
        Run: {
          type: 'object',
          properties: {
            id: { type: 'string' }, workflowId: { type: 'string' }, workflowVersion: { type: 'integer' }, leadId: { type: 'string' },
            event: { type: 'object' }, status: { enum: ['running', 'waiting', 'completed', 'failed', 'skipped'] }, reason: { type: 'string' },
            startedAt: { type: 'string' }, finishedAt: { type: ['string', 'null'] },
            steps: { type: 'array', items: { type: 'object', properties: { nodeId: { type: 'string' }, type: { type: 'string' }, outcome: { type: 'string' }, detail: { type: 'object' }, at: { type: 'string' } } } },
          },
        },
      },
    },
  } as unknown as OpenAPIObject;
}

/** Swagger UI at /api/docs, the document at /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument(), { jsonDocumentUrl: 'api/docs-json' });
}
