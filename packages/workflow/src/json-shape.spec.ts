import { jsonShapeProblems, jsonTextDepthProblem, MAX_JSON_DEPTH } from './json-shape';
import { parseWorkflow } from './parse-workflow';

const nestedArrays = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
const nestedObjects = (levels: number): unknown =>
  JSON.parse('{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1));

describe('jsonShapeProblems', () => {
  it('accepts a document nested exactly 256 levels deep', () => {
    expect(jsonShapeProblems(nestedArrays(MAX_JSON_DEPTH))).toEqual([]);
    expect(jsonShapeProblems(nestedObjects(MAX_JSON_DEPTH))).toEqual([]);
  });

  it('refuses 257 levels once, at the first container too deep', () => {
    const problems = jsonShapeProblems(nestedObjects(MAX_JSON_DEPTH + 1));
    expect(problems).toEqual([
      {
        code: 'too_deep',
        path: Array(MAX_JSON_DEPTH).fill('a').join('.'),
        message: 'is nested deeper than 256 levels, the most a document may be',
      },
    ]);
  });

  it('checks 500,000 levels without overflowing the stack', () => {
    const problems = jsonShapeProblems(nestedArrays(500_000));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('[0]'.repeat(MAX_JSON_DEPTH));
  });

  it('names every prototype key with its path, however deep', () => {
    const document = JSON.parse(
      '{"fields":{"__proto__":"x"},"list":[{"a":{"constructor":1}},{"prototype":{}}]}',
    );
    expect(jsonShapeProblems(document)).toEqual([
      { code: 'forbidden_key', path: 'fields.__proto__', message: '"__proto__" is not allowed as a key' },
      {
        code: 'forbidden_key',
        path: 'list[0].a.constructor',
        message: '"constructor" is not allowed as a key',
      },
      { code: 'forbidden_key', path: 'list[1].prototype', message: '"prototype" is not allowed as a key' },
    ]);
  });

  it('allows those words as values and inside longer keys', () => {
    expect(
      jsonShapeProblems({ key: 'constructor', tags: ['__proto__'], prototypes: 1, my_constructor: 2 }),
    ).toEqual([]);
  });

  it('lists at most 20 problems of a hostile document', () => {
    const wide = Array.from({ length: 1000 }, () => JSON.parse('{"__proto__":1}'));
    expect(jsonShapeProblems(wide)).toHaveLength(20);
  });
});

describe('parseWorkflow on hostile documents', () => {
  const file = {
    format: 'leadflow.workflow/v1',
    name: 'x',
    nodes: [{ id: 's', type: 'trigger', data: { event: 'lead.created' } }],
    edges: [],
  };

  it.each([
    ['format', { ...file, format: nestedArrays(5000) }],
    ['an unknown key', { ...file, extra: nestedObjects(5000) }],
    [
      'node data',
      { ...file, nodes: [{ ...file.nodes[0], data: { event: 'lead.created', x: nestedArrays(5000) } }] },
    ],
  ])('answers problems, not a stack overflow, for %s nested 5,000 levels deep', (_where, input) => {
    const result = parseWorkflow(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0].message).toMatch(/nested deeper than 256 levels/);
  });

  it('refuses a prototype key in a node with its path', () => {
    const input = JSON.parse(
      '{"format":"leadflow.workflow/v1","name":"x","nodes":[{"id":"s","type":"trigger","data":{"event":"lead.created","__proto__":{}}}],"edges":[]}',
    );
    expect(parseWorkflow(input)).toEqual({
      ok: false,
      problems: [
        {
          code: 'forbidden_key',
          path: 'nodes[0].data.__proto__',
          message: '"__proto__" is not allowed as a key',
        },
      ],
    });
  });

  it('reads a file whose unknown keys sit beside deep but allowed values', () => {
    const input = {
      ...file,
      nodes: [
        ...file.nodes,
        { id: 'f', type: 'filter', data: { condition: { '==': [1, 1] } }, extra: nestedArrays(200) },
      ],
    };
    const result = parseWorkflow(input);
    expect(!result.ok && result.problems).toEqual([
      { code: 'unknown_property', path: 'nodes[1]', message: 'unknown property "extra"' },
    ]);
  });
});

describe('jsonTextDepthProblem', () => {
  const problemOf = (text: string) => jsonTextDepthProblem(text);

  it('agrees with the check on parsed documents, path included', () => {
    const texts = [
      '['.repeat(300) + ']'.repeat(300),
      `{"x":[1,"a,]{[\\"",{"k\\"ey":${'{"a":'.repeat(255)}1${'}'.repeat(255)}}]}`,
      `[0,[1,2,${'['.repeat(256)}${']'.repeat(256)}]]`,
      '['.repeat(256) + ']'.repeat(256),
      '{"a":"[[[[[[[[[[[[[[[[[[["}',
    ];
    for (const text of texts) expect(problemOf(text)).toEqual(jsonShapeProblems(JSON.parse(text))[0] ?? null);
  });

  it('stops at the first value too deep in a megabyte of brackets', () => {
    expect(problemOf('['.repeat(1 << 20))?.path).toBe('[0]'.repeat(MAX_JSON_DEPTH));
  });
});
