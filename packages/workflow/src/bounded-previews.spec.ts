import { parseWorkflow } from './parse-workflow';
import { childPath, clipText, previewValue, quoteList } from './problem';

describe('bounded previews', () => {
  it('quotes a string in part', () => {
    expect(previewValue('x'.repeat(900_000))).toBe(JSON.stringify(`${'x'.repeat(39)}…`));
    expect(previewValue('short')).toBe('"short"');
  });

  it('writes small values whole and large ones in part, without recursion', () => {
    expect(previewValue({ a: [1, 'b', null, true] })).toBe('{"a":[1,"b",null,true]}');
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(previewValue(deep)).toBe(`${'['.repeat(39)}…`);
    const wide = Array.from({ length: 100_000 }, (_, i) => i);
    expect(previewValue(wide).length).toBeLessThanOrEqual(40);
  });

  it('never cuts a surrogate pair', () => {
    expect(clipText('ab😀cd', 4)).toBe('ab…');
  });

  it('shows a long key of a path in part', () => {
    expect(childPath('fields', 'k'.repeat(900_000))).toBe(`fields["${'k'.repeat(63)}…"]`);
  });

  it('lists at most 20 values and counts the rest', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `v${i}`);
    expect(quoteList(values)).toMatch(/"v19" and 980 more$/);
  });

  it('keeps the problems of a 900 KB format short', () => {
    const result = parseWorkflow({ format: 'x'.repeat(900_000), name: 'x', nodes: [], edges: [] });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.problems).length).toBeLessThan(1000);
  });

  it('keeps the problem of a 900 KB unknown key short', () => {
    const result = parseWorkflow({
      format: 'leadflow.workflow/v1',
      name: 'x',
      nodes: [],
      edges: [],
      ['k'.repeat(900_000)]: 1,
    });
    expect(JSON.stringify(!result.ok && result.problems).length).toBeLessThan(1000);
  });
});
