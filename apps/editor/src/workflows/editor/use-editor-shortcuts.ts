import { useEffect, type RefObject } from 'react';
import { useEditor } from '../../state/store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** How the modifier key of the shortcuts is written on this platform: "⌘" or "Ctrl+". */
export const MOD_KEY = isMac ? '⌘' : 'Ctrl+';
const inTextInput = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
/** Where typing goes: there Ctrl+Z undoes the typing (the browser's own undo), not the workflow. */
const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(target.type)));

/**
 * The editor's keyboard: Ctrl/⌘+S saves, +Z / +Shift+Z / +Y undo and redo, +C / +V copy and paste
 * nodes, Escape clears the selection and gives the keyboard to `canvasRef`. Delete and arrow moves
 * are React Flow's own.
 */
export function useEditorShortcuts(
  save: () => Promise<unknown>,
  canvasRef: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (event.key === 'Escape' && !mod) {
        escape(event);
        return;
      }
      if (!mod) return;
      const key = event.key.toLowerCase();
      const store = useEditor.getState();
      if (key === 's') {
        event.preventDefault();
        void save();
      } else if ((key === 'z' || key === 'y') && typingIn(event.target)) {
        // The browser undoes the typing in the field; the form stays and the workflow's history too.
        return;
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        store.redo();
      } else if (key === 'z') {
        event.preventDefault();
        store.undo();
      } else if (key === 'c' && !inTextInput(event.target) && !window.getSelection()?.toString()) {
        store.copySelection();
      } else if (key === 'v' && !inTextInput(event.target)) {
        store.paste();
      }
    };
    // Escape outside a field and a dialog (React Flow handles a focused node itself): clear the
    // selection, closing the node's form, and give the keyboard to the canvas.
    const escape = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.defaultPrevented || typingIn(target)) return;
      if (target?.closest?.('[role="dialog"], .react-flow__node, .react-flow__edge')) return;
      const store = useEditor.getState();
      if (!store.nodes.some((node) => node.selected) && !store.edges.some((edge) => edge.selected)) return;
      store.clearSelection();
      canvasRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, canvasRef]);
}
