import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api, type WorkflowRecord, type WorkflowSummary } from '../api/client';
import { WorkflowsPage } from './workflows-page';

const summary = (id: string, name: string, active: boolean): WorkflowSummary => ({
  id,
  name,
  active,
  version: 1,
  lastRunAt: null,
  runsToday: 0,
});

const renderPage = () =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <WorkflowsPage />
    </QueryClientProvider>,
  );

describe('activation warnings on the Workflows page', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the overlapping workflows after activating, without undoing the activation', async () => {
    jest
      .spyOn(api, 'workflows')
      .mockResolvedValue([summary('w1', 'Route to Ed', true), summary('w2', 'Route to Ada', false)]);
    const message =
      'The active workflow "Route to Ed" (w1) also runs on new leads and also writes "manager": a lead both apply to gets the value of whichever runs last.';
    const activate = jest.spyOn(api, 'activate').mockResolvedValue({
      ...summary('w2', 'Route to Ada', true),
      problems: [],
      definition: {} as WorkflowRecord['definition'],
      warnings: [{ message, workflowId: 'w1', name: 'Route to Ed', field: 'manager' }],
    });
    renderPage();
    const user = userEvent.setup();
    const row = (await screen.findByRole('link', { name: 'Route to Ada' })).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Activate' }));

    expect(activate).toHaveBeenCalledWith('w2');
    const alert = await screen.findByRole('alert', { name: 'Activation warnings' });
    expect(alert).toHaveTextContent(
      'Route to Ada is active, but another active workflow may change the same field',
    );
    expect(alert).toHaveTextContent(message);
    expect(within(alert).getByRole('link', { name: 'Open Route to Ed' })).toHaveAttribute(
      'href',
      '/workflows/w1',
    );
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert', { name: 'Activation warnings' })).not.toBeInTheDocument();
  });

  it('shows nothing when activation warns of nothing', async () => {
    jest.spyOn(api, 'workflows').mockResolvedValue([summary('w2', 'Route to Ada', false)]);
    jest.spyOn(api, 'activate').mockResolvedValue({
      ...summary('w2', 'Route to Ada', true),
      problems: [],
      definition: {} as WorkflowRecord['definition'],
      warnings: [],
    });
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Activate' }));
    expect(api.activate).toHaveBeenCalled();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
