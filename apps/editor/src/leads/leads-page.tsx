import { withoutTag, type FieldValue } from '@leadflow/workflow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { api, problemsOf, type Field, type Lead, type Manager, type Problem } from '../api/client';
import { keys, useFields, useManagers, useRuns, useWorkflowDefinitions, useWorkflows } from '../api/queries';
import { navigate } from '../components/router';
import { Dialog, Empty, ErrorNotice, Loading, ProblemList } from '../components/feedback';
import { shortId, when } from '../components/format';
import { managerNamer } from '../insight/rotation-figures';
import { StepItem } from '../runs/runs-panel';
import { stepNodeName } from '../runs/step-words';
import { ValueInput } from '../node-settings/value-input';
import { leadName, leadPath, ownerOrigin, ownerWords } from '../runs/lead-words';

const shown = (value: FieldValue | undefined) =>
  value === null || value === undefined || value === '' ? '—' : String(value);

/** The fields as a form; only what the user filled in or changed is handed on. */
function LeadFieldsForm({
  fields,
  managers,
  initial,
  submitLabel,
  onSubmit,
  busy,
  problems,
}: {
  fields: Field[];
  managers: Manager[];
  initial: Record<string, FieldValue>;
  submitLabel: string;
  onSubmit: (changed: Record<string, FieldValue>) => void;
  busy: boolean;
  problems: Problem[];
}) {
  const id = useId();
  const [values, setValues] = useState<Record<string, FieldValue>>(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changed = Object.fromEntries(
      Object.entries(values).filter(
        ([key, value]) => value !== initial[key] && !(value === '' && initial[key] === undefined),
      ),
    );
    onSubmit(changed);
  };
  return (
    <form onSubmit={submit} className="lead-form">
      <div className="grid">
        {fields.map((field) => (
          <div className="field" key={field.key}>
            <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
            <ValueInput
              id={`${id}-${field.key}`}
              field={field}
              managers={managers}
              label={field.label}
              value={values[field.key]}
              onChange={(value) => setValues({ ...values, [field.key]: value })}
            />
          </div>
        ))}
      </div>
      {problems.length > 0 && (
        <div className="notice error" role="alert">
          <strong>Refused</strong>
          <ProblemList problems={problems} />
        </div>
      )}
      <footer>
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </footer>
    </form>
  );
}

/** The lead's runs (the lead page polls them), and how to name a workflow and a manager. */
function useLeadRuns(leadId: string) {
  const runs = useRuns({ leadId, limit: 50 }, 3000);
  const workflows = useWorkflows();
  const managers = useManagers();
  const managerName = useMemo(() => managerNamer(managers.data), [managers.data]);
  const names = new Map((workflows.data ?? []).map((workflow) => [workflow.id, workflow.name]));
  const workflowName = (id: string) => names.get(id) ?? shortId(id);
  return { runs, managerName, workflowName };
}

/**
 * The lead's manager by name and the workflow (name and version) whose run gave it, from the
 * lead's runs; `lead` is the lead as last read.
 */
export function LeadOwner({ lead }: { lead: Lead }) {
  const { runs, managerName, workflowName } = useLeadRuns(lead.id);
  const manager = lead.fields.manager;
  const origin = ownerOrigin(runs.data ?? [], manager);
  return (
    <p className="lead-owner" data-testid="lead-owner">
      Owner: {ownerWords(manager, origin, managerName, workflowName)}
    </p>
  );
}

/** The lead's runs, newest first, each with its workflow and version and its steps in words. */
export function LeadRuns({ leadId }: { leadId: string }) {
  const { runs, managerName, workflowName } = useLeadRuns(leadId);
  const definitions = useWorkflowDefinitions(runs.data?.map((run) => run.workflowId) ?? []);
  const nodesOf = (workflowId: string) =>
    new Map((definitions.get(workflowId)?.definition.nodes ?? []).map((node) => [node.id, node]));
  if (runs.isPending) return <Loading what="runs" />;
  if (runs.isError) return <ErrorNotice error={runs.error} title="Runs could not be loaded" />;
  if (runs.data.length === 0) return <p className="hint">No workflow has run for this lead.</p>;
  return (
    <ul className="run-list">
      {runs.data.map((run) => {
        const nodes = nodesOf(run.workflowId);
        return (
          <li key={run.id}>
            <span className={`pill status-${run.status}`}>{run.status}</span> {workflowName(run.workflowId)} v
            {run.workflowVersion}{' '}
            <small>
              {when(run.startedAt)} · {run.event.type}
              {run.reason ? ` · ${run.reason}` : ''}
            </small>
            <ol className="steps">
              {run.steps.map((step, index) => (
                <StepItem
                  key={index}
                  step={step}
                  name={stepNodeName(step, nodes)}
                  managerName={managerName}
                />
              ))}
            </ol>
          </li>
        );
      })}
    </ul>
  );
}

