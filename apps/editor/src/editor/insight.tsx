import { useQuery } from '@tanstack/react-query';
import { api, type RotationInsight, type SplitInsight } from '../api/client';
import { ErrorNotice, Loading } from '../components/feedback';
import { when } from '../components/format';
import type { NodeOutline } from './graph';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/**
 * What the server has seen a saved rotation or split node do: how often each value was given and
 * who is next, or each branch's leads, wins and the test's verdict. Nodes not saved yet have none.
 */
export function NodeInsight({
  workflowId,
  node,
  saved,
}: {
  workflowId: string;
  node: NodeOutline;
  saved: boolean;
}) {
  const rotation = node.type === 'updateField' && node.data.operation === 'replaceWithOneOf';
  const split = node.type === 'split';
  const insight = useQuery<RotationInsight | SplitInsight>({
    queryKey: ['insight', workflowId, node.id, rotation ? 'rotation' : 'split'],
    queryFn: () => (rotation ? api.rotation(workflowId, node.id) : api.split(workflowId, node.id)),
    enabled: saved && (rotation || split),
    refetchInterval: 5000,
  });
  if (!rotation && !split) return null;
  return (
    <section className="insight" aria-label="Routing insight">
      <h4>{rotation ? 'Rotation so far' : 'A/B results'}</h4>
      {!saved && <p className="hint">Save to see what this node has done.</p>}
      {saved && insight.isPending && <Loading what="figures" />}
      {saved && insight.isError && <ErrorNotice error={insight.error} title="No figures" />}
      {saved && insight.data && 'values' in insight.data && (
        <>
          <table className="table compact">
            <thead>
              <tr>
                <th>Value</th>
                <th>Given</th>
                <th>7 days</th>
                <th>Last</th>
              </tr>
            </thead>
            <tbody>
              {insight.data.values.map((row) => (
                <tr key={String(row.value)}>
                  <td>{String(row.value)}</td>
                  <td>{row.given}</td>
                  <td>{row.givenLast7Days}</td>
                  <td>{when(row.lastGivenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            Next in line: {insight.data.next === null ? 'nobody' : String(insight.data.next)}
          </p>
        </>
      )}
      {saved && insight.data && 'branches' in insight.data && (
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
      )}
    </section>
  );
}
