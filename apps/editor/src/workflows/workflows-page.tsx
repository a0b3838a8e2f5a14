import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { api, problemsOf, type ActivationWarning, type Problem, type WorkflowSummary } from '../api/client';
import { keys, useRuns, useWorkflows } from '../api/queries';
import { Link, navigate } from '../components/router';
import { DeleteDialog, Dialog, Empty, ErrorNotice, Loading, ProblemList } from '../components/feedback';
import { when } from '../components/format';
import { ActivationWarnings } from './activation-warnings';
import { importFile, ImportResultDialog, type ImportResult } from './import';

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function LastRun({ workflowId }: { workflowId: string }) {
  const runs = useRuns({ workflowId, limit: 1 });
  if (runs.isPending) return <span className="hint">…</span>;
  if (runs.isError) return <span className="hint">?</span>;
  const run = runs.data[0];
  return run ? (
    <span>
      <span className={`pill status-${run.status}`}>{run.status}</span> <small>{when(run.startedAt)}</small>
    </span>
  ) : (
    <span className="hint">never</span>
  );
}

export function WorkflowsPage() {
  const queryClient = useQueryClient();
  const workflows = useWorkflows();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);
  const [imported, setImported] = useState<{ fileName: string; result: ImportResult } | null>(null);
  const [refused, setRefused] = useState<{ title: string; problems: Problem[] } | null>(null);
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const [warned, setWarned] = useState<{ name: string; warnings: ActivationWarning[] } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.workflows });

  const runImport = async (file: File) => {
    const result = await importFile(file);
    setImported({ fileName: file.name, result });
    if (result.ok) void refresh();
  };

  const act = async (title: string, action: () => Promise<unknown>) => {
    try {
      await action();
      await refresh();
    } catch (error) {
      setRefused({ title, problems: problemsOf(error) });
    }
  };

  const exportOne = (workflow: WorkflowSummary) =>
    act(`${workflow.name} could not be exported`, async () => {
      const { blob, filename } = await api.exportWorkflow(workflow.id);
      download(blob, filename);
    });

  const duplicate = (workflow: WorkflowSummary) =>
    act(`${workflow.name} could not be duplicated`, async () => {
      const { definition } = await api.workflow(workflow.id);
      await api.createWorkflow({ ...definition, name: `Copy of ${definition.name}`.slice(0, 200) });
    });

  const toggle = (workflow: WorkflowSummary) =>
    act(
      workflow.active ? `${workflow.name} could not be deactivated` : `${workflow.name} cannot be activated`,
      async () => {
        setWarned(null);
        if (workflow.active) return api.deactivate(workflow.id);
        const activated = await api.activate(workflow.id);
        setWarned({ name: workflow.name, warnings: activated.warnings ?? [] });
      },
    );

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    const file = event.dataTransfer.files[0];
    if (file) void runImport(file);
  };

  return (
    <section
      className={dropping ? 'page dropping' : 'page'}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) {
          event.preventDefault();
          setDropping(true);
        }
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDropping(false);
      }}
      onDrop={onDrop}
    >
      <header className="page-head">
        <h1>Workflows</h1>
        <span className="spacer" />
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Workflow file to import"
          data-testid="import-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void runImport(file);
          }}
        />
        {/* Nothing is stored until the new workflow's first save: leaving it unsaved leaves nothing behind. */}
        <button type="button" className="primary" onClick={() => navigate('/workflows/new')}>
          New workflow
        </button>
      </header>
      <p className="hint">Drop a .workflow.json file anywhere on this page to import it.</p>
      {dropping && <div className="drop-overlay">Drop to import</div>}
      {warned && (
        <ActivationWarnings
          workflowName={warned.name}
          warnings={warned.warnings}
          onDismiss={() => setWarned(null)}
        />
      )}
      {workflows.isPending && <Loading what="workflows" />}
      {workflows.isError && <ErrorNotice error={workflows.error} title="Workflows could not be loaded" />}
      {workflows.data && workflows.data.length === 0 && (
        <Empty>
          <p>No workflows yet.</p>
          <p>Create one, or import a .workflow.json file.</p>
        </Empty>
      )}
      {workflows.data && workflows.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Version</th>
              <th>Last run</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {workflows.data.map((workflow) => (
              <tr key={workflow.id}>
                <td>
                  <Link href={`/workflows/${workflow.id}`}>{workflow.name}</Link>
                </td>
                <td>
                  <span className={`pill ${workflow.active ? 'good' : ''}`}>
                    {workflow.active ? 'active' : 'inactive'}
                  </span>
                </td>
                <td>v{workflow.version}</td>
                <td>
                  {workflow.runsToday !== undefined ? (
                    <span>
                      {workflow.lastRunAt ? when(workflow.lastRunAt) : <span className="hint">never</span>}
                      <small className="hint"> · {workflow.runsToday} today</small>
                    </span>
                  ) : (
                    <LastRun workflowId={workflow.id} />
                  )}
                </td>
                <td className="actions">
                  <button type="button" onClick={() => void toggle(workflow)}>
                    {workflow.active ? 'Deactivate' : 'Activate'}
                  </button>
                  <button type="button" onClick={() => void exportOne(workflow)}>
                    Export
                  </button>
                  <button type="button" onClick={() => void duplicate(workflow)}>
                    Duplicate
                  </button>
                  <button type="button" className="danger" onClick={() => setDeleting(workflow)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {imported && (
        <ImportResultDialog
          fileName={imported.fileName}
          result={imported.result}
          onClose={() => setImported(null)}
          onOpen={(id) => {
            setImported(null);
            navigate(`/workflows/${id}`);
          }}
        />
      )}
      {refused && (
        <Dialog title={refused.title} onClose={() => setRefused(null)}>
          <div className="dialog-body" role="alert">
            <ProblemList problems={refused.problems} />
          </div>
          <footer>
            <button type="button" className="primary" onClick={() => setRefused(null)}>
              Close
            </button>
          </footer>
        </Dialog>
      )}
      {deleting && (
        <DeleteDialog
          title="Delete workflow"
          message={
            <p>
              Delete <strong>{deleting.name}</strong>? Its waiting runs end as skipped. This cannot be undone.
            </p>
          }
          remove={async () => {
            await api.deleteWorkflow(deleting.id);
            await queryClient.invalidateQueries({ queryKey: keys.workflows });
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
