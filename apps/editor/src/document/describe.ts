import { describeRules, durationParts, type NodeType } from '@leadflow/workflow';

/** "PT2H" → "2 hours", "P1DT30M" → "1 day 30 minutes"; what is not a duration is shown as written. */
export function describeDuration(duration: unknown): string {
  if (typeof duration !== 'string') return '?';
  const parts = durationParts(duration);
  if (!parts) return duration;
  return parts.map(({ amount, unit }) => `${amount} ${unit}${amount === '1' ? '' : 's'}`).join(' ');
}

const OPERATORS: Record<string, string> = {
  '==': '=',
  '===': '=',
  '!=': '≠',
  '!==': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  startsWith: 'starts with',
  endsWith: 'ends with',
};

/**
 * A condition as a reader says it: the builder's rules in its own words (`dealValue is set and is
 * less than 1,000`), other JSONLogic symbol by symbol (`industry = "Medicine" and score ≥ 50`), or its JSON.
 */
export function describeCondition(rule: unknown): string {
  if (rule === true) return 'Every lead passes';
  const built = describeRules(rule);
  if (built !== null) return built;
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return JSON.stringify(rule);
  const [op, raw] = Object.entries(rule)[0] ?? [];
  const args = Array.isArray(raw) ? raw : [raw];
  const operand = (value: unknown): string => {
    if (value && typeof value === 'object' && 'var' in value)
      return String((value as { var: unknown }).var).replace(/^lead\./, '');
    return typeof value === 'object' && value !== null
      ? `(${describeCondition(value)})`
      : JSON.stringify(value);
  };
  if ((op === 'and' || op === 'or') && args.length > 0)
    return args
      .map((arg) => {
        const text = describeCondition(arg);
        return args.length > 1 && /\b(and|or)\b/.test(text) ? `(${text})` : text;
      })
      .join(` ${op} `);
  if (op === '!' && args.length === 1) return `not ${operand(args[0])}`;
  if (op === 'in' && args.length === 2) return `${operand(args[1])} contains ${operand(args[0])}`;
  if (op && OPERATORS[op] && args.length === 2)
    return `${operand(args[0])} ${OPERATORS[op]} ${operand(args[1])}`;
  return JSON.stringify(rule);
}

const short = (value: unknown, max = 48) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** One line saying what a node does, for the canvas. */
export function describeNode(type: NodeType, data: Record<string, unknown>): string {
  switch (type) {
    case 'trigger':
      if (data.event === 'lead.fieldUpdated')
        return data.field ? `When ${String(data.field)} changes` : 'When any field changes';
      if (data.event === 'lead.tagAdded')
        return data.tag ? `When tag “${String(data.tag)}” is added` : 'When any tag is added';
      return 'When a lead is created';
    case 'filter':
      return short(describeCondition(data.condition), 80);
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
      const branches = Array.isArray(data.branches)
        ? (data.branches as { id: string; percent: number }[])
        : [];
      return branches.map((branch) => `${branch.id} ${branch.percent}%`).join(' · ');
    }
  }
}
