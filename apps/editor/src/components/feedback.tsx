import { useEffect, useRef, type ReactNode } from 'react';
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

/** A modal dialog: focus moves in on open and back out on close; Escape closes it. */
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
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.close)');
    (first ?? ref.current)?.focus();
    return () => before?.focus?.();
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

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  busy,
  error,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  error?: unknown;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="dialog-body">{message}</div>
      {error ? <ErrorNotice error={error} title="Refused" /> : null}
      <footer>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </footer>
    </Dialog>
  );
}
