import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import {
  api,
  problemsOf,
  type Attributes,
  type Manager,
  type ManagerInput,
  type Problem,
  type WorkingHours,
} from '../api/client';
import { keys, useManagers } from '../api/queries';
import { isOffHours } from './off-hours';
import { DeleteDialog, Dialog, Empty, ErrorNotice, Loading, ProblemList } from '../components/feedback';
import { attributesOf, AttributesInput, rowsOf } from './attributes-input';
import { FieldIssues } from './issues';
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
      <form onSubmit={submit}>
        <div className="dialog-body">
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
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
          {problems.length > 0 && (
            <div className="notice error" role="alert">
              <strong>Not saved</strong>
              <ProblemList problems={problems} />
            </div>
          )}
        </div>
        <footer>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {manager ? 'Save' : 'Add manager'}
          </button>
        </footer>
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
              <th>Active</th>
              <th>Available</th>
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
                <td>{manager.active ? 'yes' : 'retired'}</td>
                <td>
                  <label className="switch">
                    <input
                      type="checkbox"
                      checked={manager.available}
                      aria-label={`${manager.name} available`}
                      onChange={(event) =>
                        patch.mutate({ manager, input: { available: event.target.checked } })
                      }
                    />
                    {manager.available ? 'available' : 'unavailable'}
                  </label>
                  {manager.awayUntil && new Date(manager.awayUntil) > new Date() && (
                    <small className="hint"> away until {new Date(manager.awayUntil).toLocaleString()}</small>
                  )}
                  {isOffHours(manager, new Date()) && <small className="hint"> off hours now</small>}
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
      {deleting && (
        <DeleteDialog
          title="Delete manager"
          message={
            <p>
              Delete <strong>{deleting.name}</strong>? A manager who still has leads or is named in a workflow
              cannot be deleted: deactivate them instead.
            </p>
          }
          remove={async () => {
            await api.deleteManager(deleting.id);
            await queryClient.invalidateQueries({ queryKey: keys.managers });
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
