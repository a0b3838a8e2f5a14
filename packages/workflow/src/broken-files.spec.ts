// The catalogue of broken files: one per rule of workflow-format.md, each refused with its exact path.
import { checkActivation } from './check-activation';
import { BUILT_IN_FIELDS } from './fields';
import { parseWorkflow } from './parse-workflow';
import type { ProblemCode } from './problem';

type Json = Record<string, unknown>;
interface Doc {
  format?: unknown;
  name?: unknown;
  description?: unknown;
  nodes: Json[];
  edges: Json[];
  [key: string]: unknown;
}

const context = {
  fields: BUILT_IN_FIELDS,
  managerEmails: [
    'ada@example.com',
    'bo@example.com',
    'cy@example.com',
    'di@example.com',
    'ed@example.com',
    'fay@example.com',
  ],
};

const base = (): Doc => ({
  format: 'leadflow.workflow/v1',
  name: 'Every node type',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    { id: 'is-big', type: 'filter', data: { condition: { '>=': [{ var: 'lead.dealValue' }, 50000] } } },
    {
      id: 'assign',
      type: 'updateField',
      data: {
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: ['ada@example.com', 'bo@example.com'],
      },
    },
    { id: 'wait', type: 'wait', data: { duration: 'PT2H' } },
    {
      id: 'ab',
      type: 'split',
      data: {
        branches: [
          { id: 'A', percent: 50 },
          { id: 'B', percent: 50 },
        ],
      },
    },
    { id: 'tag', type: 'addTag', data: { tag: 'big' } },
    { id: 'status', type: 'updateField', data: { field: 'status', operation: 'set', value: 'Priority' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'is-big' },
    { id: 'e2', source: 'is-big', sourceHandle: 'pass', target: 'assign' },
    { id: 'e3', source: 'is-big', sourceHandle: 'fail', target: 'wait' },
    { id: 'e4', source: 'wait', target: 'ab' },
    { id: 'e5', source: 'ab', sourceHandle: 'A', target: 'tag' },
    { id: 'e6', source: 'ab', sourceHandle: 'B', target: 'status' },
  ],
});
const data = (doc: Doc, index: number) => doc.nodes[index].data as Json;
const nested = (levels: number): unknown =>
  levels === 1 ? { var: 'lead.score' } : { '!': nested(levels - 1) };

interface Case {
  rule: string;
  change: (doc: Doc) => unknown;
  path: string;
  fragment: string;
  /** The problem's `code` (PROBLEM_CODES). */
  code: ProblemCode;
  problems?: number;
}

