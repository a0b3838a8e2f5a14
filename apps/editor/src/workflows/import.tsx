import { useState } from 'react';
import { api, problemsOf, type Problem, type WorkflowRecord } from '../api/client';
import { Dialog, ProblemList } from '../components/feedback';

export type ImportResult = { ok: true; workflow: WorkflowRecord } | { ok: false; problems: Problem[] };

/** Reads a dropped or picked file and hands it to the server's importer. Never fails silently. */
export async function importFile(file: File, send = api.importWorkflow): Promise<ImportResult> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, problems: [{ message: `${file.name} could not be read.` }] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          path: '(file)',
          message: `${file.name} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  try {
    return { ok: true, workflow: await send(parsed) };
  } catch (error) {
    return { ok: false, problems: problemsOf(error) };
  }
}

/** The outcome of an import: the new workflow, or every problem the server found, with its path. */
export function ImportResultDialog({
  fileName,
  result,
  onOpen,
  onClose,
}: {
  fileName: string;
  result: ImportResult;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const [showAll, setShowAll] = useState(false);
  if (result.ok) {
    const blockers = result.workflow.problems ?? [];
    return (
      <Dialog title="Imported" onClose={onClose}>
        <div className="dialog-body">
          <p>
            <strong>{result.workflow.name}</strong> was imported from {fileName} (inactive).
          </p>
          {blockers.length > 0 && (
            <>
              <p>Before it can be activated, fix:</p>
              <ProblemList problems={blockers} />
            </>
          )}
        </div>
        <footer>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" onClick={() => onOpen(result.workflow.id)}>
            Open in the editor
          </button>
        </footer>
      </Dialog>
    );
  }
  const shown = showAll ? result.problems : result.problems.slice(0, 50);
  return (
    <Dialog title="Import refused" onClose={onClose} wide>
      <div className="dialog-body" role="alert">
        <p>
          {fileName} was not imported:{' '}
          {result.problems.length === 1 ? 'one problem' : `${result.problems.length} problems`}. Nothing was
          stored.
        </p>
        <ProblemList problems={shown} />
        {shown.length < result.problems.length && (
          <button type="button" className="link" onClick={() => setShowAll(true)}>
            Show all {result.problems.length}
          </button>
        )}
      </div>
      <footer>
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </footer>
    </Dialog>
  );
}
