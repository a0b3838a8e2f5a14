import { useMemo } from 'react';
import { useSplitInsight } from '../api/queries';
import { ErrorNotice, Loading } from '../components/feedback';
import { insightKindOf, type NodeOutline } from '../document/graph';
import { RotationChart } from './rotation-chart';
import { expectedShares } from './rotation-figures';
import { useRotationFigures } from './use-rotation-figures';
import { savedInsightKinds, useEditor } from '../state/store';

// The server names no next value for strategies that decide at the moment a lead comes.
const NEXT_UNKNOWN: Record<string, string> = {
  leastLoaded: 'whoever has the fewest open leads when the next lead comes',
  random: 'drawn at random for each lead',
};

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/**
 * What the server has seen a saved rotation or split node do: how often each value was given and
 * who is next, or each branch's leads, wins and the test's verdict. Nodes not saved as such have none.
 */
export function NodeInsight({ workflowId, node }: { workflowId: string; node: NodeOutline }) {
  const kind = insightKindOf(node.type, node.data);
  // The server's figures exist only for nodes saved as what they are now.
  const saved = useEditor(
    (state) => kind !== null && savedInsightKinds(state.savedJson).get(node.id) === kind,
  );
  if (!kind) return null;
  const rotation = kind === 'rotation';
  return (
    <section className="insight" aria-label="Routing insight">
      <h4>{rotation ? 'Rotation so far' : 'A/B results'}</h4>
      {!saved ? (
        <p className="hint">Save to see what this node has done.</p>
      ) : rotation ? (
        <RotationInsightView workflowId={workflowId} node={node} />
      ) : (
        <SplitInsightView workflowId={workflowId} nodeId={node.id} />
      )}
    </section>
  );
}

function RotationInsightView({ workflowId, node }: { workflowId: string; node: NodeOutline }) {
  const expected = useMemo(() => expectedShares(node.data), [node.data]);
  const { insight, figures } = useRotationFigures({
    workflowId,
    nodeId: node.id,
    field: node.data.field,
    expected,
  });
  if (insight.isPending) return <Loading what="figures" />;
  if (insight.isError) return <ErrorNotice error={insight.error} title="No figures" />;
  if (!figures) return null;
  return (
    <>
      <RotationChart figures={figures} />
      <p className="hint">
        Next in line: {figures.next ?? NEXT_UNKNOWN[String(node.data.strategy)] ?? 'nobody'}
      </p>
    </>
  );
}

function SplitInsightView({ workflowId, nodeId }: { workflowId: string; nodeId: string }) {
  const insight = useSplitInsight({ workflowId, nodeId });
  if (insight.isPending) return <Loading what="figures" />;
  if (insight.isError) return <ErrorNotice error={insight.error} title="No figures" />;
  return (
    <>
      <table className="table compact">
        <thead>
          <tr>
            <th>Branch</th>
            <th>Leads</th>
            <th>Won</th>
            <th>Rate</th>
          </tr>
        </thead>
        <tbody>
          {insight.data.branches.map((branch) => (
            <tr key={branch.id}>
              <td>{branch.id}</td>
              <td>{branch.leads}</td>
              <td>{branch.won}</td>
              <td>{percent(branch.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {insight.data.verdict}
        {insight.data.pValue !== null && (
          <small className="hint"> (p = {insight.data.pValue.toPrecision(2)})</small>
        )}
      </p>
    </>
  );
}
