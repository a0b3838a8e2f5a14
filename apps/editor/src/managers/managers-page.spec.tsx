import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api, ApiError, type Manager } from '../api/client';
import { ManagerForm } from './managers-page';

const ada: Manager = {
  id: 'm1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  active: true,
  available: true,
  awayUntil: null,
  workingHours: { timezone: 'Europe/Berlin', days: { mon: ['09:00-17:00'] } },
  capacity: 10,
  attributes: { region: 'EU', industries: ['Medicine'], seniority: 3, remote: true },
  openLeads: 2,
};

const renderForm = (onDone = jest.fn()) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ManagerForm manager={ada} onDone={onDone} />
    </QueryClientProvider>,
  );

describe(ManagerForm.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('edits attributes as typed rows and saves them as the API wants them', async () => {
    const update = jest.spyOn(api, 'updateManager').mockResolvedValue(ada);
    const onDone = jest.fn();
    renderForm(onDone);
    const user = userEvent.setup();

    expect(screen.getByLabelText('Value of region')).toHaveValue('EU');
    await user.type(screen.getByLabelText('Add to industries'), 'Pharma{Enter}');
    await user.click(screen.getByRole('button', { name: 'Remove Medicine from industries' }));
    await user.clear(screen.getByLabelText('Value of seniority'));
    await user.type(screen.getByLabelText('Value of seniority'), '4');
    await user.selectOptions(screen.getByLabelText('Value of remote'), 'no');
    await user.click(screen.getByRole('button', { name: 'Add an attribute' }));
    await user.type(screen.getByLabelText('Name of attribute 5'), 'languages');
    await user.selectOptions(screen.getByLabelText('Type of languages'), 'list');
    await user.type(screen.getByLabelText('Add to languages'), 'de, en,');
    await user.click(screen.getByRole('button', { name: 'Remove region' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(update).toHaveBeenCalledWith(
      'm1',
      expect.objectContaining({
        attributes: { industries: ['Pharma'], seniority: 4, remote: false, languages: ['de', 'en'] },
        workingHours: { timezone: 'Europe/Berlin', days: { mon: ['09:00-17:00'] } },
        capacity: 10,
      }),
    );
  });

  it('refuses a nameless or repeated attribute before asking the server', async () => {
    const update = jest.spyOn(api, 'updateManager');
    renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add an attribute' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(update).not.toHaveBeenCalled();
    expect(screen.getAllByText('Give the attribute a name.').length).toBeGreaterThan(0);
  });

  it("shows the server's 400 issues beside the inputs they concern", async () => {
    jest.spyOn(api, 'updateManager').mockRejectedValue(
      new ApiError(400, 'Bad Request', [
        { path: 'workingHours.days.mon[0]', message: 'must end after it starts' },
        { path: 'capacity', message: 'must be a whole number' },
      ]),
    );
    renderForm();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add hours on Tuesday' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const monday = (await screen.findByLabelText('Monday from')).closest('li')!;
    expect(within(monday).getByText('must end after it starts')).toBeInTheDocument();
    expect(screen.getByLabelText('Monday until')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByText('must be a whole number').length).toBeGreaterThan(0);
    expect(screen.getByRole('alert')).toHaveTextContent('workingHours.days.mon[0]');
  });
});
