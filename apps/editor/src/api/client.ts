import { ERROR_CODES } from '@leadflow/api';
import type {
  ActivationWarning,
  ErrorCode,
  Field,
  Issue,
  Lead,
  Manager,
  ManagerPatchInput,
  RotationInsight,
  Run as ApiRun,
  SplitInsight,
  WorkflowRecord,
  WorkflowSummary,
} from '@leadflow/api';
import type { FieldValue, WorkflowFile } from '@leadflow/workflow';

// The API's types come from @leadflow/api (the zod schemas the server validates with and the
// OpenAPI document is generated from); this file only adds what the editor needs on top.
export type {
  ActivationWarning,
  Attributes,
  Field,
  Lead,
  Manager,
  RotationInsight,
  RunStatus,
  SplitInsight,
  WeekDay,
  WorkflowRecord,
  WorkflowSummary,
  WorkingHours,
} from '@leadflow/api';
export { WEEK_DAYS } from '@leadflow/api';

/**
 * One problem as the server (and the shared validation, `Problem` of @leadflow/workflow) reports
 * it, with its `code`; the editor's own (a form's, a file it could not read) may have no path and
 * no code.
 */
export type Problem = Omit<Issue, 'path' | 'code'> & Partial<Pick<Issue, 'path' | 'code'>>;

export type FieldType = Field['type'];

/** What the manager form sends: any property of a manager, as `PATCH /api/managers/:id` takes it. */
export type ManagerInput = ManagerPatchInput;

/**
 * One step of a run as the run history reads it. The API types a step by its node type (`Step` of
 * @leadflow/api, whose `detail` is that type's `StepDetail`); this is the view every step fits, and
 * the words read its detail as `StepDetailByType` says for the step's `type`.
 */
export interface RunStep {
  nodeId: string;
  type: string;
  outcome: string;
  detail?: Record<string, unknown>;
  at: string;
}

/** A run as the editor reads it: the API's `Run`, its steps seen as `RunStep`s. */
export type Run = Omit<ApiRun, 'steps'> & { steps: RunStep[] };

/**
 * A refused request: the server's message and its `issues`, one per problem, and its `code`
 * (absent when the answer was not the server's, e.g. a proxy's page or no answer at all).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Problem[],
    readonly code?: ErrorCode,
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
  let body: { message?: unknown; issues?: unknown; code?: unknown } = {};
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
  const code =
    typeof body.code === 'string' && (ERROR_CODES as readonly string[]).includes(body.code)
      ? (body.code as ErrorCode)
      : undefined;
  return new ApiError(response.status, message, issues, code);
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
