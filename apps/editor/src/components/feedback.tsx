import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { problemsOf, type Problem } from '../api/client';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function ErrorNotice({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <div className="notice error" role="alert">
      <strong>{title}</strong>
      <ProblemList problems={problemsOf(error)} />
    </div>
  );
}

/**
 * A dialog form's refusal: "Not saved" and every problem the server named (nothing when there is
 * none). Focusable, so the form can move focus to it when no input is named.
 */
export function NotSavedNotice({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="notice error" role="alert" tabIndex={-1}>
      <strong>Not saved</strong>
      <ProblemList problems={problems} />
    </div>
  );
}

/** A dialog form's footer: Cancel, and the submit button (marked busy while `pending`). */
export function DialogFormFooter({
  onCancel,
  pending,
  submitLabel,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
}) {
  return (
    <footer>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="primary" aria-disabled={pending}>
        {submitLabel}
      </button>
    </footer>
  );
}

/**
 * Problems as a readable list: each with the place it concerns (a JSON path or a node) and the
 * message. `onSelectNode` makes node problems buttons that lead to the node.
 */
export function ProblemList({
  problems,
  onSelectNode,
  nodeLabel,
}: {
  problems: Problem[];
  onSelectNode?: (nodeId: string) => void;
  nodeLabel?: (nodeId: string) => string;
}) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems">
      {problems.map((problem, index) => {
        const where = problem.nodeId ? (nodeLabel?.(problem.nodeId) ?? problem.nodeId) : problem.path;
        return (
          <li key={index}>
            {where &&
              (problem.nodeId && onSelectNode ? (
                <button type="button" className="link where" onClick={() => onSelectNode(problem.nodeId!)}>
                  {where}
                </button>
              ) : (
                <code className="where">{where}</code>
              ))}
            <span>{problem.message}</span>
          </li>
        );
      })}
    </ul>
  );
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** A modal dialog: focus moves in on open, stays inside, and goes back on close; Escape closes it. */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.close)');
    (first ?? ref.current)?.focus();
    // Focus can fall out of the dialog to <body> (a focused button that gets disabled, a control
    // that goes away): Escape still closes the dialog then, and focus comes back to it.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as Node | null;
      if (target && target !== document.body && target !== document.documentElement) return;
      const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
      if (dialogs[dialogs.length - 1] !== ref.current) return; // only the topmost dialog
      event.preventDefault();
      close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, []);
  return (
    <div className="backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        className={wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          } else if (event.key === 'Tab') {
            // Keep Tab inside the dialog: from the last control back to the first, and back.
            const controls = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
              (el) => !el.hasAttribute('disabled'),
            );
            const first = controls[0];
            const last = controls.at(-1);
            if (event.shiftKey && document.activeElement === first) {
              event.preventDefault();
              last?.focus();
            } else if (!event.shiftKey && document.activeElement === last) {
              event.preventDefault();
              first?.focus();
            }
          }
        }}
      >
        <header>
          <h2>{title}</h2>
          <button type="button" className="close" aria-label="Close dialog" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

/**
 * After a refused save, puts focus on the first input marked `aria-invalid` inside `container`
 * (else on its alert), so the keyboard stays in the form where the problem is. `problems` is the
 * list the form shows; focus moves each time a new non-empty list arrives.
 */
export function useFocusOnProblems(
  container: RefObject<HTMLElement | null>,
  problems: readonly unknown[],
): void {
  useEffect(() => {
    if (problems.length === 0 || !container.current) return;
    const target =
      container.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      container.current.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [container, problems]);
}

/**
 * Asks before deleting; runs `remove` on confirmation and closes when it succeeds. A refusal (a
 * manager still in use, say) is shown in the dialog with the server's message.
 */
export function DeleteDialog({
  title,
  message,
  remove,
  onClose,
}: {
  title: string;
  message: ReactNode;
  remove: () => Promise<unknown>;
  onClose: () => void;
}) {
  const deletion = useMutation({ mutationFn: remove, onSuccess: onClose });
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="dialog-body">{message}</div>
      {deletion.error ? <ErrorNotice error={deletion.error} title="Refused" /> : null}
      <footer>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={deletion.isPending}
          onClick={() => deletion.mutate()}
        >
          Delete
        </button>
      </footer>
    </Dialog>
  );
}
