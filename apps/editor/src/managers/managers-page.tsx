import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  api,
  ApiError,
  problemsOf,
  type Attributes,
  type Manager,
  type ManagerInput,
  type Problem,
  type WorkingHours,
} from '../api/client';
import { keys, useManagers } from '../api/queries';
import { availabilityOf } from './off-hours';
import {
  Dialog,
  DialogFormFooter,
  Empty,
  ErrorNotice,
  Loading,
  NotSavedNotice,
  ProblemList,
  useFocusOnProblems,
} from '../components/feedback';
import { attributesOf, AttributesInput, rowsOf } from './attributes-input';
import { FieldIssues, isUnder } from './issues';
import { WorkingHoursInput } from './working-hours-input';

/** An ISO instant as a datetime-local input shows it: the reader's local time, to the minute. */
function localInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function ManagerForm({ manager, onDone }: { manager: Manager | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(manager?.name ?? '');
  const [email, setEmail] = useState(manager?.email ?? '');
  const [capacity, setCapacity] = useState(manager?.capacity?.toString() ?? '');
  const [awayUntil, setAwayUntil] = useState(localInput(manager?.awayUntil));
  const [workingHours, setWorkingHours] = useState<WorkingHours | null>(manager?.workingHours ?? null);
  const [attributeRows, setAttributeRows] = useState(() => rowsOf(manager?.attributes));
  const [problems, setProblems] = useState<Problem[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnProblems(formRef, problems);
  const invalid = (path: string) => problems.some((problem) => isUnder(problem, path)) || undefined;
  const save = useMutation({
    mutationFn: (input: ManagerInput) =>
      manager ? api.updateManager(manager.id, input) : api.createManager(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.managers });
      onDone();
    },
    onError: (error) => setProblems(problemsOf(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The button stays enabled while saving (a disabled button drops the keyboard's focus).
    if (save.isPending) return;
    const { attributes, problems: attributeProblems } = attributesOf(attributeRows);
    if (attributeProblems.length > 0) {
      setProblems(attributeProblems);
      return;
    }
    setProblems([]);
    save.mutate({
      name,
      email,
      capacity: capacity === '' ? null : Number(capacity),
      awayUntil: awayUntil ? new Date(awayUntil).toISOString() : null,
      workingHours,
      attributes,
    });
  };
  return (
    <Dialog title={manager ? `Edit ${manager.name}` : 'Add a manager'} onClose={onDone} wide>
      <form onSubmit={submit} ref={formRef}>
        <div className="dialog-body">
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              aria-invalid={invalid('name')}
              required
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
            <FieldIssues problems={problems} path="name" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              aria-invalid={invalid('email')}
              type="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <FieldIssues problems={problems} path="email" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-capacity`}>Capacity (open leads, empty = no limit)</label>
            <input
              id={`${id}-capacity`}
              aria-invalid={invalid('capacity')}
              type="number"
              min={0}
              value={capacity}
              onChange={(event) => setCapacity(event.target.value)}
            />
            <FieldIssues problems={problems} path="capacity" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-away`}>Away until (optional)</label>
            <input
              id={`${id}-away`}
              aria-invalid={invalid('awayUntil')}
              type="datetime-local"
              value={awayUntil}
              onChange={(event) => setAwayUntil(event.target.value)}
            />
            {awayUntil && (
              <button type="button" className="link" onClick={() => setAwayUntil('')}>
                clear (not away)
              </button>
            )}
            <FieldIssues problems={problems} path="awayUntil" />
          </div>
          <WorkingHoursInput value={workingHours} onChange={setWorkingHours} problems={problems} />
          <AttributesInput rows={attributeRows} onChange={setAttributeRows} problems={problems} />
          <NotSavedNotice problems={problems} />
        </div>
        <DialogFormFooter
          onCancel={onDone}
          pending={save.isPending}
          submitLabel={manager ? 'Save' : 'Add manager'}
        />
      </form>
    </Dialog>
  );
}

const attributeText = (attributes: Attributes) =>
  Object.entries(attributes ?? {})
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join(' · ');

export function ManagersPage() {
  const queryClient = useQueryClient();
  const managers = useManagers();
  const [editing, setEditing] = useState<Manager | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Manager | null>(null);
  const [refused, setRefused] = useState<Problem[] | null>(null);
  const patch = useMutation({
    mutationFn: ({ manager, input }: { manager: Manager; input: ManagerInput }) =>
      api.updateManager(manager.id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.managers }),
    onError: (error) => setRefused(problemsOf(error)),
  });

  return (
    <section className="page">
      <header className="page-head">
        <h1>Managers</h1>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          Add manager
        </button>
      </header>
      {refused && (
        <div className="notice error" role="alert">
          <strong>Refused</strong>
          <ProblemList problems={refused} />
          <button type="button" className="link" onClick={() => setRefused(null)}>
            dismiss
          </button>
        </div>
      )}
      {managers.isPending && <Loading what="managers" />}
      {managers.isError && <ErrorNotice error={managers.error} title="Managers could not be loaded" />}
      {managers.data?.length === 0 && (
        <Empty>No managers yet. Add the sales reps that leads are routed to.</Empty>
      )}
      {managers.data && managers.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Status now</th>
              <th>Open leads / capacity</th>
              <th>Attributes</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {managers.data.map((manager) => (
              <tr key={manager.id} className={manager.active ? undefined : 'muted'}>
                <td>{manager.name}</td>
                <td>{manager.email}</td>
                <td>
                  <AvailabilityCell
                    manager={manager}
                    onToggle={(available) => patch.mutate({ manager, input: { available } })}
                  />
                </td>
                <td>
                  {manager.openLeads} / {manager.capacity ?? '∞'}
                </td>
                <td>
                  <small>{attributeText(manager.attributes)}</small>
                </td>
                <td className="actions">
                  <button type="button" onClick={() => setEditing(manager)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => patch.mutate({ manager, input: { active: !manager.active } })}
                  >
                    {manager.active ? 'Deactivate' : 'Reactivate'}
                  </button>
                  <button type="button" className="danger" onClick={() => setDeleting(manager)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <ManagerForm manager={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      {deleting && <DeleteManagerDialog manager={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}

/**
 * The manager's one status now (available, away until …, off hours now, unavailable, retired) and
 * the switch for their own "available" flag, worded as what it does.
 */
function AvailabilityCell({
  manager,
  onToggle,
}: {
  manager: Manager;
  onToggle: (available: boolean) => void;
}) {
  const status = availabilityOf(manager, new Date());
  return (
    <div className="availability">
      <span className={`pill availability-${status.kind}`} data-testid="manager-status">
        {status.text}
      </span>
      {manager.active && (
        <button
          type="button"
          className="link"
          aria-label={`${manager.available ? 'Mark unavailable' : 'Mark available'}: ${manager.name}`}
          onClick={() => onToggle(!manager.available)}
        >
          {manager.available ? 'mark unavailable' : 'mark available'}
        </button>
      )}
      {manager.available && status.kind !== 'available' && status.kind !== 'retired' && (
        <small className="hint"> (marked available)</small>
      )}
    </div>
  );
}

/** Why the server kept a manager, in a sentence: "manages 2 leads and is named in workflow "X"". */
export function refusalReasons(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const match = /^.*? <[^>]*> (.*?)(?:; set "active": false.*)?$/s.exec(error.message);
  return match ? match[1] : error.message.replace(/; set "active": false.*$/s, '');
}

/**
 * Asks before deleting a manager. A manager who still has leads or is named in a workflow is kept
 * by the server (409): the dialog says why in a sentence and offers to deactivate them instead.
 */
export function DeleteManagerDialog({ manager, onClose }: { manager: Manager; onClose: () => void }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.managers });
  const deletion = useMutation({
    mutationFn: () => api.deleteManager(manager.id),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const deactivation = useMutation({
    mutationFn: () => api.updateManager(manager.id, { active: false }),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  const reasons = refusalReasons(deletion.error);
  return (
    <Dialog title="Delete manager" onClose={onClose}>
      <div className="dialog-body">
        {reasons === null ? (
          <p>
            Delete <strong>{manager.name}</strong>? This cannot be undone.
          </p>
        ) : (
          <div className="notice warn" role="alert">
            <strong>
              {manager.name} cannot be deleted: {manager.name.split(' ')[0]} {reasons}.
            </strong>{' '}
            {manager.active
              ? 'Deactivate them instead: they keep their leads and history but get no new leads.'
              : 'They are retired already: they get no new leads.'}
          </div>
        )}
        {deletion.error && reasons === null ? <ErrorNotice error={deletion.error} title="Refused" /> : null}
        {deactivation.error ? <ErrorNotice error={deactivation.error} title="Not deactivated" /> : null}
      </div>
      <footer>
        <button type="button" onClick={onClose}>
          {reasons === null ? 'Cancel' : 'Close'}
        </button>
        {reasons === null ? (
          <button
            type="button"
            className="danger"
            aria-disabled={deletion.isPending}
            onClick={() => !deletion.isPending && deletion.mutate()}
          >
            Delete
          </button>
        ) : (
          manager.active && (
            <button
              type="button"
              className="primary"
              aria-disabled={deactivation.isPending}
              onClick={() => !deactivation.isPending && deactivation.mutate()}
            >
              Deactivate
            </button>
          )
        )}
      </footer>
    </Dialog>
  );
}
