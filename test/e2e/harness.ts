/**
 * Launches Debian's Chromium with the built extension loaded unpacked, in a fresh persistent
 * profile, and serves the demo site. Every e2e test goes through here so flags live in one place.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The build under test; TASTEFUL_EXTENSION_DIR points benches at another (before/after comparisons). */
export const EXTENSION_DIR = process.env.TASTEFUL_EXTENSION_DIR ?? resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags this closed network needs; without them Chromium keeps dialling Google. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export async function launchWithExtension(
  opts: { userDataDir?: string; keepProfile?: boolean; extraArgs?: string[] } = {},
): Promise<ExtensionSession> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`no build at ${EXTENSION_DIR}: run "npm run build" first`);
  const userDataDir = opts.userDataDir ?? (await mkdtemp(join(tmpdir(), 'tasteful-e2e-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(opts.extraArgs ?? []), `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
    viewport: { width: 1280, height: 900 },
  });
  let serviceWorker = context.serviceWorkers()[0];
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: async () => {
      await context.close().catch(() => undefined);
      if (!opts.keepProfile) await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Evaluate in the extension's service worker (the store, chrome.* APIs). */
export async function inServiceWorker<T>(s: ExtensionSession, fn: () => Promise<T> | T): Promise<T> {
  return s.serviceWorker.evaluate(fn);
}

export async function openExtensionPage(s: ExtensionSession, path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(s.extensionUrl(path));
  return page;
}

/** Polls until `fn` returns a truthy value or the time runs out. */
export async function waitFor<T>(fn: () => Promise<T>, { timeout = 10_000, interval = 100 } = {}): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting; last value: ${JSON.stringify(last)}`);
}

/** Waits until the background has registered the content script for the granted origins. */
export async function contentScriptReady(s: ExtensionSession): Promise<void> {
  const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { host_permissions?: string[] };
  if (!manifest.host_permissions?.includes('http://127.0.0.1/*')) {
    throw new Error('this build has no demo-site hosts (a store build): build with "TASTEFUL_DEMO_HOSTS=1 npx wxt build" (npm run build)');
  }
  await waitFor(
    () =>
      s.serviceWorker.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } }).chrome;
        const scripts = await c.scripting.getRegisteredContentScripts();
        return scripts.some((x) => x.matches?.includes('http://127.0.0.1/*'));
      }),
    { timeout: 20_000 },
  );
}

/** Kills the browser hard (SIGKILL), as a crash or power cut would: no unload, no flush. */
export async function killBrowser(s: ExtensionSession): Promise<void> {
  const { execSync } = await import('node:child_process');
  try {
    execSync(`pkill -9 -f -- "--user-data-dir=${s.userDataDir}"`);
  } catch {
    // already gone
  }
  await s.context.close().catch(() => undefined);
}
