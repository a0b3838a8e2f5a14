import type { NodeType } from '@leadflow/workflow';
import { memo } from 'react';
import { connectableTargets, NODE_TITLES, type NodeOutline } from '../document/graph';
import { outputsOf } from './nodes';
import { useEditor, useNodeOutline } from '../state/store';

/**
 * The selected node's outgoing edges as a list and a select per output: the keyboard's way to
 * connect nodes, and a readable summary of where each output leads.
 */
export const Connections = memo(function Connections({ node }: { node: NodeOutline }) {
  // Ids, types and data only: moving nodes around does not re-render this list.
  const nodes = useNodeOutline();
  const edges = useEditor((state) => state.edges);
  const connect = useEditor((state) => state.connect);
  const removeEdge = useEditor((state) => state.removeEdge);
  const nameOf = (id: string) => {
    const target = nodes.find((candidate) => candidate.id === id);
    const label =
      typeof target?.data.label === 'string' && target.data.label ? ` “${target.data.label}”` : '';
    return target ? `${NODE_TITLES[target.type as NodeType]} ${target.id}${label}` : id;
  };
  const outputs = outputsOf(node.type as NodeType, node.data);
  // An edge without a handle leaves by the first output (a filter's pass).
  const handleOf = (handle: string | null | undefined) => handle ?? outputs[0]?.id ?? null;
  return (
    <section className="connections" aria-label="Connections">
      <h4>Leads to</h4>
      {outputs.map((output) => {
        const id = output.id ?? null;
        const going = edges.filter((edge) => edge.source === node.id && handleOf(edge.sourceHandle) === id);
        const label = output.label ?? 'next';
        const candidates = connectableTargets(nodes, edges, node.id, id);
        return (
          <div className="output" key={id ?? 'default'}>
            {outputs.length > 1 && (
              <span className={`pill handle-tone-${output.tone ?? 'branch'}`}>{label}</span>
            )}
            <ul>
              {going.map((edge) => (
                <li key={edge.id}>
                  → {nameOf(edge.target)}
                  <button
                    type="button"
                    aria-label={`Remove the edge from ${label} to ${edge.target}`}
                    onClick={() => removeEdge(edge.id)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            {/* Never disabled: connecting the last candidate would drop the keyboard's focus to the page. */}
            <select
              aria-label={`Connect ${label} to`}
              value=""
              onChange={(event) =>
                event.target.value &&
                connect({ source: node.id, sourceHandle: id, target: event.target.value, targetHandle: null })
              }
            >
              <option value="">{candidates.length === 0 ? 'no node can follow' : 'connect to…'}</option>
              {candidates.map((target) => (
                <option key={target.id} value={target.id}>
                  {nameOf(target.id)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </section>
  );
});
