import { compileWorkflow, startRun, type ManagerInfo, type RunPorts } from '@leadflow/engine';
import { WORKFLOW_FORMAT, type WorkflowFile } from '@leadflow/workflow';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testManager } from '../../test/fixtures';
import { api, type Lead, type Run, type WorkflowRecord } from '../api/client';
import { LeadOwner, LeadRuns } from '../leads/leads-page';
import { RunsPanel } from './runs-panel';
import { useEditor } from '../state/store';

// Runs as the engine writes them, for a workflow whose nodes have labels (and one without).
const definition: WorkflowFile = {
  format: WORKFLOW_FORMAT,
  name: 'Inbound routing',
  nodes: [
    { id: 'trigger-1', type: 'trigger', data: { event: 'lead.created', label: 'New lead' } },
    {
      id: 'filter-1',
      type: 'filter',
      data: { label: 'Only Germany', condition: { '==': [{ var: 'lead.country' }, 'DE'] } },
    },
    {
      id: 'update-1',
      type: 'updateField',
      data: {
        label: 'Round robin',
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: ['bo@example.com'],
      },
    },
    { id: 'tag-1', type: 'addTag', data: { tag: 'abroad' } },
  ],
  edges: [
    { id: 'e1', source: 'trigger-1', target: 'filter-1' },
    { id: 'e2', source: 'filter-1', sourceHandle: 'pass', target: 'update-1' },
    { id: 'e3', source: 'filter-1', sourceHandle: 'fail', target: 'tag-1' },
  ],
};
const compiled = compileWorkflow(definition);
const bo: ManagerInfo = { ...testManager('Bo Chen', 'bo@example.com') };
const managers = [testManager('Bo Chen', 'bo@example.com')];

// Two leads created a minute apart: UUIDv7 ids that share their first characters.
const ada: Lead = {
  id: '01a229dc-6a10-7000-8000-000000000001',
  fields: { name: 'Ada Meyer', country: 'DE' },
  tags: [],
  createdAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
};
const jean: Lead = {
  id: '01a229dc-a4f0-7000-8000-000000000002',
  fields: { email: 'jean@example.fr', country: 'FR' },
  tags: [],
  createdAt: '2026-11-28T10:01:00.000Z',
  updatedAt: '2026-11-28T10:01:00.000Z',
};

function runFor(lead: Lead, id: string): Run {
  const at = new Date(lead.createdAt);
  const ports: RunPorts = {
    now: () => at,
    loadRotation: () => null,
    manager: (email) => (email === bo.email ? bo : undefined),
    accountManagers: () => [],
  };
  const result = startRun(compiled, { event: { type: 'lead.created' }, lead, ports });
  return {
    id,
    workflowId: 'wf1',
    workflowVersion: 3,
    leadId: lead.id,
    event: { type: 'lead.created' },
    status: 'completed',
    startedAt: lead.createdAt,
    finishedAt: lead.createdAt,
    steps: result.steps,
  };
}
const runs = [runFor(jean, 'run-2'), runFor(ada, 'run-1')];

const renderWithQueries = (ui: React.ReactNode) =>
  render(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);

beforeEach(() => {
  jest.spyOn(api, 'managers').mockResolvedValue(managers);
  jest.spyOn(api, 'lead').mockImplementation(async (id) => [ada, jean].find((lead) => lead.id === id)!);
});
afterEach(() => {
  cleanup();
  jest.restoreAllMocks();
  useEditor.setState({ workflowId: null, savedJson: '' });
});

describe(RunsPanel.name, () => {
  beforeEach(() => {
    jest.spyOn(api, 'runs').mockResolvedValue(runs);
    useEditor.getState().load({ id: 'wf1', version: 3, active: true, definition });
  });

  it('tells runs apart by their leads, each a link to the lead', async () => {
    renderWithQueries(<RunsPanel workflowId="wf1" />);
    const adaLink = await screen.findByRole('link', { name: 'Ada Meyer' });
    // A lead without a name goes by its email.
    const jeanLink = await screen.findByRole('link', { name: 'jean@example.fr' });
    expect(adaLink).toHaveAttribute('href', `/leads/${ada.id}`);
    expect(jeanLink).toHaveAttribute('href', `/leads/${jean.id}`);
    expect(screen.queryByText(/01a229dc/)).not.toBeInTheDocument();
  });

  it("names the steps' nodes by their labels and says which value failed the filter", async () => {
    renderWithQueries(<RunsPanel workflowId="wf1" />);
    await screen.findByRole('link', { name: 'jean@example.fr' });
    const jeanRun = screen
      .getAllByRole('listitem')
      .find((item) => within(item).queryByText('jean@example.fr'))!;
    await userEvent.setup().click(within(jeanRun).getByRole('button'));
    const steps = within(jeanRun).getAllByRole('listitem');
    expect(steps.map((step) => step.querySelector('.step-node')?.textContent)).toEqual([
      'New lead',
      'Only Germany',
      'Add tag',
    ]);
    expect(steps[1]).toHaveTextContent('Failed the filter — country was "FR"');
    expect(jeanRun).not.toHaveTextContent('filter-1');
  });
});

describe('the lead view', () => {
  const record = { id: 'wf1', name: 'Inbound routing', active: true, version: 3, problems: [], definition };
  beforeEach(() => {
    jest.spyOn(api, 'runs').mockResolvedValue([runFor(ada, 'run-1')]);
    jest.spyOn(api, 'workflows').mockResolvedValue([record]);
    jest.spyOn(api, 'workflow').mockResolvedValue(record as WorkflowRecord);
  });

  it('shows the final owner by name and the workflow, with its version, that gave it', async () => {
    renderWithQueries(<LeadOwner lead={{ ...ada, fields: { ...ada.fields, manager: 'bo@example.com' } }} />);
    expect(
      await screen.findByText('Owner: Bo Chen, given by workflow “Inbound routing” v3'),
    ).toBeInTheDocument();
  });

  it("lists the lead's runs with their steps by node label and the values compared", async () => {
    renderWithQueries(<LeadRuns leadId={ada.id} />);
    expect(await screen.findByText('Round robin')).toBeInTheDocument();
    expect(screen.getByText(/Inbound routing v3/)).toBeInTheDocument();
    expect(screen.getByText('Only Germany').closest('li')).toHaveTextContent(
      'Passed the filter — country was "DE"',
    );
  });
});
