import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { WorkingHours } from '../api/client';
import { isOffHours } from './off-hours';
import { WorkingHoursInput } from './working-hours-input';

function Form({
  initial,
  seen,
}: {
  initial: WorkingHours | null;
  seen: (value: WorkingHours | null) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <WorkingHoursInput
      value={value}
      onChange={(next) => {
        seen(next);
        setValue(next);
      }}
      problems={[]}
    />
  );
}

describe(WorkingHoursInput.name, () => {
  it('takes a night shift that runs past midnight and says it ends the next day', async () => {
    const seen = jest.fn();
    render(<Form initial={{ timezone: 'Europe/Berlin', days: {} }} seen={seen} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add hours on Saturday' }));
    fireEvent.change(screen.getByLabelText('Saturday from'), { target: { value: '22:00' } });
    fireEvent.change(screen.getByLabelText('Saturday until'), { target: { value: '02:00' } });

    const hours = seen.mock.lastCall?.[0] as WorkingHours;
    expect(hours).toEqual({ timezone: 'Europe/Berlin', days: { sat: ['22:00-02:00'] } });
    expect(screen.getByText('(next day, Sunday)')).toBeInTheDocument();
    // The Managers page reads the night shift as the engine does: Saturday 23:00 and Sunday 01:30 in Berlin.
    expect(isOffHours({ workingHours: hours }, new Date('2026-11-28T22:00:00Z'))).toBe(false);
    expect(isOffHours({ workingHours: hours }, new Date('2026-11-29T00:30:00Z'))).toBe(false);
    expect(isOffHours({ workingHours: hours }, new Date('2026-11-29T01:30:00Z'))).toBe(true);
  });

  it('says nothing of the next day for a range within the day', () => {
    render(<Form initial={{ timezone: 'UTC', days: { mon: ['09:00-17:00'] } }} seen={jest.fn()} />);
    expect(screen.queryByText(/next day/)).not.toBeInTheDocument();
  });
});
