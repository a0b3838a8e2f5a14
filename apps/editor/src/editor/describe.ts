import type { NodeType } from '@leadflow/workflow';

const UNITS: [string, string][] = [
  ['D', 'day'],
  ['H', 'hour'],
  ['M', 'minute'],
  ['S', 'second'],
];

/** "PT2H" → "2 hours"; anything else is shown as written. */
export function describeDuration(duration: unknown): string {
  if (typeof duration !== 'string') return '?';
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return duration;
  const parts = match
    .slice(1)
    .map((amount, index) => (amount ? `${amount} ${UNITS[index][1]}${amount === '1' ? '' : 's'}` : ''))
    .filter(Boolean);
  return parts.join(' ') || duration;
}

const short = (value: unknown, max = 48) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** One line saying what a node does, for the canvas. */
export function describeNode(type: NodeType, data: Record<string, unknown>): string {
  switch (type) {
    case 'trigger':
      if (data.event === 'lead.fieldUpdated') return data.field ? `When ${String(data.field)} changes` : 'When any field changes';
      if (data.event === 'lead.tagAdded') return data.tag ? `When tag “${String(data.tag)}” is added` : 'When any tag is added';
      return 'When a lead is created';
    case 'filter':
      return data.condition === true ? 'Every lead passes' : short(data.condition);
    case 'updateField': {
      const field = String(data.field ?? '?');
      if (data.operation === 'clear') return `Clear ${field}`;
      if (data.operation === 'set') return `Set ${field} to ${short(data.value, 30)}`;
      const values = Array.isArray(data.values) ? data.values : [];
      return `${field} ← one of ${values.length} (${String(data.strategy ?? 'roundRobin')})`;
    }
    case 'addTag':
      return `Add “${String(data.tag ?? '')}”`;
    case 'removeTag':
      return `Remove “${String(data.tag ?? '')}”`;
    case 'wait':
      return `Wait ${describeDuration(data.duration)}`;
    case 'split': {
      const branches = Array.isArray(data.branches) ? (data.branches as { id: string; percent: number }[]) : [];
      return branches.map((branch) => `${branch.id} ${branch.percent}%`).join(' · ');
    }
  }
}
