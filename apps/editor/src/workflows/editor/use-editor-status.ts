import { useState } from 'react';
import type { Problem } from '../../api/client';

/** The tab shown beside the canvas. */
export type Side = 'settings' | 'problems' | 'runs';

/** A save or (de)activation the server refused: the title says which, the problems why. */
export interface Refusal {
  title: string;
  problems: Problem[];
}

/**
 * What the editor tells the user besides the document: the side tab shown, the work under way
 * (`busy`, e.g. "Saving…"), the last outcome (`notice`) and the last refusal. The setters are
 * React's own, so stable across renders.
 */
export function useEditorStatus() {
  const [side, setSide] = useState<Side>('settings');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  return { side, setSide, busy, setBusy, notice, setNotice, refusal, setRefusal };
}

/** The editor's status with its setters, as the page's hooks receive it. */
export type EditorStatus = ReturnType<typeof useEditorStatus>;
