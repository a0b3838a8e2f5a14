import { withoutTag, type FieldValue } from '@leadflow/workflow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { api, problemsOf, type Field, type Lead, type Manager, type Problem } from '../api/client';
import { keys, useFields, useManagers, useRuns, useWorkflows } from '../api/queries';
import { Dialog, Empty, ErrorNotice, Loading, ProblemList } from '../components/feedback';
import { shortId, when } from '../components/format';
import { managerNamer } from '../editor/rotation-figures';
import { StepItem } from '../editor/runs-panel';
import { ValueInput } from '../editor/value-input';

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

function LeadRuns({ leadId }: { leadId: string }) {
  const runs = useRuns({ leadId, limit: 50 }, 3000);
  const workflows = useWorkflows();
  const managers = useManagers();
  const managerName = useMemo(() => managerNamer(managers.data), [managers.data]);
  const names = new Map((workflows.data ?? []).map((workflow) => [workflow.id, workflow.name]));
  if (runs.isPending) return <Loading what="runs" />;
  if (runs.isError) return <ErrorNotice error={runs.error} title="Runs could not be loaded" />;
  if (runs.data.length === 0) return <p className="hint">No workflow has run for this lead.</p>;
  return (
    <ul className="run-list">
      {runs.data.map((run) => (
        <li key={run.id}>
          <span className={`pill status-${run.status}`}>{run.status}</span>{' '}
          {names.get(run.workflowId) ?? shortId(run.workflowId)}{' '}
          <small>
            {when(run.startedAt)} · {run.event.type}
            {run.reason ? ` · ${run.reason}` : ''}
          </small>
          <ol className="steps">
            {run.steps.map((step, index) => (
              <StepItem key={index} step={step} managerName={managerName} />
            ))}
          </ol>
        </li>
      ))}
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
  return (
    <Dialog title={`Lead ${shown(current.fields.name)}`} onClose={onClose} wide>
      <div className="dialog-body">
        <p className="hint">
          {lead.id} · created {when(lead.createdAt)}
        </p>
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

export function LeadsPage() {
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
  const [open, setOpen] = useState<Lead | null>(null);
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
                  <button type="button" className="link" onClick={() => setOpen(lead)}>
                    {shown(lead.fields.name) === '—' ? shortId(lead.id) : shown(lead.fields.name)}
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
      {open && fields.data && (
        <LeadDetail
          lead={open}
          fields={fields.data}
          managers={managers.data ?? []}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
