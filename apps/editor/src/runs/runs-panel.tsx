import { useMemo, useState } from 'react';
import type { Run, RunStep } from '../api/client';
import { useLeadsById, useManagers, useRuns } from '../api/queries';
import { Link } from '../components/router';
import { Empty, ErrorNotice, Loading } from '../components/feedback';
import { when } from '../components/format';
import { leadName, leadPath } from './lead-words';
import { managerNamer } from '../insight/rotation-figures';
import { describeStep, stepNodeName } from './step-words';
import { useEditor } from '../state/store';

export const pathOf = (run: Run): Record<string, string> =>
  Object.fromEntries(run.steps.map((step) => [step.nodeId, step.outcome]));

/**
 * The workflow's recent runs, each named by its lead (a link to the lead); choosing one lights up
 * its path on the canvas and lists its steps, their nodes named as the canvas names them.
 */
export function RunsPanel({ workflowId }: { workflowId: string }) {
  const runs = useRuns({ workflowId, limit: 50 }, 5000);
  const managers = useManagers();
  const managerName = useMemo(() => managerNamer(managers.data), [managers.data]);
  const leads = useLeadsById(runs.data?.map((run) => run.leadId) ?? []);
  const canvas = useEditor((state) => state.nodes);
  const nodes = useMemo(() => new Map(canvas.map((node) => [node.id, node])), [canvas]);
  const setHighlight = useEditor((state) => state.setHighlight);
  const [chosen, setChosen] = useState<string | null>(null);
  if (runs.isPending) return <Loading what="runs" />;
  if (runs.isError) return <ErrorNotice error={runs.error} title="Runs could not be loaded" />;
  if (runs.data.length === 0) return <Empty>No runs yet. Activate the workflow and create a lead.</Empty>;
  const selected = runs.data.find((run) => run.id === chosen);
  const choose = (run: Run | null) => {
    setChosen(run?.id ?? null);
    setHighlight(run ? pathOf(run) : null);
  };
  return (
    <div className="runs">
      {selected && (
        <button type="button" onClick={() => choose(null)}>
          Clear highlight
        </button>
      )}
      <ul className="run-list">
        {runs.data.map((run) => (
          <li key={run.id}>
            <Link className="run-lead" href={leadPath(run.leadId)} title="Open the lead">
              {leadName(run.leadId, leads.get(run.leadId))}
            </Link>
            <button
              type="button"
              aria-pressed={run.id === chosen}
              onClick={() => choose(run.id === chosen ? null : run)}
            >
              <span className={`pill status-${run.status}`}>{run.status}</span>
              <small>
                {when(run.startedAt)} · v{run.workflowVersion} · {run.steps.length} steps
              </small>
            </button>
            {run.id === chosen && (
              <ol className="steps">
                {run.reason && <li className="hint">{run.reason}</li>}
                {run.steps.map((step, index) => (
                  <StepItem
                    key={index}
                    step={step}
                    name={stepNodeName(step, nodes)}
                    managerName={managerName}
                  />
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One step: its node (by `name`, e.g. its label; the type in words without one), its outcome, what
 * it did in words, and its raw detail on request.
 */
export function StepItem({
  step,
  name = stepNodeName(step),
  managerName,
}: {
  step: RunStep;
  name?: string;
  managerName: (email: string) => string;
}) {
  const words = describeStep(step, managerName);
  return (
    <li className="step">
      <span className="step-node" title={`node ${step.nodeId}`}>
        {name}
      </span>{' '}
      <span className={`pill outcome-${step.outcome}`}>{step.outcome}</span>
      <span className="step-words">
        {words.text}
        {words.given !== undefined && (
          <>
            {' '}
            <strong>{words.given}</strong>
          </>
        )}
        {words.because && ` — ${words.because}`}
      </span>
      {words.skipped && <span className="step-skipped">Skipped: {words.skipped}</span>}
      {step.detail && (
        <details className="detail">
          <summary>details</summary>
          <pre>{JSON.stringify(step.detail, null, 2)}</pre>
        </details>
      )}
    </li>
  );
}
