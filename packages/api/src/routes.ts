import type { z } from 'zod';
import type { Access } from './access';
import {
  apiKeySchema,
  createdApiKeySchema,
  loginSchema,
  meSchema,
  newApiKeySchema,
  newUserSchema,
  setupSchema,
  userPatchSchema,
  userSchema,
} from './accounts';
import { auditEntrySchema, auditQuerySchema } from './audit';
import { idParamsSchema, pagingQuerySchema } from './common';
import { apiErrorSchema } from './errors';
import { fieldKeyParamsSchema, fieldPatchSchema, fieldSchema, newFieldSchema } from './fields';
import { healthSchema, readinessSchema } from './health';
import { rotationInsightSchema, splitInsightSchema } from './insight';
import { leadPatchSchema, leadSchema, leadTagParamsSchema, newLeadSchema, newTagSchema } from './leads';
import { managerPatchSchema, managerSchema, newManagerSchema } from './managers';
import { runSchema, runsQuerySchema, stepSchema } from './runs';
import {
  saveWorkflowHeadersSchema,
  workflowFileSchema,
  workflowNodeParamsSchema,
  workflowRecordSchema,
  workflowSummarySchema,
} from './workflows';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The statuses a refusal may have (api.md, Errors). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 421 | 422 | 429 | 503;

/** A successful answer: its status, what it is, and its body (none for 204). */
export interface RouteResponse {
  status: 200 | 201 | 204;
  description: string;
  schema?: z.ZodType;
  /** `application/json` unless said otherwise. */
  contentType?: string;
  /** Response headers by name, with what they say. */
  headers?: Record<string, string>;
}

/**
 * One route of the HTTP API, as data: the OpenAPI document is generated from these and the tests
 * walk them. `path` is written the OpenAPI way (`/api/leads/{id}`).
 */
export interface Route {
  method: HttpMethod;
  path: string;
  /** Who may call it (`mayCall`; access.md, "Who may call what"). */
  access: Access;
  summary: string;
  tags: string[];
  request?: { params?: z.ZodObject; query?: z.ZodObject; headers?: z.ZodObject; body?: z.ZodType };
  response: RouteResponse;
  /** The refusals this route may answer, each with when (all in the shape of `apiErrorSchema`). */
  errors: Partial<Record<ErrorStatus, string>>;
  /** Described here, not served yet (another change adds it): left out of the document until then. */
  planned?: boolean;
}

/**
 * The schemas the document names (`#/components/schemas/<id>`, the `id` of each one's zod `meta`);
 * wherever a route uses one, the document refers to it.
 */
export const namedSchemas: z.ZodType[] = [
  apiErrorSchema,
  fieldSchema,
  newFieldSchema,
  fieldPatchSchema,
  managerSchema,
  newManagerSchema,
  managerPatchSchema,
  leadSchema,
  newLeadSchema,
  leadPatchSchema,
  newTagSchema,
  workflowFileSchema,
  workflowSummarySchema,
  workflowRecordSchema,
  runSchema,
  stepSchema,
  rotationInsightSchema,
  splitInsightSchema,
  // Planned routes' schemas join when their routes are served (a route names a schema by its meta
  // id anyway; listed here, it would appear in the document before any route uses it).
];

// Refusals most routes share.
const invalid = 'Invalid input: every problem with its path';
const body = {
  400: `${invalid} (also JSON nested deeper than 256 levels, or a key such as "__proto__")`,
  413: 'The body is over 1 MiB',
  415: 'The body is not JSON',
} as const;
const unavailable = {
  503: 'The write could not be stored for a reason outside the request (Retry-After says when to try again)',
} as const;
const unknownId = { 404: 'Unknown id' } as const;
const write = { ...body, ...unavailable } as const;

const json = (status: 200 | 201, description: string, schema: z.ZodType): RouteResponse => ({
  status,
  description,
  schema,
});
const deleted: RouteResponse = { status: 204, description: 'Deleted' };

