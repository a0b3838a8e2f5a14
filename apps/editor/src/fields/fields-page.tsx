import { BUILT_IN_FIELDS, FIELD_KEY_PATTERN } from '@leadflow/workflow';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { api, problemsOf, type Field, type Problem } from '../api/client';
import { fieldsChanged, useFields } from '../api/queries';
import {
  DeleteDialog,
  Dialog,
  Empty,
  ErrorNotice,
  Loading,
  DialogFormFooter,
  NotSavedNotice,
  useFocusOnProblems,
} from '../components/feedback';
import { FieldIssues, isUnder } from '../managers/issues';

const BUILT_IN = new Set(BUILT_IN_FIELDS.map((field) => field.key));
const TYPES = ['text', 'number', 'boolean', 'date', 'select'] as const;
type CustomType = (typeof TYPES)[number];

/** Options as typed, one a line (or separated by commas), trimmed, blanks left out. */
export const optionsOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((option) => option.trim())
    .filter(Boolean);

/**
 * Adds a custom field (`field` null) or changes one's label and, for a select, its options. The
 * key and type of an existing field are shown, not editable: leads and workflows refer to them.
 */
export function FieldForm({ field, onDone }: { field: Field | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [key, setKey] = useState(field?.key ?? '');
  const [label, setLabel] = useState(field?.label ?? '');
  const [type, setType] = useState<CustomType>((field?.type as CustomType | undefined) ?? 'text');
  const [options, setOptions] = useState((field?.options ?? []).join('\n'));
  const [problems, setProblems] = useState<Problem[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnProblems(formRef, problems);
  const invalid = (path: string) => problems.some((problem) => isUnder(problem, path)) || undefined;
  const save = useMutation({
    mutationFn: () => {
      const list = type === 'select' ? optionsOf(options) : undefined;
      return field
        ? api.updateField(field.key, { label, ...(list ? { options: list } : {}) })
        : api.createField({ key, label, type, ...(list ? { options: list } : {}) });
    },
    onSuccess: async () => {
      await fieldsChanged(queryClient);
      onDone();
    },
    onError: (error) => setProblems(problemsOf(error)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const local: Problem[] = [];
    if (!field && !FIELD_KEY_PATTERN.test(key))
      local.push({
        path: 'key',
        message: 'a key starts with a lower-case letter, then at most 39 letters, digits or "_"',
      });
    if (!field && BUILT_IN.has(key)) local.push({ path: 'key', message: `"${key}" is a built-in field` });
    if (type === 'select' && optionsOf(options).length === 0)
      local.push({ path: 'options', message: 'a select field needs at least one option' });
    setProblems(local);
    if (local.length === 0) save.mutate();
  };
  return (
    <Dialog title={field ? `Edit field ${field.key}` : 'Add a field'} onClose={onDone}>
      <form onSubmit={submit} ref={formRef}>
        <div className="dialog-body">
          <div className="field">
            {field ? <span className="label">Key</span> : <label htmlFor={`${id}-key`}>Key</label>}
            {field ? (
              <code id={`${id}-key`}>{field.key}</code>
            ) : (
              <input
                id={`${id}-key`}
                required
                value={key}
                aria-invalid={invalid('key')}
                aria-describedby={`${id}-key-hint`}
                onChange={(event) => setKey(event.target.value)}
              />
            )}
            <small className="hint" id={`${id}-key-hint`}>
              {field
                ? 'The key stays: leads and workflows refer to the field by it.'
                : 'As conditions read it (lead.key): a lower-case letter, then letters, digits or "_". It cannot change later.'}
            </small>
            <FieldIssues problems={problems} path="key" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-label`}>Label</label>
            <input
              id={`${id}-label`}
              required
              value={label}
              aria-invalid={invalid('label')}
              onChange={(event) => setLabel(event.target.value)}
            />
            <FieldIssues problems={problems} path="label" />
          </div>
          <div className="field">
            {field ? <span className="label">Type</span> : <label htmlFor={`${id}-type`}>Type</label>}
            {field ? (
              <span id={`${id}-type`}>{field.type}</span>
            ) : (
              <select
                id={`${id}-type`}
                value={type}
                aria-invalid={invalid('type')}
                onChange={(event) => setType(event.target.value as CustomType)}
              >
                {TYPES.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            )}
            <FieldIssues problems={problems} path="type" />
          </div>
          {type === 'select' && (
            <div className="field">
              <label htmlFor={`${id}-options`}>Options (one a line)</label>
              <textarea
                id={`${id}-options`}
                rows={5}
                value={options}
                aria-invalid={invalid('options')}
                onChange={(event) => setOptions(event.target.value)}
              />
              <FieldIssues problems={problems} path="options" />
            </div>
          )}
          <NotSavedNotice problems={problems} />
        </div>
        <DialogFormFooter
          onCancel={onDone}
          pending={save.isPending}
          submitLabel={field ? 'Save' : 'Add field'}
        />
      </form>
    </Dialog>
  );
}

/** The lead fields: built in and custom, with adding and editing of the custom ones. */
export function FieldsPage() {
  const queryClient = useQueryClient();
  const fields = useFields();
  const [editing, setEditing] = useState<Field | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Field | null>(null);
  return (
    <section className="page">
      <header className="page-head">
        <h1>Fields</h1>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          Add field
        </button>
      </header>
      <p className="hint">
        The lead fields that conditions read and nodes update. Built-in fields are fixed; custom fields keep
        their key and type, their label and options can change, and one nothing uses can be deleted. Open
        editors pick up changes at once.
      </p>
      {fields.isPending && <Loading what="fields" />}
      {fields.isError && <ErrorNotice error={fields.error} title="Fields could not be loaded" />}
      {fields.data?.length === 0 && <Empty>No fields.</Empty>}
      {fields.data && fields.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Key</th>
              <th>Label</th>
              <th>Type</th>
              <th>Options</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.data.map((field) => (
              <tr key={field.key}>
                <td>
                  <code>{field.key}</code>
                </td>
                <td>{field.label}</td>
                <td>{field.type}</td>
                <td>
                  <small>{field.options?.join(', ')}</small>
                </td>
                <td className="actions">
                  {BUILT_IN.has(field.key) ? (
                    <span className="hint">built in</span>
                  ) : (
                    <>
                      <button
                        type="button"
                        aria-label={`Edit ${field.key}`}
                        onClick={() => setEditing(field)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete ${field.key}`}
                        onClick={() => setDeleting(field)}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <FieldForm field={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      {deleting && (
        <DeleteDialog
          title="Delete field"
          message={
            <p>
              Delete the field <code>{deleting.key}</code>? Only a field that no lead holds a value for and no
              workflow uses can be deleted.
            </p>
          }
          remove={async () => {
            await api.deleteField(deleting.key);
            await fieldsChanged(queryClient);
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
