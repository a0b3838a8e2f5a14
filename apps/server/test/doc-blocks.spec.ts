import { compactJson, expectedOutput, expectedRefusals, jsonValues, readBlocks } from './doc-blocks';

const page = (...lines: string[]) => readBlocks('page.md', lines.join('\n'));

describe('readBlocks', () => {
  it('runs every shell block unless the line right above it says why not', () => {
    const { blocks, problems } = page(
      '```sh',
      'curl -s localhost:3000/api/health',
      '```',
      '<!-- not run: starts a server until stopped -->',
      '```bash',
      'npm start',
      '```',
    );
    expect(problems).toEqual([]);
    expect(blocks.map((b) => [b.line, b.lang, b.notRun])).toEqual([
      [1, 'sh', null],
      [5, 'bash', 'starts a server until stopped'],
    ]);
  });

  it('refuses a marker without a reason, and one that is not right above a shell block', () => {
    expect(page('<!-- not run -->', '```sh', 'npm start', '```').problems).toEqual([
      'page.md:1: say why the block is not run: <!-- not run: why -->',
    ]);
    expect(page('<!-- not run: later -->', '', '```sh', 'npm start', '```').problems).toEqual([
      'page.md:1: a "not run" marker belongs on the line right above a ```sh block',
    ]);
    expect(page('<!-- not run: json -->', '```json', '{}', '```').problems).toHaveLength(1);
  });

  it('refuses commands in a block not labelled as shell, which would escape the test', () => {
    expect(page('```', 'curl -s localhost:3000/api/leads', '```').problems).toEqual([
      'page.md:1: a block of commands is labelled "": label it ```sh so that it is run (or mark it <!-- not run: why -->)',
    ]);
    expect(page('```', 'server    conc  leads', '```').problems).toEqual([]);
  });

  it('takes a json block right after a run block as its output, and no other', () => {
    const { blocks } = page(
      '```sh',
      'curl -s x',
      '```',
      '',
      '```json',
      '{"a": 1}',
      '```',
      'Later:',
      '```json',
      '{}',
      '```',
    );
    expect(blocks[0].output).toEqual({ line: 5, json: '{"a": 1}' });
    expect(blocks.filter((b) => b.output !== null)).toHaveLength(1);
  });

  it('knows the heading each block is under', () => {
    const { blocks } = page('## Node types', '### `wait`: pause the run', '```json', '{}', '```');
    expect(blocks[0].heading).toBe('`wait`: pause the run');
  });

  it('reports a block never closed', () => {
    expect(page('```sh', 'npm start').problems).toEqual(['page.md:1: the code block is never closed']);
  });
});

describe('what a block says of its output', () => {
  const code = [
    `curl -s -d '{"note": "# not a comment"}' x   # "manager": "ada@example.com"`,
    'curl -s "x#y" # 409 when taken',
    '# the next one, step by step',
    'curl -s y   # 201, inactive',
  ].join('\n');

  it('reads the output from comments that start with a quote', () => {
    expect(expectedOutput(code)).toEqual(['"manager": "ada@example.com"']);
  });

  it('reads the refusals from comments that start with a status of 400 or more', () => {
    expect(expectedRefusals(code)).toEqual([409]);
  });

  it('compares JSON whatever its spacing', () => {
    expect(compactJson('{"manager": "ada@example.com", "tags": [ "a" ]}')).toBe(
      '{"manager":"ada@example.com","tags":["a"]}',
    );
  });
});

describe('jsonValues', () => {
  it('reads the values a block shows one after another, a value spanning lines or not', () => {
    expect(jsonValues('{ "a": 1 }\n{ "b": [1,\n  2] }')).toEqual([{ a: 1 }, { b: [1, 2] }]);
  });

  it('gives null for a block that is not JSON', () => {
    expect(jsonValues('{"values": [1, …]}')).toBeNull();
  });
});
