import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor, type ServerProcess } from '@leadflow/test-support';
import type { BrowserContext, Page } from 'playwright-core';
import { apiAt } from './api';
import { launchChromium } from './browser';
import { missingPrerequisite, repoRoot, ServerNotServing, startServer } from './server';

/** `describe` where the browser suites can run, else `describe.skip` after a warning saying what is missing. */
export function describeE2e(label: string): jest.Describe {
  const missing = missingPrerequisite();
  if (missing) console.warn(`[${label}] skipped: ${missing}`);
  return missing ? describe.skip : describe;
}

/** What differs between the browser suites' set-ups. */
export interface BrowserSuiteOptions {
  /** Console errors the suite provokes and ignores (a refused request's "status of 422"). */
  ignoreConsole?: RegExp;
  /** The page's default timeout of actions and waits, in ms; Playwright's own (30 s) when absent. */
  defaultTimeout?: number;
  /** Adds the demo team (examples/managers.json) through the API before the tests. */
  team?: boolean;
  /** The suite's own set-up, once the server, the page and the team are there. */
  setUp?: (ready: { page: Page; context: BrowserContext }) => Promise<void> | void;
}

/** What a browser suite's tests use; `url()` and `api` work from `beforeAll` on. */
export interface BrowserSuite {
  /** The server's address, `http://127.0.0.1:<port>`. */
  url: () => string;
  /** The server's API (see `apiAt`). */
  api: ReturnType<typeof apiAt>;
  /** Errors the page logged or threw, minus `ignoreConsole`; a last step checks it is empty. */
  consoleErrors: string[];
  /** `it`, except that it warns and passes when the server build does not serve HTTP. */
  step: (name: string, body: () => Promise<void>, timeoutMs?: number) => void;
}

/**
 * The set-up every browser suite shares, called inside its `describe`: in `beforeAll` the built
 * server on a fresh SQLite database (`startServer`), headless Chromium with one page that collects
 * console and page errors, the demo team when asked, then `setUp`; in `afterAll` both closed.
 * `label` names the suite in warnings.
 */
export function browserSuite(label: string, options: BrowserSuiteOptions = {}): BrowserSuite {
  let server: ServerProcess | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let notServing: string | null = null;
  const consoleErrors: string[] = [];
  const url = () => server!.url;
  const api = apiAt(url);

  beforeAll(async () => {
    try {
      server = await startServer();
    } catch (error) {
      if (!(error instanceof ServerNotServing)) throw error;
      notServing = error.message;
      console.warn(`[${label}] skipped: ${notServing}`);
      return;
    }
    browser = await launchChromium();
    const page = await browser.context.newPage();
    if (options.defaultTimeout) page.setDefaultTimeout(options.defaultTimeout);
    page.on('console', (message) => {
      if (message.type() === 'error' && !options.ignoreConsole?.test(message.text()))
        consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    if (options.team) {
      const team = JSON.parse(readFileSync(join(repoRoot, 'examples/managers.json'), 'utf8')) as object[];
      for (const manager of team) await api('POST', '/managers', manager);
    }
    await options.setUp?.({ page, context: browser.context });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const step = (name: string, body: () => Promise<void>, timeoutMs?: number) =>
    it(
      name,
      async () => {
        if (notServing) {
          console.warn(`[${label}] "${name}" not run: ${notServing}`);
          return;
        }
        await body();
      },
      timeoutMs,
    );

  return { url, api, consoleErrors, step };
}

/**
 * Retries a check until it passes or `timeoutMs` have gone, then throws its last failure
 * (playwright-core brings no `expect` that waits).
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  await waitFor('a check to pass', check, { until: () => true, errors: 'retry', timeoutMs, intervalMs: 200 });
}
