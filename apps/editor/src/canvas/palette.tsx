import { NODE_TYPES, type NodeType } from '@leadflow/workflow';
import { NODE_TITLES } from '../document/graph';

export const PALETTE_MIME = 'application/x-leadflow-node';

const HINTS: Record<NodeType, string> = {
  trigger: 'Starts a run on a lead event',
  filter: 'Continues on pass or fail',
  updateField: 'Sets, clears or rotates a field',
  addTag: 'Adds a tag to the lead',
  removeTag: 'Removes a tag',
  wait: 'Pauses the run',
  split: 'Sends leads down A/B branches',
};

/** Node types to add: click adds one in the middle of the view, or drag one onto the canvas. */
export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  return (
    <nav className="palette" aria-label="Add a node">
      <h3>Add</h3>
      {NODE_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          className={`palette-item wf-${type}`}
          draggable
          title={HINTS[type]}
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_MIME, type);
            event.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => onAdd(type)}
        >
          {NODE_TITLES[type]}
          <small>{HINTS[type]}</small>
        </button>
      ))}
    </nav>
  );
}
