import { useId, useMemo } from 'react';
import { readWorkingHoursRange } from '@leadflow/engine';
import { formatPath } from '@leadflow/workflow';
import { WEEK_DAYS, type Problem, type WeekDay, type WorkingHours } from '../api/client';
import { FieldIssues, isUnder } from './issues';

export const DAY_NAMES: Record<WeekDay, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every IANA time zone the browser knows (with UTC), and `current` if it is not among them. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set(['UTC', ...known]);
  if (current) zones.add(current);
  return [...zones].sort();
}

/** The day after each weekday, for a range that runs past midnight. */
const NEXT_DAY: Record<WeekDay, WeekDay> = {
  mon: 'tue',
  tue: 'wed',
  wed: 'thu',
  thu: 'fri',
  fri: 'sat',
  sat: 'sun',
  sun: 'mon',
};

const split = (range: string) => {
  const [from = '', to = ''] = range.split('-');
  return { from, to };
};

/**
 * Working hours as a time zone and, per weekday, ranges of a start and an end time; a day
 * without ranges is not worked. A range that ends before it starts runs past midnight into the
 * next day (the engine's reading), and says so. The server's problems (`workingHours.days.mon[0]`) show beside
 * their range.
 */
export function WorkingHoursInput({
  value,
  onChange,
  problems,
}: {
  value: WorkingHours | null;
  onChange: (next: WorkingHours | null) => void;
  problems: Problem[];
}) {
  const id = useId();
  const zones = useMemo(() => timeZones(value?.timezone ?? ''), [value?.timezone]);
  const setRanges = (day: WeekDay, ranges: string[]) => {
    const days = { ...value!.days };
    if (ranges.length > 0) days[day] = ranges;
    else delete days[day];
    onChange({ ...value!, days });
  };
  return (
    <fieldset>
      <legend>Working hours</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={value !== null}
          onChange={(event) =>
            onChange(
              event.target.checked
                ? {
                    timezone: localZone(),
                    days: Object.fromEntries(WEEK_DAYS.slice(0, 5).map((day) => [day, ['09:00-17:00']])),
                  }
                : null,
            )
          }
        />
        Only route leads to this manager during working hours
      </label>
      {value && (
        <>
          <div className="field">
            <label htmlFor={`${id}-tz`}>Time zone</label>
            <select
              id={`${id}-tz`}
              value={value.timezone}
              aria-invalid={problems.some((problem) => isUnder(problem, 'workingHours.timezone'))}
              onChange={(event) => onChange({ ...value, timezone: event.target.value })}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
            <FieldIssues problems={problems} path="workingHours.timezone" />
          </div>
          <ul className="week">
            {WEEK_DAYS.map((day) => {
              const ranges = value.days[day] ?? [];
              return (
                <li key={day}>
                  <span className="day">{DAY_NAMES[day]}</span>
                  <span className="ranges">
                    {ranges.length === 0 && <span className="hint">not working</span>}
                    {ranges.map((range, index) => {
                      const { from, to } = split(range);
                      const path = formatPath(['days', day, index], 'workingHours', 'dotted');
                      const invalid = problems.some((problem) => isUnder(problem, path));
                      const set = (next: { from?: string; to?: string }) =>
                        setRanges(
                          day,
                          ranges.map((other, i) =>
                            i === index ? `${next.from ?? from}-${next.to ?? to}` : other,
                          ),
                        );
                      const which = ranges.length > 1 ? ` (${index + 1})` : '';
                      return (
                        <span className="range" key={index}>
                          <input
                            type="time"
                            aria-label={`${DAY_NAMES[day]} from${which}`}
                            value={from}
                            aria-invalid={invalid}
                            onChange={(event) => set({ from: event.target.value })}
                          />
                          –
                          <input
                            type="time"
                            aria-label={`${DAY_NAMES[day]} until${which}`}
                            // "24:00" (the end of the day) is valid here but not in a time input.
                            value={to === '24:00' ? '23:59' : to}
                            aria-invalid={invalid}
                            onChange={(event) => set({ to: event.target.value })}
                          />
                          {readWorkingHoursRange(range)?.overnight && (
                            <span className="hint">(next day, {DAY_NAMES[NEXT_DAY[day]]})</span>
                          )}
                          <button
                            type="button"
                            aria-label={`Remove ${DAY_NAMES[day]} ${range}`}
                            onClick={() =>
                              setRanges(
                                day,
                                ranges.filter((_, i) => i !== index),
                              )
                            }
                          >
                            ×
                          </button>
                          <FieldIssues problems={problems} path={path} />
                        </span>
                      );
                    })}
                  </span>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Add hours on ${DAY_NAMES[day]}`}
                    onClick={() =>
                      setRanges(day, [...ranges, ranges.length === 0 ? '09:00-17:00' : '18:00-20:00'])
                    }
                  >
                    + hours
                  </button>
                </li>
              );
            })}
          </ul>
          <FieldIssues
            problems={problems.filter(
              (problem) => !/^workingHours\.(timezone|days\.\w+\[)/.test(problem.path ?? ''),
            )}
            path="workingHours"
          />
        </>
      )}
    </fieldset>
  );
}
