import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api, ApiError, type Field } from '../api/client';
import { useFields } from '../api/queries';
import { FieldsPage } from './fields-page';

/** Stands for an open builder: what it lists is what the fields query holds. */
function FieldKeys() {
  const fields = useFields();
  return <p data-testid="builder-fields">{fields.data?.map((field) => field.key).join(' ')}</p>;
}

describe(FieldsPage.name, () => {
  let stored: Field[];
  beforeEach(() => {
    stored = [
      { key: 'name', label: 'Name', type: 'text' },
      { key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] },
    ];
    jest.spyOn(api, 'fields').mockImplementation(async () => stored.map((field) => ({ ...field })));
  });
  afterEach(() => jest.restoreAllMocks());

  const renderPage = () =>
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <FieldsPage />
        <FieldKeys />
      </QueryClientProvider>,
    );

  it('adds a custom field, which the open builder lists at once', async () => {
    const create = jest.spyOn(api, 'createField').mockImplementation(async (field) => {
      stored = [...stored, field];
      return field;
    });
    renderPage();
    const user = userEvent.setup();
    await screen.findByText('tier');
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a field' });
    await user.type(within(dialog).getByLabelText('Key'), 'region');
    await user.type(within(dialog).getByLabelText('Label'), 'Region');
    await user.selectOptions(within(dialog).getByLabelText('Type'), 'select');
    await user.type(within(dialog).getByLabelText('Options (one a line)'), 'EU{Enter}US');
    await user.click(within(dialog).getByRole('button', { name: 'Add field' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(create).toHaveBeenCalledWith({
      key: 'region',
      label: 'Region',
      type: 'select',
      options: ['EU', 'US'],
    });
    expect(await screen.findByText('EU, US')).toBeInTheDocument();
    expect(screen.getByTestId('builder-fields')).toHaveTextContent('name tier region');
  });

  it("edits a custom field's label and options, never its key; built-in fields are not editable", async () => {
    const update = jest.spyOn(api, 'updateField').mockImplementation(async (key, input) => {
      stored = stored.map((field) => (field.key === key ? { ...field, ...input } : field));
      return stored.find((field) => field.key === key)!;
    });
    renderPage();
    const user = userEvent.setup();
    await screen.findByText('tier');
    expect(screen.queryByRole('button', { name: 'Edit name' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Edit tier' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit field tier' });
    expect(within(dialog).queryByRole('textbox', { name: 'Key' })).toBeNull();
    await user.clear(within(dialog).getByLabelText('Label'));
    await user.type(within(dialog).getByLabelText('Label'), 'Customer tier');
    await user.type(within(dialog).getByLabelText('Options (one a line)'), '{Enter}Bronze');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(update).toHaveBeenCalledWith('tier', {
      label: 'Customer tier',
      options: ['Gold', 'Silver', 'Bronze'],
    });
    expect(await screen.findByText('Customer tier')).toBeInTheDocument();
  });

  it("shows the server's refusal beside the options and keeps focus there", async () => {
    jest
      .spyOn(api, 'updateField')
      .mockRejectedValue(
        new ApiError(409, 'workflow "Gold first" uses "Gold" (gold)', [
          { path: 'options', message: '"Gold" is used by workflow "Gold first"' },
        ]),
      );
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit tier' }));
    const options = screen.getByLabelText('Options (one a line)');
    await user.clear(options);
    await user.type(options, 'Silver');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert');
    expect(options).toHaveAttribute('aria-invalid', 'true');
    expect(options).toHaveFocus();
    expect(screen.getAllByText('"Gold" is used by workflow "Gold first"').length).toBeGreaterThan(0);
  });

  it('deletes a custom field after a confirmation, and the builder no longer lists it', async () => {
    jest.spyOn(api, 'deleteField').mockImplementation(async (key) => {
      stored = stored.filter((field) => field.key !== key);
    });
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete tier' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete field' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.getByTestId('builder-fields')).toHaveTextContent(/^name$/));
    expect(screen.queryByRole('button', { name: 'Delete name' })).toBeNull();
  });
});