const refusedAtImport: Case[] = [
  { rule: 'not an object', change: () => [], path: '', fragment: 'must be a workflow', code: 'invalid_type' },
  {
    rule: 'bad format',
    change: (d) => void (d.format = 'leadflow.workflow/v2'),
    path: 'format',
    fragment: 'must be "leadflow.workflow/v1"',
    code: 'invalid_value',
  },
  {
    rule: 'missing format',
    change: (d) => void delete d.format,
    path: 'format',
    fragment: 'is required',
    code: 'required',
  },
  {
    rule: 'unknown top-level property',
    change: (d) => void (d.version = 2),
    path: '',
    fragment: 'unknown property "version"',
    code: 'unknown_property',
  },
  {
    rule: 'empty name',
    change: (d) => void (d.name = '  '),
    path: 'name',
    fragment: 'must not be empty',
    code: 'too_small',
  },
  {
    rule: 'name over 200 characters',
    change: (d) => void (d.name = 'n'.repeat(201)),
    path: 'name',
    fragment: 'at most 200 characters',
    code: 'too_big',
  },
  {
    rule: 'description over 2,000 characters',
    change: (d) => void (d.description = 'd'.repeat(2001)),
    path: 'description',
    fragment: 'at most 2,000 characters',
    code: 'too_big',
  },
  {
    rule: 'no nodes',
    change: (d) => void ((d.nodes = []), (d.edges = [])),
    path: 'nodes',
    fragment: 'at least one node',
    code: 'too_small',
  },
  {
    rule: '501 nodes',
    change: (d) =>
      void d.nodes.push(
        ...Array.from({ length: 494 }, (_, i) => ({ id: `t${i}`, type: 'addTag', data: { tag: 'x' } })),
      ),
    path: 'nodes',
    fragment: 'at most 500 nodes',
    code: 'too_big',
  },
  {
    rule: '2,001 edges',
    change: (d) =>
      void d.edges.push(
        ...Array.from({ length: 1995 }, (_, i) => ({ id: `x${i}`, source: 'tag', target: 'status' })),
      ),
    path: 'edges',
    fragment: 'at most 2,000 edges',
    code: 'too_big',
  },
  {
    rule: 'duplicate node id',
    change: (d) => void d.nodes.push({ id: 'tag', type: 'addTag', data: { tag: 'again' } }),
    path: 'nodes[7].id',
    fragment: '"tag" is already the id of nodes[5]',
    code: 'duplicate_id',
  },
  {
    rule: 'bad node id characters',
    change: (d) => void d.nodes.push({ id: 'bad id!', type: 'addTag', data: { tag: 'x' } }),
    path: 'nodes[7].id',
    fragment: 'must be 1–64 characters of A-Z',
    code: 'invalid_format',
  },
  {
    rule: 'node id over 64 characters',
    change: (d) => void d.nodes.push({ id: 'n'.repeat(65), type: 'addTag', data: { tag: 'x' } }),
    path: 'nodes[7].id',
    fragment: 'must be 1–64 characters',
    code: 'invalid_format',
  },
  {
    rule: 'unknown node type',
    change: (d) => void d.nodes.push({ id: 'mail', type: 'sendEmail', data: {} }),
    path: 'nodes[7].type',
    fragment: 'must be one of "trigger", "filter"',
    code: 'unknown_node_type',
  },
  {
    rule: 'position not a number',
    change: (d) => void (d.nodes[0].position = { x: '0', y: 0 }),
    path: 'nodes[0].position.x',
    fragment: 'must be a number',
    code: 'invalid_type',
  },
  {
    rule: 'unknown trigger event',
    change: (d) => void (data(d, 0).event = 'lead.deleted'),
    path: 'nodes[0].data.event',
    fragment: 'must be one of "lead.created"',
    code: 'unknown_trigger_event',
  },
  {
    rule: 'filter without condition',
    change: (d) => void delete data(d, 1).condition,
    path: 'nodes[1].data.condition',
    fragment: 'is required',
    code: 'required',
  },
  {
    rule: 'typo in a data key',
    change: (d) => void (data(d, 2).stratgy = 'weighted'),
    path: 'nodes[2].data',
    fragment: 'unknown property "stratgy"',
    code: 'unknown_property',
  },
  {
    rule: 'label over 200 characters',
    change: (d) => void (data(d, 5).label = 'l'.repeat(201)),
    path: 'nodes[5].data.label',
    fragment: 'at most 200 characters',
    code: 'too_big',
  },
  {
    rule: 'edge to a missing node',
    change: (d) => void (d.edges[5].target = 'ghost'),
    path: 'edges[5].target',
    fragment: 'no node has the id "ghost"',
    code: 'unknown_node',
  },
  {
    rule: 'edge from a missing node',
    change: (d) => void (d.edges[0].source = 'ghost'),
    path: 'edges[0].source',
    fragment: 'no node has the id "ghost"',
    code: 'unknown_node',
  },
  {
    rule: 'duplicate edge id',
    change: (d) => void d.edges.push({ id: 'e1', source: 'tag', target: 'status' }),
    path: 'edges[6].id',
    fragment: '"e1" is already the id of edges[0]',
    code: 'duplicate_id',
  },
  {
    rule: 'bad handle on a filter',
    change: (d) => void (d.edges[1].sourceHandle = 'yes'),
    path: 'edges[1].sourceHandle',
    fragment: 'by "pass" or "fail"',
    code: 'invalid_source_handle',
  },
  {
    rule: 'fail handle on an action',
    change: (d) => void (d.edges[3].sourceHandle = 'fail'),
    path: 'edges[3].sourceHandle',
    fragment: 'has one way out',
    code: 'invalid_source_handle',
  },
  {
    rule: 'split edge without a branch',
    change: (d) => void delete d.edges[4].sourceHandle,
    path: 'edges[4].sourceHandle',
    fragment: 'must name one of its branches: "A", "B"',
    code: 'invalid_source_handle',
  },
  {
    rule: 'split edge to an unknown branch',
    change: (d) => void (d.edges[4].sourceHandle = 'C'),
    path: 'edges[4].sourceHandle',
    fragment: '"C" is not a branch',
    code: 'invalid_source_handle',
  },
  {
    rule: 'pass handle on replaceWithOneOf',
    change: (d) => void d.edges.push({ id: 'e7', source: 'assign', sourceHandle: 'pass', target: 'tag' }),
    path: 'edges[6].sourceHandle',
    fragment: 'by "none"',
    code: 'invalid_source_handle',
  },
  {
    rule: 'unknown field',
    change: (d) => void (data(d, 6).field = 'budget'),
    path: 'nodes[6].data.field',
    fragment: '"budget" is not a field of this installation',
    code: 'unknown_field',
  },
  {
    rule: 'reserved field key',
    change: (d) => void (data(d, 6).field = 'constructor'),
    path: 'nodes[6].data.field',
    fragment: 'is reserved',
    code: 'invalid_field_key',
  },
  {
    rule: 'unknown trigger field',
    change: (d) => void (d.nodes[0].data = { event: 'lead.fieldUpdated', field: 'budget' }),
    path: 'nodes[0].data.field',
    fragment: 'is not a field',
    code: 'unknown_field',
  },
  {
    rule: 'wrong value type',
    change: (d) => void Object.assign(data(d, 6), { field: 'dealValue', value: 'lots' }),
    path: 'nodes[6].data.value',
    fragment: 'must be a number for the field "dealValue"',
    code: 'invalid_field_value',
  },
  {
    rule: 'wrong value type in a list',
    change: (d) =>
      void (d.nodes[6].data = { field: 'score', operation: 'replaceWithOneOf', values: [1, '2'] }),
    path: 'nodes[6].data.values[1]',
    fragment: 'must be a number',
    code: 'invalid_field_value',
  },
  {
    rule: 'unknown manager emails, all listed',
    change: (d) =>
      void (data(d, 2).values = ['ada@example.com', 'zed@example.com', 'bo@example.com', 'yu@example.com']),
    path: 'nodes[2].data.values',
    fragment: '"zed@example.com" and "yu@example.com" are not managers of this installation',
    code: 'unknown_manager',
  },
  {
    rule: 'unknown manager in set',
    change: (d) => void Object.assign(data(d, 6), { field: 'manager', value: 'zed@example.com' }),
    path: 'nodes[6].data.value',
    fragment: '"zed@example.com" is not a manager',
    code: 'unknown_manager',
  },
  {
    rule: 'duplicate values',
    change: (d) => void (data(d, 2).values = ['ada@example.com', 'bo@example.com', 'ADA@example.com']),
    path: 'nodes[2].data.values[2]',
    fragment: 'is listed twice (also at values[0])',
    code: 'duplicate_value',
  },
  {
    rule: 'weights length mismatch',
    change: (d) => void Object.assign(data(d, 2), { strategy: 'weighted', weights: [3] }),
    path: 'nodes[2].data.weights',
    fragment: 'there are 2 values and 1 weights',
    code: 'count_mismatch',
  },
  {
    rule: 'weighted without weights',
    change: (d) => void (data(d, 2).strategy = 'weighted'),
    path: 'nodes[2].data.weights',
    fragment: 'is required with strategy "weighted"',
    code: 'required',
  },
  {
    rule: 'weights without weighted',
    change: (d) => void (data(d, 2).weights = [1, 1]),
    path: 'nodes[2].data.weights',
    fragment: 'only apply with strategy "weighted"',
    code: 'not_applicable',
  },
  {
    rule: 'weight not a positive integer',
    change: (d) => void Object.assign(data(d, 2), { strategy: 'weighted', weights: [1, 0.5] }),
    path: 'nodes[2].data.weights[1]',
    fragment: 'must be a whole number',
    code: 'invalid_type',
  },
  {
    rule: 'unknown strategy',
    change: (d) => void (data(d, 2).strategy = 'fastest'),
    path: 'nodes[2].data.strategy',
    fragment: 'must be one of "roundRobin"',
    code: 'invalid_value',
  },
  {
    rule: 'sticky on a non-manager field',
    change: (d) =>
      void (d.nodes[6].data = {
        field: 'status',
        operation: 'replaceWithOneOf',
        values: ['New'],
        sticky: { by: 'company' },
      }),
    path: 'nodes[6].data.sticky',
    fragment: 'manager field only',
    code: 'not_applicable',
  },
  {
    rule: 'leastLoaded on a non-manager field',
    change: (d) =>
      void (d.nodes[6].data = {
        field: 'status',
        operation: 'replaceWithOneOf',
        values: ['New'],
        strategy: 'leastLoaded',
      }),
    path: 'nodes[6].data.strategy',
    fragment: 'manager field only',
    code: 'not_applicable',
  },
  {
    rule: 'eligibility on a non-manager field',
    change: (d) =>
      void (d.nodes[6].data = {
        field: 'status',
        operation: 'replaceWithOneOf',
        values: ['New'],
        eligibility: { skipUnavailable: true },
      }),
    path: 'nodes[6].data.eligibility',
    fragment: 'manager field only',
    code: 'not_applicable',
  },
  {
    rule: 'sticky by an unknown key',
    change: (d) => void (data(d, 2).sticky = { by: 'phone' }),
    path: 'nodes[2].data.sticky.by',
    fragment: 'must be "company" or "emailDomain"',
    code: 'invalid_value',
  },
  {
    rule: 'split percents not 100',
    change: (d) => void ((data(d, 4).branches as Json[])[1].percent = 40),
    path: 'nodes[4].data.branches',
    fragment: 'add up to 90',
    code: 'percents_not_100',
  },
  {
    rule: 'duplicate branch ids',
    change: (d) => void (((data(d, 4).branches as Json[])[1].id = 'A'), (d.edges[5].sourceHandle = 'A')),
    path: 'nodes[4].data.branches[1].id',
    fragment: '"A" is already the id of branches[0]',
    code: 'duplicate_id',
  },
  {
    rule: 'bad duration',
    change: (d) => void (data(d, 3).duration = '2 hours'),
    path: 'nodes[3].data.duration',
    fragment: 'is not an ISO 8601 duration',
    code: 'invalid_duration',
  },
  {
    rule: 'duration 0s',
    change: (d) => void (data(d, 3).duration = 'PT0S'),
    path: 'nodes[3].data.duration',
    fragment: 'at least 1 second',
    code: 'duration_out_of_range',
  },
  {
    rule: 'duration over 365 days',
    change: (d) => void (data(d, 3).duration = 'P366D'),
    path: 'nodes[3].data.duration',
    fragment: 'at most 365 days',
    code: 'duration_out_of_range',
  },
  {
    rule: 'JSONLogic method',
    change: (d) => void (data(d, 1).condition = { method: [{ var: 'lead.name' }, 'toString'] }),
    path: 'nodes[1].data.condition',
    fragment: 'the operation "method" is not allowed',
    code: 'unsafe_condition',
  },
  {
    rule: 'JSONLogic log',
    change: (d) => void (data(d, 1).condition = { and: [true, { log: 1 }] }),
    path: 'nodes[1].data.condition.and[1]',
    fragment: 'the operation "log" is not allowed',
    code: 'unsafe_condition',
  },
  {
    rule: '__proto__ in a var',
    change: (d) => void (data(d, 1).condition = { '==': [{ var: 'lead.__proto__.polluted' }, 1] }),
    path: 'nodes[1].data.condition["=="][0].var',
    fragment: 'may not pass through "__proto__"',
    code: 'unsafe_condition',
  },
  {
    rule: 'depth 33',
    change: (d) => void (data(d, 1).condition = nested(33)),
    path: `nodes[1].data.condition${'["!"]'.repeat(32)}`,
    fragment: 'nested more than 32 levels',
    code: 'condition_too_deep',
  },
  {
    rule: 'unknown operation',
    change: (d) => void (data(d, 1).condition = { and: [{ regex: ['a', 'b'] }] }),
    path: 'nodes[1].data.condition.and[0]',
    fragment: 'unknown operation "regex"',
    code: 'unknown_operation',
  },
  {
    rule: 'non-literal var',
    change: (d) => void (data(d, 1).condition = { var: { cat: ['lead.', 'industry'] } }),
    path: 'nodes[1].data.condition.var',
    fragment: 'must be a literal string or number',
    code: 'unsafe_condition',
  },
  {
    rule: 'two keys in an operation',
    change: (d) => void (data(d, 1).condition = { '==': [1, 1], '!=': [1, 2] }),
    path: 'nodes[1].data.condition',
    fragment: 'exactly one key',
    code: 'invalid_condition',
  },
  {
    rule: 'unsafe eligibility condition',
    change: (d) => void (data(d, 2).eligibility = { condition: { var: 'candidate.constructor' } }),
    path: 'nodes[2].data.eligibility.condition.var',
    fragment: 'may not pass through "constructor"',
    code: 'unsafe_condition',
  },
];

