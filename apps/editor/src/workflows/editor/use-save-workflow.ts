import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { api, problemsOf, type Problem, type WorkflowRecord } from '../../api/client';
import { keys } from '../../api/queries';
import { navigate } from '../../components/router';
import { fileFromDoc } from '../../document/graph';
import { fileJson, useEditor } from '../../state/store';
import { continueNewAs, NEW_WORKFLOW_ID } from './new-workflow';
import type { EditorStatus } from './use-editor-status';

/**
 * Saving the workflow being edited. `save` creates a new workflow by its first save (and moves
 * the route to its id), else saves a new version unless someone saved after the version loaded:
 * then `conflict` holds theirs, to load (`reloadFromServer`) or to keep editing, or to save ours
 * as a copy (`saveAsCopy`). `serverProblems` are those the server reported at the last load or save.
 */
export function useSaveWorkflow(
  id: string,
  initialProblems: Problem[],
  { setBusy, setNotice, setRefusal, setSide }: EditorStatus,
) {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<WorkflowRecord | null>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>(initialProblems);
  const saving = useRef(false);

  /** Saves; a new workflow is created by its first save. Resolves to the saved id, or null if not saved. */
  const save = useCallback(async (): Promise<string | null> => {
    if (saving.current) return null;
    saving.current = true;
    const current = useEditor.getState();
    const file = fileFromDoc(current);
    const sentJson = JSON.stringify(file);
    setBusy('Saving…');
    setRefusal(null);
    try {
      if (current.workflowId === NEW_WORKFLOW_ID) {
        const created = await api.createWorkflow(file);
        useEditor.setState({ workflowId: created.id });
        useEditor
          .getState()
          .markSaved({ version: created.version, active: created.active, savedJson: sentJson });
        setServerProblems(created.problems ?? []);
        queryClient.setQueryData(keys.workflow(created.id), created);
        void queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
        continueNewAs(created.id);
        navigate(`/workflows/${created.id}`, { replace: true });
        setNotice(`Saved as version ${created.version}.`);
        return created.id;
      }
      // Two tabs must not overwrite each other: refuse when the server moved on since we loaded.
      const latest = await api.workflow(id);
      if (latest.version > current.version) {
        setConflict(latest);
        return null;
      }
      const saved = await api.saveWorkflow(id, file);
      useEditor.getState().markSaved({ version: saved.version, active: saved.active, savedJson: sentJson });
      setServerProblems(saved.problems ?? []);
      queryClient.setQueryData(keys.workflow(id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      setNotice(`Saved as version ${saved.version}.`);
      return id;
    } catch (error) {
      setRefusal({ title: 'Save refused', problems: problemsOf(error) });
      setSide('problems');
      return null;
    } finally {
      saving.current = false;
      setBusy(null);
    }
  }, [id, queryClient, setBusy, setNotice, setRefusal, setSide]);

  const reloadFromServer = () => {
    if (!conflict) return;
    useEditor.getState().load(conflict);
    queryClient.setQueryData(keys.workflow(id), conflict);
    setConflict(null);
    setNotice(`Loaded version ${conflict.version} from the server.`);
  };

  const saveAsCopy = async () => {
    const file = fileFromDoc(useEditor.getState());
    try {
      const created = await api.createWorkflow({ ...file, name: `${file.name} (my copy)` });
      useEditor.getState().markSaved({
        version: useEditor.getState().version,
        active: false,
        savedJson: fileJson(useEditor.getState()),
      });
      setConflict(null);
      void queryClient.invalidateQueries({ queryKey: keys.workflows });
      navigate(`/workflows/${created.id}`);
    } catch (error) {
      setRefusal({ title: 'Saving a copy was refused', problems: problemsOf(error) });
    }
  };

  return {
    save,
    serverProblems,
    conflict,
    keepEditing: () => setConflict(null),
    reloadFromServer,
    saveAsCopy,
  };
}
