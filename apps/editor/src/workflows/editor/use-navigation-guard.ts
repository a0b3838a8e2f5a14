import { useEffect } from 'react';
import { setNavigationGuard } from '../../components/router';
import { isDirty, useEditor } from '../../state/store';

const LEAVE_QUESTION = 'This workflow has unsaved changes. Leave without saving?';

/**
 * Guards unsaved changes against leaving inside the app (a confirm) and against closing or
 * reloading the tab (the browser's own question, asked only while `dirty`).
 */
export function useNavigationGuard(dirty: boolean): void {
  useEffect(() => {
    setNavigationGuard(() => (isDirty(useEditor.getState()) ? LEAVE_QUESTION : null));
    return () => setNavigationGuard(null);
  }, []);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = LEAVE_QUESTION;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
