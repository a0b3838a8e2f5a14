/**
 * @jest-environment node
 */
// Runs and steps in words, in real Chromium against the real server: runs named by their leads
// (links to them), steps by node labels, a filter's compared value, the lead's owner and workflow.
// Needs apps/server/dist/main.js and apps/editor/dist (npm run build); skips with a message without.
import type { Page } from 'playwright-core';
import { browserSuite, describeE2e, eventually } from './support/suite';

jest.setTimeout(120_000);

const suite = describeE2e('runs words e2e');

const WORKFLOW = {
  format: 'leadflow.workflow/v1',
  name: 'Germany first',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created', label: 'New lead' } },
    {
      id: 'filter-1',
      type: 'filter',
      data: { label: 'Only Germany', condition: { '==': [{ var: 'lead.country' }, 'DE'] } },
    },
    {
      id: 'updateField-1',
      type: 'updateField',
      data: {
        label: 'EU rotation',
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: ['ada@example.com', 'bo@example.com'],
      },
    },
    { id: 'addTag-1', type: 'addTag', data: { tag: 'abroad' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'filter-1' },
    { id: 'e2', source: 'filter-1', sourceHandle: 'pass', target: 'updateField-1' },
    { id: 'e3', source: 'filter-1', sourceHandle: 'fail', target: 'addTag-1' },
  ],
};

suite('runs and steps in words (Chromium)', () => {
  let page: Page;
  const { url, api, consoleErrors, step } = browserSuite('runs words e2e', {
    defaultTimeout: 10_000,
    team: true,
    setUp: (ready) => {
      page = ready.page;
    },
  });

  step(
    'names runs by their leads, steps by their labels, says what the filter compared, and links to the lead',
    async () => {
      const workflow = await api<{ id: string }>('POST', '/workflows', WORKFLOW);
      await api('POST', `/workflows/${workflow.id}/activate`);
      // Two leads a moment apart: their ids share their first characters.
      const anna = await api<{ id: string }>('POST', '/leads', {
        fields: { name: 'Anna Schmidt', country: 'DE' },
      });
      const jean = await api<{ id: string }>('POST', '/leads', {
        fields: { name: 'Jean Dupont', country: 'FR' },
      });
      await eventually(async () => {
        const runs = await api<{ status: string }[]>('GET', `/runs?workflowId=${workflow.id}`);
        expect(runs.filter((run) => run.status === 'completed')).toHaveLength(2);
      }, 30_000);

      await page.goto(`${url()}/workflows/${workflow.id}`);
      await page.getByTestId('node-start').waitFor();
      await page.getByRole('tab', { name: 'Runs' }).click();
      const runs = page.locator('.run-list > li');
      const annaLink = runs.getByRole('link', { name: 'Anna Schmidt' });
      const jeanLink = runs.getByRole('link', { name: 'Jean Dupont' });
      await annaLink.waitFor();
      await jeanLink.waitFor();
      expect(await annaLink.getAttribute('href')).toBe(`/leads/${anna.id}`);
      expect(await jeanLink.getAttribute('href')).toBe(`/leads/${jean.id}`);

      // Jean's run: the filter, by its label, failed on the country Jean has.
      const jeanRun = runs.filter({ has: page.getByRole('link', { name: 'Jean Dupont' }) });
      await jeanRun.locator('> button').click();
      const steps = jeanRun.locator('.steps > li.step');
      await eventually(async () =>
        expect(await steps.locator('.step-node').allInnerTexts()).toEqual([
          'New lead',
          'Only Germany',
          'Add tag',
        ]),
      );
      expect(await steps.nth(1).innerText()).toContain('Failed the filter — country was "FR"');
      expect(await jeanRun.locator('.steps').innerText()).not.toContain('filter-1');

      // Anna's run: passed, and her manager given by the labelled rotation.
      const annaRun = runs.filter({ has: page.getByRole('link', { name: 'Anna Schmidt' }) });
      await annaRun.locator('> button').click();
      await eventually(async () =>
        expect(await annaRun.locator('.steps').innerText()).toContain('Passed the filter — country was "DE"'),
      );
      expect(await annaRun.locator('.steps').innerText()).toContain('EU rotation');

      // The lead's name leads to the lead, with its owner and the workflow that gave it.
      await annaLink.click();
      await page.waitForURL(`**/leads/${anna.id}`);
      const dialog = page.getByRole('dialog', { name: 'Lead Anna Schmidt' });
      await dialog.waitFor();
      await eventually(async () =>
        expect(await dialog.getByTestId('lead-owner').innerText()).toBe(
          'Owner: Ada Lovelace, given by workflow “Germany first” v1',
        ),
      );
      expect(await dialog.locator('.run-list').innerText()).toContain('Germany first v1');
      expect(await dialog.locator('.run-list').innerText()).toContain('EU rotation');

      // Closing the lead leaves its address; the back button brings it back.
      await dialog.getByRole('button', { name: 'Close dialog' }).click();
      await page.waitForURL(/\/leads$/);
      await page.goBack();
      await page.getByRole('dialog', { name: 'Lead Anna Schmidt' }).waitFor();
      expect(consoleErrors).toEqual([]);
    },
  );
});
