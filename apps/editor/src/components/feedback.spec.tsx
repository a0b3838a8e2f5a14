import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProblemsPanel } from '../workflows/editor/problems-panel';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { DeleteDialog, Dialog, ProblemList } from './feedback';

describe(ProblemList.name, () => {
  it('shows each problem with its path', () => {
    render(
      <ProblemList
        problems={[
          { path: 'nodes[2].data.values', message: 'zed@example.com is not a manager here' },
          { path: 'format', message: 'must be "leadflow.workflow/v1"' },
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('nodes[2].data.values');
    expect(items[0]).toHaveTextContent('zed@example.com is not a manager here');
    expect(items[1]).toHaveTextContent('format');
  });

  it('leads to the node a problem names', async () => {
    const onSelectNode = jest.fn();
    render(
      <ProblemList
        problems={[{ nodeId: 'assign', message: 'needs at least one value' }]}
        onSelectNode={onSelectNode}
        nodeLabel={(id) => `Update field ${id}`}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Update field assign' }));
    expect(onSelectNode).toHaveBeenCalledWith('assign');
  });
});

describe(ProblemsPanel.name, () => {
  it('groups problems by what they block and shows a refusal first', () => {
    render(
      <ProblemsPanel
        refusal={{
          title: 'Activation refused',
          problems: [{ path: 'nodes[1]', message: 'is not reachable from the trigger' }],
        }}
        save={[{ path: 'name', message: 'the name must not be empty' }]}
        activation={[{ nodeId: 'x', message: 'has an edge into the trigger' }]}
        server={[]}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Activation refused');
    expect(screen.getByRole('alert')).toHaveTextContent('is not reachable from the trigger');
    expect(screen.getByText('Blocks saving (1)')).toBeInTheDocument();
    expect(screen.getByText('Blocks activation (1)')).toBeInTheDocument();
  });

  it('says so when there is nothing to fix', () => {
    render(<ProblemsPanel refusal={null} save={[]} activation={[]} server={[]} />);
    expect(screen.getByText(/No problems/)).toBeInTheDocument();
  });
});

describe(DeleteDialog.name, () => {
  it("shows the server's refusal and stays open", async () => {
    const onClose = jest.fn();
    const remove = jest
      .fn()
      .mockRejectedValue(
        new ApiError(409, 'ada@example.com still manages 3 leads: set active to false instead', []),
      );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <DeleteDialog title="Delete manager" message="Delete Ada?" remove={remove} onClose={onClose} />
      </QueryClientProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('still manages 3 leads');
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe(Dialog.name, () => {
  it('keeps Tab inside and closes on Escape', async () => {
    const onClose = jest.fn();
    render(
      <Dialog title="Edit" onClose={onClose}>
        <input aria-label="First" />
        <button type="button">Last</button>
      </Dialog>,
    );
    expect(screen.getByLabelText('First')).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Last' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Close dialog' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByLabelText('First')).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
