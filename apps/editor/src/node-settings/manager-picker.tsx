import { useId, useState } from 'react';
import { normalizeEmail } from '@leadflow/workflow';
import type { Manager } from '../api/client';
import { isOffHours } from '../managers/off-hours';
import { addValue, moveValue, removeValue, setWeight, type RotationValues } from './rotation-values';
import { WeightInput } from './weight-input';

function availability(manager: Manager | undefined): { text: string; tone: string } {
  if (!manager) return { text: 'unknown here', tone: 'bad' };
  if (!manager.active) return { text: 'inactive', tone: 'bad' };
  if (!manager.available) return { text: 'unavailable', tone: 'warn' };
  if (manager.awayUntil && new Date(manager.awayUntil) > new Date()) return { text: 'away', tone: 'warn' };
  if (isOffHours(manager, new Date())) return { text: 'off hours now', tone: 'warn' };
  if (manager.capacity !== null && manager.openLeads >= manager.capacity)
    return { text: 'at capacity', tone: 'warn' };
  return { text: 'available', tone: 'good' };
}

/**
 * The managers a replaceWithOneOf node hands out, in rotation order: search to add, drag (or
 * use the arrow buttons) to reorder. With weights, each weight travels with its manager.
 */
export function ManagerPicker({
  values,
  weights,
  managers,
  onChange,
}: {
  values: string[];
  weights?: number[];
  managers: Manager[];
  onChange: (values: string[], weights?: number[]) => void;
}) {
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  const byEmail = new Map(managers.map((manager) => [normalizeEmail(manager.email), manager]));
  const chosen = new Set(values.map(normalizeEmail));
  const needle = search.trim().toLowerCase();
  const candidates = managers.filter(
    (manager) =>
      !chosen.has(normalizeEmail(manager.email)) &&
      (!needle ||
        manager.name.toLowerCase().includes(needle) ||
        manager.email.toLowerCase().includes(needle)),
  );

  const current: RotationValues<string> = { values, weights };
  const change = (next: RotationValues<string>) => onChange(next.values, next.weights);
  const reorder = (from: number, to: number) => {
    if (to < 0 || to >= values.length || from === to) return;
    change(moveValue(current, from, to));
  };
  const remove = (index: number) => change(removeValue(current, index));
  const add = (email: string) => {
    change(addValue(current, email));
    setSearch('');
  };

  return (
    <div className="manager-picker">
      <ol className="chosen" aria-label="Managers in rotation order">
        {values.length === 0 && <li className="hint">No manager yet: add some below.</li>}
        {values.map((email, index) => {
          const manager = byEmail.get(normalizeEmail(email));
          const state = availability(manager);
          return (
            <li
              key={email}
              draggable
              className={dragged === index ? 'dragging' : undefined}
              onDragStart={(event) => {
                setDragged(index);
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', email);
              }}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged !== null) reorder(dragged, index);
                setDragged(null);
              }}
              onDragEnd={() => setDragged(null)}
            >
              <span className="grip" aria-hidden="true">
                ⋮⋮
              </span>
              <span className="order">{index + 1}.</span>
              <span className="who">
                {manager?.name ?? email}
                <small>{email}</small>
              </span>
              <span className={`pill ${state.tone}`}>{state.text}</span>
              {manager && (
                <small className="load" title="open leads / capacity">
                  {manager.openLeads}/{manager.capacity ?? '∞'}
                </small>
              )}
              {weights && (
                <WeightInput
                  label={`Weight of ${email}`}
                  value={weights[index] ?? 1}
                  onChange={(weight) => change(setWeight(current, index, weight))}
                />
              )}
              <span className="actions">
                <button
                  type="button"
                  aria-label={`Move ${email} up`}
                  disabled={index === 0}
                  onClick={() => reorder(index, index - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${email} down`}
                  disabled={index === values.length - 1}
                  onClick={() => reorder(index, index + 1)}
                >
                  ↓
                </button>
                <button type="button" aria-label={`Remove ${email}`} onClick={() => remove(index)}>
                  ×
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <label htmlFor={searchId}>Add a manager</label>
      <input
        id={searchId}
        type="search"
        placeholder="Search by name or email"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && candidates.length > 0) {
            event.preventDefault();
            add(candidates[0].email);
          }
        }}
      />
      <ul className="candidates" aria-label="Managers to add">
        {candidates.slice(0, 8).map((manager) => {
          const state = availability(manager);
          return (
            <li key={manager.id}>
              <button type="button" onClick={() => add(manager.email)} aria-label={`Add ${manager.name}`}>
                + {manager.name} <small>{manager.email}</small>
              </button>
              <span className={`pill ${state.tone}`}>{state.text}</span>
            </li>
          );
        })}
        {candidates.length === 0 && (
          <li className="hint">
            {managers.length === 0 ? 'No managers exist yet.' : 'No other manager matches.'}
          </li>
        )}
      </ul>
    </div>
  );
}
