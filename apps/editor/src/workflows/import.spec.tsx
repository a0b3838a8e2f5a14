import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError, type WorkflowRecord } from '../api/client';
import { importFile, ImportResultDialog } from './import';

const fileOf = (text: string, name = 'bad.workflow.json') => {
  const file = new File([text], name, { type: 'application/json' });
  // jsdom's File has no text(); browsers do.
  Object.defineProperty(file, 'text', { value: () => Promise.resolve(text) });
  return file;
};

describe(importFile.name, () => {
  it('reports a file that is not JSON without calling the server', async () => {
    const send = jest.fn();
    const result = await importFile(fileOf('{ nope'), send);
    expect(send).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0].message).toMatch(/bad.workflow.json is not JSON/);
  });

  it("hands on every issue of the server's 400", async () => {
    const send = jest.fn().mockRejectedValue(
      new ApiError(400, 'Bad Request', [
        { path: 'format', message: 'must be "leadflow.workflow/v1"' },
        { path: 'nodes[0].data.event', message: 'must be one of …' },
      ]),
    );
    const result = await importFile(fileOf('{"format":"v0"}'), send);
    expect(send).toHaveBeenCalledWith({ format: 'v0' });
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'format', message: 'must be "leadflow.workflow/v1"' },
        { path: 'nodes[0].data.event', message: 'must be one of …' },
      ],
    });
  });
});

describe(ImportResultDialog.name, () => {
  it('lists the problems of a refused import with their paths', () => {
    render(
      <ImportResultDialog
        fileName="bad.workflow.json"
        result={{
          ok: false,
          problems: [{ path: 'nodes[2].data.values', message: 'unknown email zed@example.com' }],
        }}
        onOpen={jest.fn()}
        onClose={jest.fn()}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Import refused' });
    expect(dialog).toHaveTextContent('bad.workflow.json was not imported: one problem');
    expect(dialog).toHaveTextContent('nodes[2].data.values');
    expect(dialog).toHaveTextContent('unknown email zed@example.com');
  });

  it('offers to open an imported workflow', async () => {
    const onOpen = jest.fn();
    const workflow = {
      id: 'w1',
      name: 'Round robin',
      active: false,
      version: 1,
      problems: [],
    } as unknown as WorkflowRecord;
    render(
      <ImportResultDialog
        fileName="rr.workflow.json"
        result={{ ok: true, workflow }}
        onOpen={onOpen}
        onClose={jest.fn()}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open in the editor' }));
    expect(onOpen).toHaveBeenCalledWith('w1');
  });
});
