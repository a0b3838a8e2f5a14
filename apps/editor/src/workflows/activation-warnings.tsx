import type { ActivationWarning } from '../api/client';
import { Link } from '../components/router';

/**
 * What activating a workflow warned about: each active workflow whose trigger overlaps it and that
 * writes the same field, with a link to it. The workflow is active all the same; nothing shows
 * when there are no warnings.
 */
export function ActivationWarnings({
  workflowName,
  warnings,
  onDismiss,
}: {
  workflowName: string;
  warnings: readonly ActivationWarning[];
  onDismiss: () => void;
}) {
  if (warnings.length === 0) return null;
  return (
    <div className="notice warn" role="alert" aria-label="Activation warnings">
      <strong>
        {workflowName} is active, but{' '}
        {warnings.length === 1 ? 'another active workflow' : `${warnings.length} other active workflows`} may
        change the same {warnings.length === 1 ? 'field' : 'fields'} for the same leads:
      </strong>
      <ul>
        {warnings.map((warning) => (
          <li key={`${warning.workflowId}:${warning.field}`}>
            {warning.message} <Link href={`/workflows/${warning.workflowId}`}>Open {warning.name}</Link>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
