/**
 * The code blocks of a Markdown page, as the docs test (`docs.e2e.spec.ts`) reads them. The rules,
 * also in docs/architecture.md (Tests):
 * - a ```sh, ```bash or ```shell block is run, unless the line right above it is
 *   `<!-- not run: <why> -->`;
 * - a ```json block right after a run block (nothing but blank lines between) is that block's output;
 * - in a run block, a comment that starts with `"` is output the block prints (`# "manager": "ada@example.com"`),
 *   and a comment that starts with an HTTP status of 400 or more is a refusal the block expects (`# 400`).
 */

export interface DocBlock {
  /** The page, relative to the repository (`docs/api.md`). */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's info string (`sh`, `json`, `` for none). */
  lang: string;
  code: string;
  /** Why the block is not run (the `<!-- not run: … -->` right above it), or null. */
  notRun: string | null;
  /** The ```json block right after a run block: what the block prints, as JSON. */
  output: { line: number; json: string } | null;
  /** The text of the last heading above the block (`` `wait`: pause the run ``), or ''. */
  heading: string;
}

export const RUN_LANGS = new Set(['sh', 'bash', 'shell']);

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const MARKER = /^<!--\s*not run\b\s*:?\s*(.*?)\s*-->\s*$/;
// A block without a shell label whose lines look like commands would escape the test.
const COMMAND_LINE = /^\s*(\$\s+)?(curl|npm|npx|node|docker|psql|redis-cli)\s/;

/** The code blocks of a page and every breach of the rules above. */
export function readBlocks(file: string, markdown: string): { blocks: DocBlock[]; problems: string[] } {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  const problems: string[] = [];
  let previous = -1; // the last non-blank line outside blocks
  let runClose = -1; // the closing fence of the last block, when it is run
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) {
      const title = /^#{1,6}\s+(.*)$/.exec(lines[i]);
      if (title) heading = title[1].trim();
      if (lines[i].trim() !== '') {
        const marker = MARKER.exec(lines[i].trim());
        if (marker) {
          const next = lines.slice(i + 1).findIndex((line) => line.trim() !== '');
          const fence = next < 0 ? null : FENCE.exec(lines[i + 1 + next]);
          if (!fence || !RUN_LANGS.has(fence[3]) || next !== 0)
            problems.push(
              `${file}:${i + 1}: a "not run" marker belongs on the line right above a \`\`\`sh block`,
            );
        }
        previous = i;
      }
      continue;
    }
    const [, , fence, lang] = open;
    const closing = new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`);
    const close = lines.findIndex((line, j) => j > i && closing.test(line));
    if (close < 0) {
      problems.push(`${file}:${i + 1}: the code block is never closed`);
      break;
    }
    const code = lines.slice(i + 1, close).join('\n');
    const marker = previous >= 0 && previous === i - 1 ? MARKER.exec(lines[previous].trim()) : null;
    const notRun = marker ? marker[1] : null;
    if (marker && !notRun)
      problems.push(`${file}:${previous + 1}: say why the block is not run: <!-- not run: why -->`);
    if (lang === 'json' && runClose >= 0 && previous === runClose)
      blocks[blocks.length - 1].output = { line: i + 1, json: code };
    if (!RUN_LANGS.has(lang) && lines.slice(i + 1, close).some((line) => COMMAND_LINE.test(line)))
      problems.push(
        `${file}:${i + 1}: a block of commands is labelled "${lang}": label it \`\`\`sh so that it is run (or mark it <!-- not run: why -->)`,
      );
    blocks.push({
      file,
      line: i + 1,
      lang,
      code,
      notRun: RUN_LANGS.has(lang) ? notRun : null,
      output: null,
      heading,
    });
    runClose = RUN_LANGS.has(lang) && notRun === null ? close : -1;
    previous = close;
    i = close;
  }
  return { blocks, problems };
}

/** The comments of a shell block (the text after `#`, trimmed), outside quotes, in order. */
export function shellComments(code: string): string[] {
  const comments: string[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '\\' && !single) i++;
    else if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (c === '#' && !single && !double && (i === 0 || /\s/.test(code[i - 1]))) {
      const end = code.indexOf('\n', i);
      comments.push(code.slice(i + 1, end < 0 ? undefined : end).trim());
      i = end < 0 ? code.length : end - 1;
    }
  }
  return comments;
}

/** What a run block says it prints: its comments that start with `"`. */
export function expectedOutput(code: string): string[] {
  return shellComments(code).filter((comment) => comment.startsWith('"'));
}

/** The refusals a run block expects: its comments that start with a status of 400 or more. */
export function expectedRefusals(code: string): number[] {
  return shellComments(code)
    .map((comment) => /^([1-5]\d\d)\b/.exec(comment))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) >= 400)
    .map((match) => Number(match[1]));
}

/** JSON text with no white space around its punctuation, so `"a": 1` and `"a":1` compare equal. */
export function compactJson(text: string): string {
  return text.replace(/\s*([:,{}[\]])\s*/g, '$1');
}

/**
 * The JSON values of a block that shows several one after another (`{…}` per line, a value may span
 * lines), or null when the block is not such a sequence.
 */
export function jsonValues(code: string): unknown[] | null {
  const values: unknown[] = [];
  let pending = '';
  for (const line of code.split('\n')) {
    pending += `${line}\n`;
    if (pending.trim() === '') continue;
    try {
      values.push(JSON.parse(pending));
      pending = '';
    } catch {
      // the value goes on on the next line
    }
  }
  return pending.trim() === '' && values.length ? values : null;
}
