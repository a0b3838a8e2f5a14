import { z } from 'zod';
import { nodeSchema, workflowEnvelopeSchema } from './schema';
import { problemParams } from './problem';
import { parseWithProblems, zodIssueCode } from './zod-problems';

const problemsOf = (schema: z.ZodType, input: unknown, base = '') => {
  const result = parseWithProblems(schema, input, base);
  return result.ok ? [] : result.problems;
};

describe(parseWithProblems.name, () => {
  it('returns the parsed value', () => {
    const result = parseWithProblems(z.strictObject({ a: z.number() }), { a: 1 }, '');
    expect(result).toEqual({ ok: true, value: { a: 1 } });
  });

  it('says "is required" for a missing key, even where the schema words the type error itself', () => {
    expect(problemsOf(nodeSchema, { id: 'a', type: 'wait', data: {} }, 'nodes[3]')).toEqual([
      { code: 'required', path: 'nodes[3].data.duration', message: 'is required' },
    ]);
    expect(problemsOf(nodeSchema, { id: 'a', data: {} }, 'nodes[0]')).toEqual([
      { code: 'required', path: 'nodes[0].type', message: 'is required' },
    ]);
  });

  it('names each unknown property on its own', () => {
    const data = {
      field: 'manager',
      operation: 'replaceWithOneOf',
      values: [],
      stratgy: 'weighted',
      wieghts: [1],
    };
    expect(problemsOf(nodeSchema, { id: 'a', type: 'updateField', data }, 'nodes[1]')).toEqual([
      { code: 'unknown_property', path: 'nodes[1].data', message: 'unknown property "stratgy"' },
      { code: 'unknown_property', path: 'nodes[1].data', message: 'unknown property "wieghts"' },
    ]);
  });

  it('words type errors with what was found', () => {
    expect(problemsOf(z.strictObject({ weights: z.array(z.number()) }), { weights: [1, 'x'] })).toEqual([
      { code: 'invalid_type', path: 'weights[1]', message: 'must be a number, not "x"' },
    ]);
    expect(problemsOf(workflowEnvelopeSchema, [])).toEqual([
      { code: 'invalid_type', path: '', message: 'must be an object, not a list' },
    ]);
  });

  it('words sizes', () => {
    expect(problemsOf(z.string().min(1), '')).toEqual([
      { code: 'too_small', path: '', message: 'must not be empty' },
    ]);
    expect(problemsOf(z.array(z.number()).max(2), [1, 2, 3])).toEqual([
      { code: 'too_big', path: '', message: 'must hold at most 2 items' },
    ]);
    expect(problemsOf(z.number().positive(), 0)).toEqual([
      { code: 'too_small', path: '', message: 'must be greater than 0' },
    ]);
  });

  it('names the expected format and the value found', () => {
    const envelope = { format: 'leadflow.workflow/v2', name: 'x', nodes: [{}], edges: [] };
    expect(problemsOf(workflowEnvelopeSchema, envelope)).toEqual([
      {
        code: 'invalid_value',
        path: 'format',
        message: expect.stringContaining('must be "leadflow.workflow/v1"'),
      },
    ]);
  });
});

describe('parseWithProblems with unknown keys', () => {
  it('still reads the value without them, for the checks that follow', () => {
    const result = parseWithProblems(
      z.strictObject({ a: z.strictObject({ b: z.number() }) }),
      { a: { b: 1, c: 2 }, d: 3 },
      '',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'unknown_property', path: 'a', message: 'unknown property "c"' },
        { code: 'unknown_property', path: '', message: 'unknown property "d"' },
      ],
      partial: { a: { b: 1 } },
    });
  });

  it('gives no value when something else is wrong too', () => {
    const result = parseWithProblems(z.strictObject({ b: z.number() }), { b: 'x', c: 2 }, '');
    expect(result).not.toHaveProperty('partial');
  });
});

describe('messages of the node schemas', () => {
  it('tell a value that is no object from an unknown kind', () => {
    expect(problemsOf(nodeSchema, 7, 'nodes[6]')).toEqual([
      {
        code: 'invalid_type',
        path: 'nodes[6]',
        message: 'must be a node: an object with "id", "type" and "data"',
      },
    ]);
    expect(problemsOf(nodeSchema, { id: 'a', type: 'trigger', data: 5 }, 'nodes[0]')).toEqual([
      { code: 'invalid_type', path: 'nodes[0].data', message: 'must be an object with an "event"' },
    ]);
    expect(
      problemsOf(
        nodeSchema,
        { id: 'a', type: 'updateField', data: { field: 'status', operation: 'append' } },
        'nodes[1]',
      ),
    ).toEqual([
      {
        code: 'unknown_update_operation',
        path: 'nodes[1].data.operation',
        message: 'must be one of "set", "clear", "replaceWithOneOf"',
      },
    ]);
  });
});

describe('problem codes of zod issues', () => {
  it('names an unknown node type, trigger event and update operation each by its code', () => {
    expect(problemsOf(nodeSchema, { id: 'm', type: 'sendEmail', data: {} }, 'nodes[7]')).toEqual([
      {
        code: 'unknown_node_type',
        path: 'nodes[7].type',
        message: expect.stringContaining('must be one of'),
      },
    ]);
    expect(
      problemsOf(nodeSchema, { id: 't', type: 'trigger', data: { event: 'lead.deleted' } }, 'nodes[0]'),
    ).toEqual([expect.objectContaining({ code: 'unknown_trigger_event', path: 'nodes[0].data.event' })]);
  });

  it('takes the code a refinement names in its params, else invalid_value', () => {
    const named = z
      .string()
      .refine((s) => s === 'a', { error: 'must be a', params: problemParams('duplicate_value') });
    expect(problemsOf(named, 'b')).toEqual([{ code: 'duplicate_value', path: '', message: 'must be a' }]);
    const unnamed = z.string().refine((s) => s === 'a', { error: 'must be a' });
    expect(problemsOf(unnamed, 'b')).toEqual([{ code: 'invalid_value', path: '', message: 'must be a' }]);
    const unknown = z.string().refine((s) => s === 'a', { error: 'must be a', params: { code: 'nope' } });
    expect(problemsOf(unknown, 'b')[0].code).toBe('invalid_value');
  });

  it('reads the same codes for any schema, with zodIssueCode', () => {
    const schema = z.strictObject({
      id: z.string().regex(/^a+$/),
      n: z.number().int(),
      e: z.enum(['x', 'y']),
    });
    const input = { id: 'b', n: 1.5, e: 'z', extra: 1 };
    const result = schema.safeParse(input);
    expect(result.error?.issues.map((issue) => zodIssueCode(issue, input))).toEqual([
      'invalid_format',
      'invalid_type',
      'invalid_value',
      'unknown_property',
    ]);
    const missing = schema.safeParse({});
    expect(missing.error?.issues.map((issue) => zodIssueCode(issue, {}))).toEqual([
      'required',
      'required',
      'required',
    ]);
  });
});
