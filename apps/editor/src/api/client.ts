import type { FieldValue, WorkflowFile } from '@leadflow/workflow';

/** One problem as the server (and the shared validation) reports it. */
export interface Problem {
  path?: string;
  nodeId?: string;
  message: string;
}

export type FieldType = 'text' | 'number' | 'boolean' | 'date' | 'select' | 'manager';

export interface Field {
  key: string;
  label: string;
  type: FieldType;
  options?: string[];
}

export type Attributes = Record<string, string | number | boolean | string[]>;

export const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

export interface WorkingHours {
  timezone: string;
  /** Day → ranges such as "09:00-17:00"; a day left out is not worked. */
  days: Partial<Record<WeekDay, string[]>>;
}

export interface Manager {
  id: string;
  name: string;
  email: string;
  active: boolean;
  available: boolean;
  awayUntil: string | null;
  workingHours: WorkingHours | null;
  capacity: number | null;
  attributes: Attributes;
  openLeads: number;
}

export type ManagerInput = Partial<Omit<Manager, 'id' | 'openLeads'>>;

export interface Lead {
  id: string;
  fields: Record<string, FieldValue>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  active: boolean;
  version: number;
  problems?: Problem[];
  createdAt?: string;
  updatedAt?: string;
  /** Optional in api.md: shown when the server sends them, else the list asks /api/runs. */
  lastRunAt?: string | null;
  runsToday?: number;
}

export interface WorkflowRecord extends WorkflowSummary {
  problems: Problem[];
  definition: WorkflowFile;
}

/** An active workflow whose trigger overlaps the activated one's and that writes the same field (api.md). */
export interface ActivationWarning {
  message: string;
  workflowId: string;
  name: string;
  field: string;
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'skipped';

export interface RunStep {
  nodeId: string;
  type: string;
  outcome: string;
  detail?: Record<string, unknown>;
  at: string;
}

export interface Run {
  id: string;
  workflowId: string;
  workflowVersion: number;
  leadId: string;
  event: { type: string; field?: string; tag?: string };
  status: RunStatus;
  reason?: string;
  startedAt: string;
  finishedAt: string | null;
  steps: RunStep[];
}

export interface RotationInsight {
  values: {
    value: string | number | boolean | null;
    given: number;
    givenLast7Days: number;
    lastGivenAt: string | null;
    /** False for a value an earlier version gave that is no longer on the list. */
    onList?: boolean;
  }[];
  next: string | number | boolean | null;
}

export interface SplitInsight {
  branches: { id: string; leads: number; won: number; rate: number | null }[];
  pValue: number | null;
  verdict: string;
}

/** A refused request: the server's message and its `issues`, one per problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The problems of an error to show as a list: the issues, or the message itself. */
export function problemsOf(error: unknown): Problem[] {
  if (error instanceof ApiError) return error.issues.length > 0 ? error.issues : [{ message: error.message }];
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: { message?: unknown; issues?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy error page, say): the status line is all we have.
  }
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : typeof body.message === 'string'
      ? body.message
      : `${response.status} ${response.statusText || 'request failed'}`;
  const issues = Array.isArray(body.issues) ? (body.issues as Problem[]) : [];
  return new ApiError(response.status, message, issues);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Is it running?', []);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const api = {
  fields: () => request<Field[]>('GET', '/fields'),
  createField: (input: Field) => request<Field>('POST', '/fields', input),
  /** A custom field's label and (select fields) options; key and type stay. */
  updateField: (key: string, input: { label?: string; options?: string[] }) =>
    request<Field>('PATCH', `/fields/${encodeURIComponent(key)}`, input),
  /** Deletes a custom field no lead and no workflow uses (409 otherwise). */
  deleteField: (key: string) => request<void>('DELETE', `/fields/${encodeURIComponent(key)}`),

  managers: () => request<Manager[]>('GET', '/managers'),
  createManager: (input: ManagerInput) => request<Manager>('POST', '/managers', input),
  updateManager: (id: string, input: ManagerInput) => request<Manager>('PATCH', `/managers/${id}`, input),
  deleteManager: (id: string) => request<void>('DELETE', `/managers/${id}`),

  leads: (params: { limit?: number; offset?: number } = {}) =>
    request<Lead[]>('GET', `/leads${query(params)}`),
  lead: (id: string) => request<Lead>('GET', `/leads/${encodeURIComponent(id)}`),
  createLead: (input: { fields: Record<string, FieldValue>; tags?: string[] }) =>
    request<Lead>('POST', '/leads', input),
  updateLead: (id: string, fields: Record<string, FieldValue>) =>
    request<Lead>('PATCH', `/leads/${id}`, { fields }),
  addTag: (id: string, tag: string) => request<Lead>('POST', `/leads/${id}/tags`, { tag }),
  removeTag: (id: string, tag: string) =>
    request<Lead | void>('DELETE', `/leads/${id}/tags/${encodeURIComponent(tag)}`),

  workflows: () => request<WorkflowSummary[]>('GET', '/workflows'),
  workflow: (id: string) => request<WorkflowRecord>('GET', `/workflows/${id}`),
  createWorkflow: (file: unknown) => request<WorkflowRecord>('POST', '/workflows', file),
  importWorkflow: (file: unknown) => request<WorkflowRecord>('POST', '/workflows/import', file),
  saveWorkflow: (id: string, file: WorkflowFile) => request<WorkflowRecord>('PUT', `/workflows/${id}`, file),
  /** Activates; `warnings` names the active workflows that overlap it (activation is not blocked). */
  activate: (id: string) =>
    request<WorkflowRecord & { warnings?: ActivationWarning[] }>('POST', `/workflows/${id}/activate`),
  deactivate: (id: string) => request<WorkflowRecord>('POST', `/workflows/${id}/deactivate`),
  deleteWorkflow: (id: string) => request<void>('DELETE', `/workflows/${id}`),

  rotation: (workflowId: string, nodeId: string) =>
    request<RotationInsight>('GET', `/workflows/${workflowId}/nodes/${encodeURIComponent(nodeId)}/rotation`),
  split: (workflowId: string, nodeId: string) =>
    request<SplitInsight>('GET', `/workflows/${workflowId}/splits/${encodeURIComponent(nodeId)}`),

  runs: (params: { workflowId?: string; leadId?: string; limit?: number; offset?: number }) =>
    request<Run[]>('GET', `/runs${query(params)}`),

  /** The export exactly as the server wrote it (bytes untouched), with the file name it suggests. */
  async exportWorkflow(id: string): Promise<{ blob: Blob; filename: string }> {
    const response = await fetch(`/api/workflows/${id}/export`);
    if (!response.ok) throw await errorFrom(response);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const filename = match ? decodeURIComponent(match[1]) : 'workflow.workflow.json';
    return { blob: await response.blob(), filename };
  },
};