const refusedAtActivation: Case[] = [
  {
    rule: 'no trigger',
    change: (d) => void (d.nodes[0] = { id: 'start', type: 'addTag', data: { tag: 'x' } }),
    path: 'nodes',
    fragment: 'has no trigger',
    code: 'no_trigger',
  },
  {
    rule: 'two triggers',
    change: (d) => void d.nodes.push({ id: 'again', type: 'trigger', data: { event: 'lead.tagAdded' } }),
    path: 'nodes[7]',
    fragment: '"again" is a second trigger',
    code: 'extra_trigger',
  },
  {
    rule: 'cycle',
    change: (d) => void d.edges.push({ id: 'back', source: 'tag', target: 'wait' }),
    path: 'nodes[3]',
    fragment: '"wait" → "ab" → "tag" → "wait" is a cycle',
    code: 'cycle',
  },
  {
    rule: 'unreachable node',
    change: (d) => void d.nodes.push({ id: 'orphan', type: 'addTag', data: { tag: 'x' } }),
    path: 'nodes[7]',
    fragment: '"orphan" cannot be reached from the trigger',
    code: 'unreachable',
  },
  {
    rule: 'edge into the trigger',
    change: (d) => void d.edges.push({ id: 'in', source: 'tag', target: 'start' }),
    path: 'edges[6].target',
    fragment: 'leads into the trigger "start"',
    code: 'edge_into_trigger',
    problems: 2,
  },
  {
    rule: 'values empty',
    change: (d) => void (data(d, 2).values = []),
    path: 'nodes[2].data.values',
    fragment: 'has no values',
    code: 'no_values',
  },
  {
    rule: '1,001 values',
    change: (d) =>
      void (d.nodes[6].data = {
        field: 'status',
        operation: 'replaceWithOneOf',
        values: Array.from({ length: 1001 }, (_, i) => `S${i}`),
      }),
    path: 'nodes[6].data.values',
    fragment: 'has 1,001 values: at most 1,000',
    code: 'too_many_values',
  },
];