/** Every route of the API (api.md, then access.md). Keep in the order of those pages. */
export const routes: Route[] = [
  {
    method: 'get',
    path: '/api/health',
    access: 'public',
    summary: 'Answers once the server takes requests',
    tags: ['health'],
    response: json(200, 'Up', healthSchema),
    errors: {},
  },
  {
    method: 'get',
    path: '/api/ready',
    access: 'public',
    summary: 'Ready: the database (and Redis) answer; 503 with the same body otherwise',
    tags: ['health'],
    response: json(200, 'Ready', readinessSchema),
    errors: {},
  },
  {
    method: 'get',
    path: '/api/metrics',
    // Not among access.md's routes without a credential, so it needs one; it reads counts only, so
    // any reading role may (a scraper sends a viewer key as `Authorization: Bearer`).
    access: 'read',
    summary: 'Prometheus text: pending events, waiting runs, runs by status, run latency',
    tags: ['health'],
    response: { status: 200, description: 'Prometheus text format 0.0.4', contentType: 'text/plain' },
    errors: {},
  },

  {
    method: 'get',
    path: '/api/fields',
    access: 'read',
    summary: 'Built-in and custom lead fields',
    tags: ['fields'],
    response: json(200, 'Fields', fieldSchema.array()),
    errors: {},
  },
  {
    method: 'post',
    path: '/api/fields',
    access: 'write',
    summary: 'Add a custom field',
    tags: ['fields'],
    request: { body: newFieldSchema },
    response: json(201, 'The field', fieldSchema),
    errors: { ...write, 409: 'The key is taken' },
  },
  {
    method: 'patch',
    path: '/api/fields/{key}',
    access: 'write',
    summary: "Change a custom field's label or a select field's options (key and type stay)",
    tags: ['fields'],
    request: { params: fieldKeyParamsSchema, body: fieldPatchSchema },
    response: json(200, 'The field', fieldSchema),
    errors: {
      ...write,
      404: 'Unknown field',
      409: 'A built-in field, or removing an option a workflow uses',
    },
  },
  {
    method: 'delete',
    path: '/api/fields/{key}',
    access: 'write',
    summary: 'Delete a custom field that no lead and no workflow uses',
    tags: ['fields'],
    request: { params: fieldKeyParamsSchema },
    response: deleted,
    errors: { ...unavailable, 404: 'Unknown field', 409: 'A built-in field, or one in use' },
  },

  {
    method: 'get',
    path: '/api/managers',
    access: 'read',
    summary: 'The sales reps',
    tags: ['managers'],
    response: json(200, 'Managers', managerSchema.array()),
    errors: {},
  },
  {
    method: 'post',
    path: '/api/managers',
    access: 'write',
    summary: 'Add a manager',
    tags: ['managers'],
    request: { body: newManagerSchema },
    response: json(201, 'The manager', managerSchema),
    errors: { ...write, 409: 'The email is taken' },
  },
  {
    method: 'get',
    path: '/api/managers/{id}',
    access: 'read',
    summary: 'One manager',
    tags: ['managers'],
    request: { params: idParamsSchema },
    response: json(200, 'The manager', managerSchema),
    errors: unknownId,
  },
  {
    method: 'patch',
    path: '/api/managers/{id}',
    access: 'write',
    summary: 'Change a manager (`active: false` retires one)',
    tags: ['managers'],
    request: { params: idParamsSchema, body: managerPatchSchema },
    response: json(200, 'The manager', managerSchema),
    errors: { ...write, ...unknownId, 409: 'The email is taken, or the old one is named in a workflow' },
  },
  {
    method: 'delete',
    path: '/api/managers/{id}',
    access: 'write',
    summary: 'Delete a manager who manages no lead and is named in no workflow',
    tags: ['managers'],
    request: { params: idParamsSchema },
    response: deleted,
    errors: {
      ...unavailable,
      ...unknownId,
      409: 'Still manages leads or is named in a workflow: set "active": false instead',
    },
  },

  {
    method: 'get',
    path: '/api/leads',
    access: 'read',
    summary: 'Leads, newest first',
    tags: ['leads'],
    request: { query: pagingQuerySchema },
    response: json(200, 'Leads', leadSchema.array()),
    errors: { 400: invalid },
  },
  {
    method: 'post',
    path: '/api/leads',
    access: 'write',
    summary: 'Create a lead (emits lead.created; the 201 means the event is stored durably)',
    tags: ['leads'],
    request: { body: newLeadSchema },
    response: json(201, 'The lead', leadSchema),
    errors: { ...write, 400: `${invalid}: unknown field keys, values of the wrong type` },
  },
  {
    method: 'get',
    path: '/api/leads/{id}',
    access: 'read',
    summary: 'One lead',
    tags: ['leads'],
    request: { params: idParamsSchema },
    response: json(200, 'The lead', leadSchema),
    errors: unknownId,
  },
  {
    method: 'patch',
    path: '/api/leads/{id}',
    access: 'write',
    summary: 'Change fields (one lead.fieldUpdated per changed field; null clears one)',
    tags: ['leads'],
    request: { params: idParamsSchema, body: leadPatchSchema },
    response: json(200, 'The lead', leadSchema),
    errors: { ...write, ...unknownId },
  },
  {
    method: 'post',
    path: '/api/leads/{id}/tags',
    access: 'write',
    summary: 'Add a tag (lead.tagAdded when it was not there)',
    tags: ['leads'],
    request: { params: idParamsSchema, body: newTagSchema },
    response: json(200, 'The lead', leadSchema),
    errors: { ...write, ...unknownId },
  },
  {
    method: 'delete',
    path: '/api/leads/{id}/tags/{tag}',
    access: 'write',
    summary: 'Remove a tag',
    tags: ['leads'],
    request: { params: leadTagParamsSchema },
    response: json(200, 'The lead', leadSchema),
    errors: { ...unavailable, ...unknownId },
  },

  {
    method: 'get',
    path: '/api/workflows',
    access: 'read',
    summary: 'Workflows without definitions',
    tags: ['workflows'],
    response: json(200, 'Workflows', workflowSummarySchema.array()),
    errors: {},
  },
  {
    method: 'post',
    path: '/api/workflows',
    access: 'write',
    summary: 'Create from a workflow file (stored inactive as version 1)',
    tags: ['workflows'],
    request: { body: workflowFileSchema },
    response: json(201, 'The workflow', workflowRecordSchema),
    errors: write,
  },
  {
    method: 'post',
    path: '/api/workflows/import',
    access: 'write',
    summary: 'Import a workflow file (the same as creating one)',
    tags: ['workflows'],
    request: { body: workflowFileSchema },
    response: json(201, 'The workflow', workflowRecordSchema),
    errors: write,
  },
  {
    method: 'get',
    path: '/api/workflows/{id}',
    access: 'read',
    summary: 'One workflow with its definition and what blocks its activation',
    tags: ['workflows'],
    request: { params: idParamsSchema },
    response: json(200, 'The workflow', workflowRecordSchema),
    errors: unknownId,
  },
  {
    method: 'put',
    path: '/api/workflows/{id}',
    access: 'write',
    summary: 'Save a workflow file as the next version',
    tags: ['workflows'],
    request: { params: idParamsSchema, headers: saveWorkflowHeadersSchema, body: workflowFileSchema },
    response: json(200, 'The workflow', workflowRecordSchema),
    errors: {
      ...write,
      ...unknownId,
      409: 'A newer version was saved after the one in If-Match',
      422: 'The workflow is active and this version could not run',
    },
  },
  {
    method: 'delete',
    path: '/api/workflows/{id}',
    access: 'write',
    summary: 'Delete a workflow; its waiting runs end as skipped',
    tags: ['workflows'],
    request: { params: idParamsSchema },
    response: deleted,
    errors: { ...unavailable, ...unknownId },
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/activate',
    access: 'write',
    summary: 'Activate; the answer lists warnings (overlapping active workflows writing the same field)',
    tags: ['workflows'],
    request: { params: idParamsSchema },
    response: json(200, 'The workflow', workflowRecordSchema),
    errors: { ...unavailable, ...unknownId, 422: 'Problems block activation, each naming its node' },
  },
  {
    method: 'post',
    path: '/api/workflows/{id}/deactivate',
    access: 'write',
    summary: 'Deactivate; waiting runs end as skipped',
    tags: ['workflows'],
    request: { params: idParamsSchema },
    response: json(200, 'The workflow', workflowRecordSchema),
    errors: { ...unavailable, ...unknownId },
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/export',
    access: 'read',
    summary: 'Download as a workflow file',
    tags: ['workflows'],
    request: { params: idParamsSchema },
    response: {
      status: 200,
      description: 'The workflow file',
      schema: workflowFileSchema,
      headers: { 'Content-Disposition': 'attachment; filename="<name>.workflow.json"' },
    },
    errors: unknownId,
  },

  {
    method: 'get',
    path: '/api/runs',
    access: 'read',
    summary: 'Runs with their steps, newest first',
    tags: ['runs'],
    request: { query: runsQuerySchema },
    response: json(200, 'Runs', runSchema.array()),
    errors: { 400: invalid },
  },
  {
    method: 'get',
    path: '/api/runs/{id}',
    access: 'read',
    summary: 'One run',
    tags: ['runs'],
    request: { params: idParamsSchema },
    response: json(200, 'The run', runSchema),
    errors: unknownId,
  },

  {
    method: 'get',
    path: '/api/workflows/{id}/nodes/{nodeId}/rotation',
    access: 'read',
    summary: 'What a "replace with one of" node gave each value (all versions), and who is next',
    tags: ['insight'],
    request: { params: workflowNodeParamsSchema },
    response: json(
      200,
      'Per value: given, givenLast7Days, lastGivenAt, onList; and next',
      rotationInsightSchema,
    ),
    errors: { 400: 'The node is not a "replace with one of" node', 404: 'Unknown workflow or node' },
  },
  {
    method: 'get',
    path: '/api/workflows/{id}/splits/{nodeId}',
    access: 'read',
    summary: 'A/B split: leads and won leads per branch, the p-value and a verdict',
    tags: ['insight'],
    request: { params: workflowNodeParamsSchema },
    response: json(200, 'The branches compared', splitInsightSchema),
    errors: { 400: 'The node is not a split', 404: 'Unknown workflow or node' },
  },

  {
    method: 'post',
    path: '/api/setup',
    access: 'public',
    summary: 'First run: create the first admin while no user exists (answers with a session cookie)',
    tags: ['access'],
    request: { body: setupSchema },
    response: { ...json(201, 'The admin, signed in', userSchema), headers: { 'Set-Cookie': 'The session' } },
    errors: { ...write, 409: 'A user exists already' },
    planned: true,
  },
  {
    method: 'post',
    path: '/api/auth/login',
    access: 'public',
    summary: 'Sign in with email (case-blind) and password; answers with a session cookie',
    tags: ['access'],
    request: { body: loginSchema },
    response: { ...json(200, 'The user, signed in', userSchema), headers: { 'Set-Cookie': 'The session' } },
    errors: {
      ...write,
      401: 'Wrong email or password (the same message for both)',
      429: 'More than 10 failures for this email within 15 minutes, even with the right password (Retry-After says when to try again)',
    },
    planned: true,
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    access: 'read',
    summary: 'Sign out: the session stops working',
    tags: ['access'],
    response: { status: 204, description: 'Signed out' },
    errors: {},
    planned: true,
  },
  {
    method: 'get',
    path: '/api/auth/me',
    access: 'read',
    summary: "The request's credential: a user or an API key, with its role",
    tags: ['access'],
    response: json(200, 'Who is asking', meSchema),
    errors: {},
    planned: true,
  },

  {
    method: 'post',
    path: '/api/users',
    access: 'admin',
    summary: 'Add a user (email stored lower-case, password stored only as a memory-hard hash)',
    tags: ['users'],
    request: { body: newUserSchema },
    response: json(201, 'The user', userSchema),
    errors: { ...write, 409: 'The email is taken (compared case-blind)' },
    planned: true,
  },
  {
    method: 'get',
    path: '/api/users',
    access: 'admin',
    summary: 'The users',
    tags: ['users'],
    response: json(200, 'Users', userSchema.array()),
    errors: {},
    planned: true,
  },
  {
    method: 'get',
    path: '/api/users/{id}',
    access: 'admin',
    summary: 'One user',
    tags: ['users'],
    request: { params: idParamsSchema },
    response: json(200, 'The user', userSchema),
    errors: unknownId,
    planned: true,
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    access: 'admin',
    summary:
      "Change a user's name, role or password, or deactivate one (`active: false`: its sessions stop at once)",
    tags: ['users'],
    request: { params: idParamsSchema, body: userPatchSchema },
    response: json(200, 'The user', userSchema),
    errors: { ...write, ...unknownId, 409: 'It would demote or deactivate the last active admin' },
    planned: true,
  },
  {
    method: 'delete',
    path: '/api/users/{id}',
    access: 'admin',
    summary: 'Delete a user (its sessions stop at once)',
    tags: ['users'],
    request: { params: idParamsSchema },
    response: deleted,
    errors: { ...unavailable, ...unknownId, 409: 'The last active admin' },
    planned: true,
  },

  {
    method: 'post',
    path: '/api/keys',
    access: 'admin',
    summary: 'Make an API key; its secret (`lf_…`) is in this answer only',
    tags: ['keys'],
    request: { body: newApiKeySchema },
    response: json(201, 'The key with its secret', createdApiKeySchema),
    errors: write,
    planned: true,
  },
  {
    method: 'get',
    path: '/api/keys',
    access: 'admin',
    summary: 'The API keys, without their secrets',
    tags: ['keys'],
    response: json(200, 'Keys', apiKeySchema.array()),
    errors: {},
    planned: true,
  },
  {
    method: 'delete',
    path: '/api/keys/{id}',
    access: 'admin',
    summary: 'Revoke an API key: the next request with it gets 401',
    tags: ['keys'],
    request: { params: idParamsSchema },
    response: { status: 204, description: 'Revoked' },
    errors: { ...unavailable, ...unknownId },
    planned: true,
  },

  {
    method: 'get',
    path: '/api/audit',
    access: 'admin',
    summary: 'The audit log: writes to configuration, newest first',
    tags: ['audit'],
    request: { query: auditQuerySchema },
    response: json(200, 'Entries', auditEntrySchema.array()),
    errors: { 400: invalid },
    planned: true,
  },
];
