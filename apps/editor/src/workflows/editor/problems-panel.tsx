import { ProblemList } from '../../components/feedback';
import type { Problem } from '../../api/client';
import type { Refusal } from './use-editor-status';

/**
 * The problems tab: the last refusal, then what blocks saving, what blocks activation, and (when
 * the document has none of its own) what the server reported. A problem of a node selects it.
 */
export function ProblemsPanel({
  refusal,
  save,
  activation,
  server,
  onSelectNode,
  nodeLabel,
}: {
  refusal: Refusal | null;
  save: Problem[];
  activation: Problem[];
  server: Problem[];
  onSelectNode?: (nodeId: string) => void;
  nodeLabel?: (nodeId: string) => string;
}) {
  const nothing = !refusal && save.length === 0 && activation.length === 0 && server.length === 0;
  return (
    <div className="problems-panel">
      {refusal && (
        <section className="notice error" role="alert">
          <h4>{refusal.title}</h4>
          <ProblemList problems={refusal.problems} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {save.length > 0 && (
        <section>
          <h4>Blocks saving ({save.length})</h4>
          <ProblemList problems={save} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {activation.length > 0 && (
        <section>
          <h4>Blocks activation ({activation.length})</h4>
          <ProblemList problems={activation} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {server.length > 0 && save.length === 0 && activation.length === 0 && (
        <section>
          <h4>The server reports ({server.length})</h4>
          <ProblemList problems={server} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {nothing && <p className="state">No problems: this workflow can be saved and activated.</p>}
    </div>
  );
}
