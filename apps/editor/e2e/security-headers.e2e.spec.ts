/**
 * @jest-environment node
 */
// The editor and Swagger UI under the server's Content-Security-Policy (docs/security.md: no inline
// scripts, no framing), in real Chromium against the real server: they load and render with no
// violation, while an inline script injected into the page is refused, so the check can fail.
// Needs apps/server/dist/main.js and apps/editor/dist (npm run build); skips with a message without.
import type { BrowserContext, Page } from 'playwright-core';
import { apiAt } from './support/api';
import { launchChromium } from './support/browser';
import type { ServerProcess } from '@leadflow/test-support';
import { missingPrerequisite, ServerNotServing, startServer } from './support/server';

jest.setTimeout(120_000);

const missing = missingPrerequisite();
if (missing) console.warn(`[security headers e2e] skipped: ${missing}`);
const suite = missing ? describe.skip : describe;

/** A Content-Security-Policy header as directive → sources. */
function directives(policy: string | undefined): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

suite('the editor and the API docs under the Content-Security-Policy (Chromium)', () => {
  let server: ServerProcess | undefined;
  let browser: { context: BrowserContext; close: () => Promise<void> } | undefined;
  let page: Page;
  let notServing: string | null = null;
  const consoleErrors: string[] = [];

  const api = apiAt(() => server!.url);

  /** The policy violations the page reported since it loaded (a listener installed before any script runs). */
  const violations = () =>
    page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

  beforeAll(async () => {
    try {
      server = await startServer();
    } catch (error) {
      if (!(error instanceof ServerNotServing)) throw error;
      notServing = error.message;
      return;
    }
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    // Chromium also logs every violation to the console as an error: both are collected.
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber} ${event.sample})`,
        ),
      );
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the editor with the policy, and it renders the workflow list without a violation', async () => {
    if (notServing) return console.warn(`[security headers e2e] not run: ${notServing}`);
    await api('POST', '/workflows', {
      format: 'leadflow.workflow/v1',
      name: 'Under the policy',
      nodes: [{ id: 'start', type: 'trigger', data: { event: 'lead.created' } }],
      edges: [],
    });
    const response = await page.goto(`${server!.url}/workflows`);
    const headers = response!.headers();
    expect(headers['x-content-type-options']).toBe('nosniff');
    const policy = directives(headers['content-security-policy']);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);

    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    await page.getByRole('link', { name: 'Under the policy' }).waitFor();
    // The canvas too: React Flow styles its nodes inline, which the policy allows.
    await page.getByRole('link', { name: 'Under the policy' }).click();
    await page.getByTestId('node-start').waitFor();
    expect(await violations()).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('refuses an inline script injected into the editor', async () => {
    if (notServing) return;
    await page.goto(`${server!.url}/workflows`);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      await new Promise((done) => setTimeout(done, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    expect(await violations()).toEqual([expect.stringMatching(/^script-src(-elem)? blocked inline/)]);
    // Chromium's report of it in the console is the one error expected here.
    expect(consoleErrors).toEqual([expect.stringMatching(/Content Security Policy/)]);
    consoleErrors.length = 0;
  });

  it('serves Swagger UI at /api/docs, which renders the API under the policy', async () => {
    if (notServing) return;
    const response = await page.goto(`${server!.url}/api/docs`);
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    await page.locator('.swagger-ui .info .title').getByText('Leadflow API').waitFor();
    await page.locator('.opblock-tag', { hasText: 'leads' }).first().waitFor();
    // "Try it out" sends the request from the page: connect-src allows this server.
    const health = page.locator('.opblock', { has: page.locator('[data-path="/api/health"]') }).first();
    await health.locator('.opblock-summary').click();
    await health.getByRole('button', { name: 'Try it out' }).click();
    await health.getByRole('button', { name: 'Execute' }).click();
    await health.locator('.live-responses-table .response-col_status', { hasText: '200' }).waitFor();
    expect(await violations()).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