const changed = (change: Case['change']) => {
  const doc = base();
  const replaced = change(doc);
  return replaced === undefined ? doc : replaced;
};

describe('the broken-file catalogue', () => {
  it('starts from a file that parses and can be activated', () => {
    const result = parseWorkflow(base(), context);
    expect(result.ok).toBe(true);
    if (result.ok) expect(checkActivation(result.workflow)).toEqual([]);
  });

  it('holds at least 30 broken files', () => {
    expect(refusedAtImport.length + refusedAtActivation.length).toBeGreaterThanOrEqual(30);
  });

  describe(parseWorkflow.name, () => {
    it.each(refusedAtImport)(
      'refuses $rule at $path ($code)',
      ({ change, path, fragment, code, problems = 1 }) => {
        const result = parseWorkflow(changed(change), context);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.problems).toContainEqual({ code, path, message: expect.stringContaining(fragment) });
        expect(result.problems).toHaveLength(problems);
      },
    );
  });

  describe(checkActivation.name, () => {
    it.each(refusedAtActivation)(
      'refuses $rule at $path ($code)',
      ({ change, path, fragment, code, problems = 1 }) => {
        const result = parseWorkflow(changed(change), context);
        if (!result.ok) throw new Error(`the draft should parse: ${JSON.stringify(result.problems)}`);
        const found = checkActivation(result.workflow);
        expect(found).toContainEqual(
          expect.objectContaining({ code, path, message: expect.stringContaining(fragment) }),
        );
        expect(found).toHaveLength(problems);
      },
    );
  });
});