function LeadDetail({
  lead,
  fields,
  managers,
  onClose,
}: {
  lead: Lead;
  fields: Field[];
  managers: Manager[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [tag, setTag] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [current, setCurrent] = useState(lead);
  const done = (next: Lead | void) => {
    if (next) setCurrent(next);
    setProblems([]);
    void queryClient.invalidateQueries({ queryKey: keys.leads });
  };
  const update = useMutation({
    mutationFn: (changed: Record<string, FieldValue>) => api.updateLead(lead.id, changed),
    onSuccess: done,
    onError: (error) => setProblems(problemsOf(error)),
  });
  const addTag = useMutation({
    mutationFn: (value: string) => api.addTag(lead.id, value),
    onSuccess: (next) => {
      setTag('');
      done(next);
    },
    onError: (error) => setProblems(problemsOf(error)),
  });
  const removeTag = useMutation({
    mutationFn: (value: string) => api.removeTag(lead.id, value),
    onSuccess: (next, value) => done(next || { ...current, tags: withoutTag(current.tags, value) }),
    onError: (error) => setProblems(problemsOf(error)),
  });
  // The page's copy is polled: a workflow may have given a manager since the lead was opened.
  const latest = lead.updatedAt > current.updatedAt ? lead : current;
  return (
    <Dialog title={`Lead ${leadName(lead.id, current)}`} onClose={onClose} wide>
      <div className="dialog-body">
        <p className="hint">
          {lead.id} · created {when(lead.createdAt)}
        </p>
        <LeadOwner lead={latest} />
        <h3>Tags</h3>
        <div className="tags">
          {current.tags.length === 0 && <span className="hint">none</span>}
          {current.tags.map((value) => (
            <span className="tag" key={value}>
              {value}
              <button
                type="button"
                aria-label={`Remove tag ${value}`}
                onClick={() => removeTag.mutate(value)}
              >
                ×
              </button>
            </span>
          ))}
          <form
            className="row"
            onSubmit={(event) => {
              event.preventDefault();
              if (tag.trim()) addTag.mutate(tag.trim());
            }}
          >
            <input
              aria-label="New tag"
              placeholder="add a tag"
              value={tag}
              onChange={(event) => setTag(event.target.value)}
            />
            <button type="submit">Add tag</button>
          </form>
        </div>
        <h3>Fields</h3>
        <LeadFieldsForm
          key={current.updatedAt}
          fields={fields}
          managers={managers}
          initial={current.fields}
          submitLabel="Save fields"
          busy={update.isPending}
          problems={problems}
          onSubmit={(changed) => (Object.keys(changed).length > 0 ? update.mutate(changed) : undefined)}
        />
        <h3>Runs</h3>
        <LeadRuns leadId={lead.id} />
      </div>
    </Dialog>
  );
}

/** The leads; `openId` (from `/leads/:id`) is the lead shown open. */
export function LeadsPage({ openId }: { openId?: string }) {
  const queryClient = useQueryClient();
  const fields = useFields();
  const managers = useManagers();
  // Workflows assign managers just after a write: poll so assignments show up on their own.
  const leads = useQuery({
    queryKey: keys.leads,
    queryFn: () => api.leads({ limit: 100 }),
    refetchInterval: 3000,
  });
  const [creating, setCreating] = useState(false);
  const listed = openId === undefined ? undefined : leads.data?.find((lead) => lead.id === openId);
  // A lead older than the list's page is asked for on its own.
  const single = useQuery({
    queryKey: keys.lead(openId ?? ''),
    queryFn: () => api.lead(openId as string),
    enabled: openId !== undefined && leads.isSuccess && !listed,
    refetchInterval: 3000,
  });
  const open = listed ?? (openId !== undefined && !listed ? single.data : undefined);
  const [problems, setProblems] = useState<Problem[]>([]);
  const create = useMutation({
    mutationFn: (values: Record<string, FieldValue>) => api.createLead({ fields: values }),
    onSuccess: () => {
      setCreating(false);
      setProblems([]);
      void queryClient.invalidateQueries({ queryKey: keys.leads });
    },
    onError: (error) => setProblems(problemsOf(error)),
  });
  const managerName = new Map((managers.data ?? []).map((manager) => [manager.email, manager.name]));
  const columns = ['name', 'email', 'company', 'industry', 'status'];

  return (
    <section className="page">
      <header className="page-head">
        <h1>Leads</h1>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New lead
        </button>
      </header>
      {leads.isPending && <Loading what="leads" />}
      {leads.isError && <ErrorNotice error={leads.error} title="Leads could not be loaded" />}
      {leads.data?.length === 0 && (
        <Empty>No leads yet. Create one to see the active workflows route it.</Empty>
      )}
      {leads.data && leads.data.length > 0 && (
        <table className="table" aria-label="Leads">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column}>{fields.data?.find((field) => field.key === column)?.label ?? column}</th>
              ))}
              <th>Manager</th>
              <th>Tags</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {leads.data.map((lead) => (
              <tr key={lead.id}>
                <td>
                  <button type="button" className="link" onClick={() => navigate(leadPath(lead.id))}>
                    {leadName(lead.id, lead)}
                  </button>
                </td>
                {columns.slice(1).map((column) => (
                  <td key={column}>{shown(lead.fields[column])}</td>
                ))}
                <td data-testid="lead-manager">
                  {lead.fields.manager
                    ? (managerName.get(String(lead.fields.manager)) ?? String(lead.fields.manager))
                    : '—'}
                </td>
                <td>
                  {lead.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </td>
                <td>
                  <small>{when(lead.createdAt)}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <Dialog title="New lead" onClose={() => setCreating(false)} wide>
          <div className="dialog-body">
            {fields.isPending && <Loading what="fields" />}
            {fields.isError && <ErrorNotice error={fields.error} title="Fields could not be loaded" />}
            {fields.data && (
              <LeadFieldsForm
                fields={fields.data.filter((field) => field.key !== 'manager')}
                managers={managers.data ?? []}
                initial={{}}
                submitLabel="Create lead"
                busy={create.isPending}
                problems={problems}
                onSubmit={(values) => create.mutate(values)}
              />
            )}
          </div>
        </Dialog>
      )}
      {openId !== undefined && single.isError && (
        <ErrorNotice error={single.error} title="The lead could not be loaded" />
      )}
      {open && fields.data && (
        <LeadDetail
          key={open.id}
          lead={open}
          fields={fields.data}
          managers={managers.data ?? []}
          onClose={() => navigate('/leads')}
        />
      )}
    </section>
  );
}
