import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testManager } from '../../test/fixtures';
import { api, ApiError } from '../api/client';
import { ManagerForm, ManagersPage } from './managers-page';

const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const team = [
  testManager('Ada Lovelace', 'ada@example.com', { openLeads: 2 }),
  testManager('Bo Chen', 'bo@example.com', { awayUntil: inAnHour }),
  // Works no day of the week: off hours whenever the test runs.
  testManager('Cy Okafor', 'cy@example.com', { workingHours: { timezone: 'UTC', days: {} } }),
  testManager('Di Amato', 'di@example.com', { available: false }),
  testManager('Ed Park', 'ed@example.com', { active: false }),
];

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ManagersPage />
    </QueryClientProvider>,
  );

describe('Managers page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows one truthful status per manager: marked available but away or off hours is not "available"', async () => {
    jest.spyOn(api, 'managers').mockResolvedValue(team);
    renderPage();
    await screen.findByText('Ada Lovelace');
    const statuses = screen.getAllByTestId('manager-status').map((cell) => cell.textContent);
    expect(statuses).toEqual([
      'Available',
      `Away until ${new Date(inAnHour).toLocaleString()}`,
      'Off hours now',
      'Unavailable',
      'Retired',
    ]);
    expect(screen.queryByRole('checkbox', { checked: true })).toBeNull();
  });

  it('turns a refused delete into a sentence with a Deactivate button', async () => {
    jest.spyOn(api, 'managers').mockResolvedValue(team);
    jest
      .spyOn(api, 'deleteManager')
      .mockRejectedValue(
        new ApiError(
          409,
          'Ada Lovelace <ada@example.com> manages 2 leads and is named in workflow "Medicine"; set "active": false to retire them instead',
          [],
        ),
      );
    const update = jest.spyOn(api, 'updateManager').mockResolvedValue({ ...team[0], active: false });
    renderPage();
    const user = userEvent.setup();
    const row = (await screen.findByText('Ada Lovelace')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete manager' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Ada Lovelace cannot be deleted: Ada manages 2 leads and is named in workflow "Medicine".',
    );
    expect(dialog).not.toHaveTextContent('"active"');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith('ada@example.com', { active: false }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('keeps focus in the form on the refused input after a taken email, and Escape still closes it', async () => {
    jest
      .spyOn(api, 'createManager')
      .mockRejectedValue(
        new ApiError(409, 'A manager with email ada@example.com exists already', [
          { path: 'email', message: 'ada@example.com is taken' },
        ]),
      );
    const onDone = jest.fn();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ManagerForm manager={null} onDone={onDone} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Ada Again');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Add manager' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Email')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(onDone).toHaveBeenCalled();
  });
});
