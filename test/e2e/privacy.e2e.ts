/**
 * Issue 6's promises, each proved in real Chromium with the built extension:
 * no request leaves the machine, the site's storage is untouched, and page scripts cannot
 * read what Tasteful draws or knows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { startNetworkLog, type NetworkLog } from './network-log';
import { dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';

let s: ExtensionSession;
let demo: DemoServer;
let net: NetworkLog;
let dir: string;

/** Everything a site could find in its own storage. */
async function pageStorage(page: Page) {
  const inPage = await page.evaluate(async () => ({
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    idb: ((await indexedDB.databases?.()) ?? []).map((d) => d.name),
    cookie: document.cookie,
    caches: 'caches' in self ? await caches.keys() : [],
  }));
  const cookies = (await page.context().cookies(page.url())).map((c) => `${c.name}=${c.value}`);
  return { ...inPage, cookies };
}

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  net = await startNetworkLog([new URL(demo.url).host]);
  // Through the proxy for every request, loopback included (Chromium bypasses it by default).
  s = await launchWithExtension({ extraArgs: [net.proxyArg, '--proxy-bypass-list=<-loopback>'] });
  await contentScriptReady(s);
  dir = await mkdtemp(join(tmpdir(), 'tasteful-privacy-'));
});
afterAll(async () => {
  await s?.close();
  await demo?.close();
  await net?.close();
});

describe('privacy promises', () => {
  let storageBefore: Awaited<ReturnType<typeof pageStorage>>;

  it('a scripted session: browse, watch, search, skip, dashboard, export, import, wipe', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/`);
    storageBefore = await pageStorage(page);
    await page.locator('section.row').nth(2).scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500);

    await page.goto(`${demo.url}/watch/alien-1979?autoplay=1`);
    await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime > 5, undefined, { timeout: 30_000 });
    await page.goto(`${demo.url}/watch/notting-hill-1999?autoplay=1`);
    await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime > 4, undefined, { timeout: 30_000 });
    await page.goto(`${demo.url}/search?q=space`);
    await page.waitForTimeout(2000);
    await page.locator('a.tile[data-title-id]').first().click();
    await page.waitForURL(/\/title\//);
    await page.goto(`${demo.url}/`);
    await page.waitForTimeout(1500);

    const popup = await openExtensionPage(s, 'popup.html');
    await popup.getByTestId('popup-state').waitFor();
    await popup.close();

    const dash = await openExtensionPage(s, 'options.html?download=blob');
    await waitFor(async () => ((await dumpStore(dash, ['watchSessions'])).watchSessions ?? []).length > 0);
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId('export-button').click()]);
    const file = join(dir, 'export.json');
    await download.saveAs(file);
    await dash.getByTestId('import-input').setInputFiles(file);
    await dash.getByTestId('import-preview').waitFor();
    await dash.getByTestId('import-merge').click();
    await dash.getByTestId('import-done').waitFor();
    await dash.getByTestId('wipe-button').click();
    await dash.getByTestId('wipe-confirm-input').fill('delete');
    await dash.getByTestId('wipe-confirm').click();
    await dash.getByTestId('wipe-done').waitFor();
    await dash.close();

    // The same site, after all that: its storage is exactly as before.
    await page.goto(`${demo.url}/`);
    expect(await pageStorage(page)).toEqual(storageBefore);
    await page.close();
  });

  it('no request left the extension: every request went to the demo site, none from our code', () => {
    expect(net.requests.length).toBeGreaterThan(0); // the proxy really saw the traffic
    expect(net.outside(), JSON.stringify(net.outside().slice(0, 10))).toEqual([]);
    expect(net.fromExtension()).toEqual([]);
  });

  it('a hostile page that snoops on the DOM, storage and messages finds nothing of ours', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/hostile`);
    await page.waitForTimeout(4000);
    const log = await page.evaluate(
      () => (window as unknown as { __hostile: { findings: unknown[]; messages: unknown[]; errors: unknown[] } }).__hostile,
    );
    expect(log.findings).toEqual([]);
    expect(log.messages).toEqual([]);
    // No dialog was opened by injected markup, and the page kept working.
    expect(await page.evaluate(() => document.title)).toBeTruthy();
    await page.close();
  });
});
