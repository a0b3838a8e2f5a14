/**
 * @jest-environment node
 */
// Editing in real Chromium against the real server: what a user notices only in a browser (where
// a node lands, what covers what, where the keyboard's focus goes, what reaches another tab).
// Needs apps/server/dist/main.js and apps/editor/dist (npm run build); skips with a message without.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { repoRoot } from './support/server';
import { browserSuite, describeE2e } from './support/suite';

jest.setTimeout(120_000);

const suite = describeE2e('editing e2e');

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const within = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

suite('editing (Chromium)', () => {
  let page: Page;
  let context: BrowserContext;
  const { url, api, consoleErrors, step } = browserSuite('editing e2e', {
    team: true,
    setUp: (ready) => {
      ({ page, context } = ready);
      page.on('dialog', (dialog) => void dialog.accept());
    },
  });

  const node = (id: string) => page.getByTestId(`node-${id}`);
  const box = async (locator: Locator) => (await locator.boundingBox())!;
  const boxes = async (locator: Locator) =>
    (await Promise.all((await locator.all()).map((one) => one.boundingBox()))).filter(
      (b): b is Box => b !== null,
    );
  const workflowNames = async () =>
    (await api<Array<{ name: string }>>('GET', '/workflows')).map((w) => w.name);
  const focusedIsBody = () => page.evaluate(() => document.activeElement === document.body);

  const newWorkflow = async () => {
    await page.goto(`${url()}/workflows`);
    await page.getByRole('button', { name: 'New workflow' }).click();
    await node('start').waitFor();
  };

  /** Drags from one handle to a point on another element, as a person draws an edge. */
  const drag = async (from: Locator, to: Locator) => {
    const a = await box(from);
    const b = await box(to);
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await page.mouse.up();
  };

  step('leaves no workflow behind when a new one is abandoned, and stores it on its first save', async () => {
    await newWorkflow();
    await page.getByRole('button', { name: /^Filter/ }).click();
    await page.getByText('● Unsaved changes').waitFor();
    await page.getByRole('link', { name: '← Workflows' }).click(); // "Leave without saving?" accepted
    await page.waitForURL(/\/workflows$/);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    expect(await workflowNames()).toEqual([]);

    await page.getByRole('button', { name: 'New workflow' }).click();
    await node('start').waitFor();
    await page.getByLabel('Workflow name').fill('Kept');
    await page.keyboard.press('Control+s');
    await page.getByText('All changes saved').waitFor();
    await page.waitForURL(/\/workflows\/(?!new$)[^/]+$/);
    expect(await workflowNames()).toEqual(['Kept']);
  });

  step('places palette clicks inside the visible canvas, none on another node', async () => {
    await newWorkflow();
    // Move the view away from the trigger first: the nodes must come where the user looks.
    const canvas = page.locator('.canvas');
    const area = await box(canvas);
    await page.mouse.move(area.x + area.width / 2, area.y + 60);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width / 2 - 200, area.y + 260, { steps: 5 });
    await page.mouse.up();
    const added: Box[] = [];
    for (let n = 1; n <= 5; n += 1) {
      await page.getByRole('button', { name: /^Add tag/ }).click();
      await page.waitForTimeout(300); // the view may move to the new node
      const spot = await box(node(`addTag-${n}`));
      expect(within(spot, area)).toBe(true);
      for (const other of await Promise.all(added.map((_, i) => box(node(`addTag-${i + 1}`)))))
        expect(overlap(spot, other)).toBe(false);
      added.push(spot);
    }
  });

  step('auto-layout puts pass left of fail and fits the result into view', async () => {
    await newWorkflow();
    await page.getByRole('button', { name: /^Filter/ }).click();
    await page.getByRole('button', { name: /^Add tag/ }).click();
    await page.getByRole('button', { name: /^Remove tag/ }).click();
    await node('filter-1').click();
    await page.getByLabel('Connect fail to').selectOption('addTag-1');
    await page.getByLabel('Connect pass to').selectOption('removeTag-1');
    await node('start').click();
    await page.getByLabel('Connect next to').selectOption('filter-1');
    // Zoom in far, so that the laid-out workflow is out of view unless the view is fitted.
    for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForTimeout(600);
    const area = await box(page.locator('.canvas'));
    for (const id of ['start', 'filter-1', 'addTag-1', 'removeTag-1'])
      expect(within(await box(node(id)), area)).toBe(true);
    expect((await box(node('removeTag-1'))).x).toBeLessThan((await box(node('addTag-1'))).x);
  });

  step('says why an edge is refused', async () => {
    await newWorkflow();
    await page.getByRole('button', { name: /^Add tag/ }).click();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForTimeout(400);
    await drag(node('addTag-1').locator('.react-flow__handle.source'), node('start'));
    await page
      .getByRole('status')
      .filter({ hasText: 'Not connected: Nothing may lead into the trigger.' })
      .waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
  });

  step('Ctrl+Z in a label field undoes the typing only: the form stays, the nodes stay', async () => {
    await newWorkflow();
    await page.getByRole('button', { name: /^Add tag/ }).click();
    const label = page.getByLabel('Label');
    await label.click();
    await label.pressSequentially('Hot leads');
    await page.waitForTimeout(1100); // a pause, so the browser's undo has something to undo
    await label.pressSequentially(' only');
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(200);
    expect(await label.isVisible()).toBe(true);
    expect(await label.inputValue()).not.toBe('Hot leads only');
    await node('addTag-1').waitFor();
    expect(
      await page
        .getByRole('region', { name: 'Add tag settings' })
        .or(page.getByLabel('Add tag settings'))
        .count(),
    ).toBeGreaterThan(0);
  });

  step('the overview covers no node or handle at 1024×768', async () => {
    const file = JSON.parse(
      readFileSync(join(repoRoot, 'examples/by-location.workflow.json'), 'utf8'),
    ) as object;
    const imported = await api<{ id: string }>('POST', '/workflows/import', file);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${url()}/workflows/${imported.id}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(600);
    const covers = [
      await box(page.locator('.react-flow__minimap')),
      await box(page.locator('.react-flow__controls')),
    ];
    const shown = [
      ...(await boxes(page.locator('.react-flow__node'))),
      ...(await boxes(page.locator('.react-flow__handle'))),
    ];
    expect(shown.length).toBeGreaterThan(6);
    for (const cover of covers) for (const one of shown) expect(overlap(cover, one)).toBe(false);
    // And it can be put away.
    await page.getByRole('button', { name: 'Hide overview' }).click();
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await page.getByRole('button', { name: 'Show overview' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  step(
    'after a refused save in a dialog, focus stays on the refused input and Escape closes it',
    async () => {
      await page.goto(`${url()}/managers`);
      await page.getByRole('button', { name: 'Add manager' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a manager' });
      await dialog.getByLabel('Name').fill('Ada Again');
      await dialog.getByLabel('Email').fill('ada@example.com');
      await dialog.getByRole('button', { name: 'Add manager' }).click();
      await dialog.getByRole('alert').waitFor();
      expect(await dialog.getByLabel('Email').evaluate((input) => input === document.activeElement)).toBe(
        true,
      );
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    },
  );

  step('after connecting with the "Leads to" select, focus stays and Escape closes the form', async () => {
    await newWorkflow();
    await page.getByRole('button', { name: /^Add tag/ }).click();
    await node('start').click();
    // As from the keyboard: Tab to the select, choose the node.
    const select = page.getByLabel('Connect next to');
    await select.focus();
    await select.selectOption('addTag-1');
    expect(await page.locator('.react-flow__edge').count()).toBe(1);
    expect(await focusedIsBody()).toBe(false);
    await page.keyboard.press('Escape');
    await page.getByText('Select a node to edit it.').waitFor();
  });

  step(
    'a field added on the Fields page reaches an editor open in another tab, without a reload',
    async () => {
      await newWorkflow();
      await page.getByRole('button', { name: /^Update field/ }).click();
      const fieldSelect = page.getByLabel('Field', { exact: true });
      expect(await fieldSelect.locator('option', { hasText: 'Customer tier' }).count()).toBe(0);

      const other = await context.newPage();
      await other.goto(`${url()}/fields`);
      await other.getByRole('button', { name: 'Add field' }).click();
      const dialog = other.getByRole('dialog', { name: 'Add a field' });
      await dialog.getByLabel('Key').fill('tier');
      await dialog.getByLabel('Label').fill('Customer tier');
      await dialog.getByLabel('Type').selectOption('select');
      await dialog.getByLabel('Options (one a line)').fill('Gold\nSilver');
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await dialog.waitFor({ state: 'detached' });
      await other.getByRole('cell', { name: 'Customer tier' }).waitFor();

      // The first tab neither reloaded nor regained focus.
      await fieldSelect
        .locator('option', { hasText: 'Customer tier' })
        .waitFor({ state: 'attached', timeout: 5000 });
      await other.close();
    },
  );

  step('has logged no errors in the browser console', async () => {
    // The refused save of the taken email logs its 409 response.
    expect(consoleErrors.filter((text) => !/status of 409/.test(text))).toEqual([]);
  });
});
