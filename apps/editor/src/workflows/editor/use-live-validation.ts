import { useEffect, useState } from 'react';
import type { Field, Manager, Problem } from '../../api/client';
import { fileFromDoc } from '../../document/graph';
import { useEditor } from '../../state/store';
import { validate } from '../../document/validation';

/** The document's problems by what they block: saving, or activation only. */
export interface LocalProblems {
  save: Problem[];
  activation: Problem[];
}

/**
 * Validates the document with the format package a moment (150 ms) after the last change, and not
 * during a drag (a slow drag pauses longer than the debounce): drags stay smooth, the drop is
 * checked. The problems also go to the store, which marks them on the canvas.
 */
export function useLiveValidation(
  fields: Field[] | undefined,
  managers: Manager[] | undefined,
): LocalProblems {
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const name = useEditor((state) => state.name);
  const description = useEditor((state) => state.description);
  const dragging = useEditor((state) => state.dragging);
  const [local, setLocal] = useState<LocalProblems>({ save: [], activation: [] });
  useEffect(() => {
    if (dragging) return;
    const timer = window.setTimeout(() => {
      const result = validate(fileFromDoc({ name, description, nodes, edges }), { fields, managers });
      setLocal(result);
      useEditor.getState().setProblems([...result.save, ...result.activation]);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [nodes, edges, name, description, fields, managers, dragging]);
  return local;
}
