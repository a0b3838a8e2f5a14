import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemsOf, type ActivationWarning } from '../../api/client';
import { keys } from '../../api/queries';
import { useEditor } from '../../state/store';
import type { EditorStatus } from './use-editor-status';

/**
 * Activating and deactivating the workflow. Activating saves first when there are unsaved changes
 * (or the workflow is new) and stops if that save fails. The overlaps the server warns of when
 * activating stay in `warnings` until dismissed: they do not block.
 */
export function useActivation(
  id: string,
  needsSave: boolean,
  save: () => Promise<string | null>,
  { setBusy, setNotice, setRefusal, setSide }: EditorStatus,
) {
  const queryClient = useQueryClient();
  const [warnings, setWarnings] = useState<ActivationWarning[]>([]);

  const toggleActive = async () => {
    const activating = !useEditor.getState().active;
    let target = id;
    if (activating && needsSave) {
      const saved = await save();
      if (!saved) return;
      target = saved;
    }
    setBusy(activating ? 'Activating…' : 'Deactivating…');
    setRefusal(null);
    try {
      setWarnings([]);
      const result = activating
        ? await api.activate(target)
        : { ...(await api.deactivate(target)), warnings: [] };
      useEditor.getState().setActive(result.active);
      // Not blocking: the workflow is active; the overlaps show until dismissed.
      setWarnings(result.warnings ?? []);
      void queryClient.invalidateQueries({ queryKey: keys.workflows });
      setNotice(result.active ? 'Active: new lead events now run this workflow.' : 'Deactivated.');
    } catch (error) {
      setRefusal({
        title: activating ? 'Activation refused' : 'Deactivation refused',
        problems: problemsOf(error),
      });
      setSide('problems');
    } finally {
      setBusy(null);
    }
  };

  return { toggleActive, warnings, dismissWarnings: () => setWarnings([]) };
}
