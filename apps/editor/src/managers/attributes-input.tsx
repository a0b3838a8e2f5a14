import { useId, useState } from 'react';
import { formatPath } from '@leadflow/workflow';
import type { Attributes, Problem } from '../api/client';
import { FieldIssues, isUnder } from './issues';

/** The path the server gives a problem of this attribute (by name) or row (by index). */
const attributePath = (key: string | number) => formatPath([key], 'attributes', 'dotted');

export type AttributeType = 'text' | 'number' | 'boolean' | 'list';

export interface AttributeRow {
  /** Stable across renames, for React's keys. */
  rowId: number;
  key: string;
  type: AttributeType;
  text: string;
  yes: boolean;
  words: string[];
}

const TYPE_LABELS: Record<AttributeType, string> = {
  text: 'text',
  number: 'number',
  boolean: 'yes/no',
  list: 'list of words',
};

let nextRowId = 1;
export const newRow = (key = '', type: AttributeType = 'text'): AttributeRow => ({
  rowId: nextRowId++,
  key,
  type,
  text: '',
  yes: true,
  words: [],
});

/** A manager's attributes as rows, one per key, each typed by its value. */
export function rowsOf(attributes: Attributes | undefined): AttributeRow[] {
  return Object.entries(attributes ?? {}).map(([key, value]) => {
    if (Array.isArray(value)) return { ...newRow(key, 'list'), words: value };
    if (typeof value === 'number') return { ...newRow(key, 'number'), text: String(value) };
    if (typeof value === 'boolean') return { ...newRow(key, 'boolean'), yes: value };
    return { ...newRow(key, 'text'), text: value };
  });
}

/** The attributes of the rows, or the problems that keep them from being saved (paths as the server's). */
export function attributesOf(rows: AttributeRow[]): { attributes: Attributes; problems: Problem[] } {
  const attributes: Attributes = {};
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) {
      problems.push({ path: attributePath(rows.indexOf(row)), message: 'Give the attribute a name.' });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ path: attributePath(key), message: `"${key}" is used twice: each name once.` });
      continue;
    }
    seen.add(key);
    if (row.type === 'number') {
      const number = Number(row.text);
      if (row.text.trim() === '' || !Number.isFinite(number))
        problems.push({ path: attributePath(key), message: 'must be a number' });
      else attributes[key] = number;
    } else if (row.type === 'boolean') attributes[key] = row.yes;
    else if (row.type === 'list') attributes[key] = row.words;
    else attributes[key] = row.text;
  }
  return { attributes, problems };
}

/** Words as removable chips; Enter or a comma adds what is typed. */
function WordsInput({
  label,
  words,
  onChange,
}: {
  label: string;
  words: string[];
  onChange: (words: string[]) => void;
}) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const word = draft.trim();
    if (word && !words.includes(word)) onChange([...words, word]);
    setDraft('');
  };
  return (
    <div className="chips">
      {words.map((word) => (
        <span className="chip" key={word}>
          {word}
          <button
            type="button"
            aria-label={`Remove ${word} from ${label}`}
            onClick={() => onChange(words.filter((other) => other !== word))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={`Add to ${label}`}
        placeholder={words.length === 0 ? 'type a word, Enter' : 'add…'}
        value={draft}
        onChange={(event) => {
          // A comma ends a word, so "Medicine, Pharma" can be typed or pasted in one go.
          const parts = event.target.value.split(',');
          if (parts.length > 1) {
            const fresh = parts
              .slice(0, -1)
              .map((part) => part.trim())
              .filter((part) => part && !words.includes(part));
            onChange([...words, ...new Set(fresh)]);
          }
          setDraft(parts.at(-1)!);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          } else if (event.key === 'Backspace' && draft === '' && words.length > 0) {
            onChange(words.slice(0, -1));
          }
        }}
        onBlur={add}
      />
    </div>
  );
}

/** Attributes as rows of name, type and value; add and remove rows. */
export function AttributesInput({
  rows,
  onChange,
  problems,
}: {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  problems: Problem[];
}) {
  const id = useId();
  const update = (rowId: number, change: Partial<AttributeRow>) =>
    onChange(rows.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)));
  return (
    <fieldset>
      <legend>Attributes</legend>
      <p className="hint">
        Facts about the manager that eligibility conditions can use, such as a region or the industries they
        cover (<code>candidate.attributes.region</code>).
      </p>
      {rows.length > 0 && (
        <ul className="attribute-rows">
          {rows.map((row, index) => {
            const name = row.key.trim() || `attribute ${index + 1}`;
            const path = attributePath(row.key.trim() || index);
            const invalid = problems.some((problem) => isUnder(problem, path));
            return (
              <li key={row.rowId}>
                <input
                  className="attribute-key"
                  aria-label={`Name of attribute ${index + 1}`}
                  placeholder="name, e.g. region"
                  maxLength={64}
                  value={row.key}
                  aria-invalid={invalid}
                  onChange={(event) => update(row.rowId, { key: event.target.value })}
                />
                <select
                  aria-label={`Type of ${name}`}
                  value={row.type}
                  onChange={(event) => update(row.rowId, { type: event.target.value as AttributeType })}
                >
                  {(Object.keys(TYPE_LABELS) as AttributeType[]).map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABELS[type]}
                    </option>
                  ))}
                </select>
                <span className="attribute-value">
                  {row.type === 'text' && (
                    <input
                      aria-label={`Value of ${name}`}
                      value={row.text}
                      onChange={(event) => update(row.rowId, { text: event.target.value })}
                    />
                  )}
                  {row.type === 'number' && (
                    <input
                      aria-label={`Value of ${name}`}
                      type="number"
                      step="any"
                      value={row.text}
                      aria-invalid={invalid}
                      onChange={(event) => update(row.rowId, { text: event.target.value })}
                    />
                  )}
                  {row.type === 'boolean' && (
                    <select
                      aria-label={`Value of ${name}`}
                      value={row.yes ? 'yes' : 'no'}
                      onChange={(event) => update(row.rowId, { yes: event.target.value === 'yes' })}
                    >
                      <option value="yes">yes</option>
                      <option value="no">no</option>
                    </select>
                  )}
                  {row.type === 'list' && (
                    <WordsInput
                      label={name}
                      words={row.words}
                      onChange={(words) => update(row.rowId, { words })}
                    />
                  )}
                </span>
                <button
                  type="button"
                  aria-label={`Remove ${name}`}
                  onClick={() => onChange(rows.filter((other) => other.rowId !== row.rowId))}
                >
                  ×
                </button>
                <FieldIssues problems={problems} path={path} id={`${id}-${row.rowId}`} />
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" onClick={() => onChange([...rows, newRow()])}>
        Add an attribute
      </button>
      <FieldIssues problems={problems.filter((problem) => problem.path === 'attributes')} path="attributes" />
    </fieldset>
  );
}
