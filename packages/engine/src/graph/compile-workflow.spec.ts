import { addTag, filter, replaceManager, setField, trigger, workflowFile } from '../../test/fixtures';
import { compileWorkflow } from './compile-workflow';

describe(compileWorkflow.name, () => {
  const definition = workflowFile(
    [
      trigger(),
      filter('f', true),
      addTag('a'),
      addTag('b'),
      replaceManager('r', ['Ada@X.com']),
      setField('s', 'manager', 'Bo@X.com'),
    ],
    [
      ['start', 'f'],
      ['f', 'a'],
      ['f', 'b', 'fail'],
      ['f', 'r', 'pass'],
      ['r', 'a'],
      ['r', 'b', 'none'],
      ['r', 'missing'],
    ],
  );
  const workflow = compileWorkflow(definition);

  it('groups outgoing edges by handle in edge order, a filter’s omitted handle as pass', () => {
    const f = workflow.nodes.get('f')!;
    expect(f.out.all).toEqual(['a', 'b', 'r']);
    expect(f.out.byHandle.get('pass')).toEqual(['a', 'r']);
    expect(f.out.byHandle.get('fail')).toEqual(['b']);
    const r = workflow.nodes.get('r')!;
    expect(r.out.exceptNone).toEqual(['a']);
    expect(r.out.byHandle.get('none')).toEqual(['b']);
    expect(workflow.trigger?.id).toBe('start');
  });

  it('lower-cases manager emails and keeps nothing of the definition', () => {
    expect(workflow.nodes.get('r')).toMatchObject({ assignment: { values: ['ada@x.com'] } });
    expect(workflow.nodes.get('s')).toMatchObject({ value: 'bo@x.com' });
    (definition.nodes[0].data as { event: string }).event = 'lead.tagAdded';
    expect(workflow.trigger?.trigger).toEqual({ event: 'lead.created' });
  });
});
