/**
 * Issue 3 in a real browser: on the demo site, with the built extension, what the user does
 * becomes the right records — and nothing is recorded while paused or where not enabled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';

let s: ExtensionSession;
let demo: DemoServer;
let notEnabled: DemoServer;
let dash: Page;

type Row = Record<string, unknown>;
const table = async (name: string) => ((await dumpStore(dash, [name]))[name] ?? []) as Row[];

beforeAll(async () => {
  s = await launchWithExtension();
  demo = await startDemoServer({ port: 0 });
  // 127.0.0.2 is loopback too, but Tasteful holds no permission for it.
  notEnabled = await startDemoServer({ port: 0, host: '127.0.0.2' });
  await contentScriptReady(s);
  dash = await openExtensionPage(s, 'options.html');
});
afterAll(async () => {
  await s?.close();
  await demo?.close();
  await notEnabled?.close();
});

/** Drives the player from the page, as the site's own controls would. */
async function video(page: Page, fn: (v: HTMLVideoElement) => unknown): Promise<unknown> {
  return page.$eval('video#player', fn as (v: Element) => unknown);
}

/** Waits until the player reports a current time at or past `t` (media seconds). */
async function playUntil(page: Page, t: number): Promise<void> {
  await page.waitForFunction((tt) => (document.querySelector('video#player') as HTMLVideoElement).currentTime >= tt, t, {
    timeout: 60_000,
    polling: 100,
  });
}

describe('recording on the demo site', () => {
  it('plays, pauses, seeks, closes the tab → one watch session with the right seconds and completion', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/watch/the-matrix-1999?autoplay=1`);
    await playUntil(page, 6);
    await video(page, (v) => v.pause());
    await page.waitForTimeout(1500); // paused time must not count
    await video(page, (v) => {
      v.currentTime = 40;
    });
    await page.waitForFunction(() => !(document.querySelector('video#player') as HTMLVideoElement).seeking);
    await video(page, (v) => v.play());
    await playUntil(page, 44);
    await video(page, (v) => v.pause());
    const watchedMedia = 6 + 4; // ≈ 0→6 s, then 40→44 s
    await page.close();

    const sessions = await waitFor(async () => {
      const all = (await table('watchSessions')).filter((w) => String(w.titleId).endsWith(':the-matrix-1999') && w.state === 'closed');
      return all.length ? all : null;
    });
    expect(sessions).toHaveLength(1);
    const w = sessions[0]!;
    expect(Math.abs((w.secondsWatched as number) - watchedMedia)).toBeLessThanOrEqual(1.5);
    expect(w.duration as number).toBeCloseTo(90, 0);
    expect(w.completion as number).toBeGreaterThan(0.45); // furthest watched point ≈ 44 s of 90
    expect(w.completion as number).toBeLessThan(0.55);
    expect(w.pauses as number).toBeGreaterThanOrEqual(1);
    expect(w.seeks as number).toBeGreaterThanOrEqual(1);
    expect((w.ctx as Row).site).toBe(new URL(demo.url).host);

    // …and the dashboard shows it.
    await dash.reload();
    await expect.poll(() => dash.locator('[data-testid="history-item"][data-kind="watch"]').count()).toBeGreaterThan(0);
  });

  it('an abandoned play becomes a skip', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/watch/titanic-1997?autoplay=1`);
    await playUntil(page, 5);
    await page.close();
    const skip = await waitFor(async () => (await table('skips')).find((k) => String(k.titleId).endsWith(':titanic-1997')) ?? null);
    expect(skip.reason).toBe('abandoned');
  });

  it('a search and the result opened from it are recorded together', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/search?q=alien`);
    const tile = page.locator('a.tile[data-title-id]').first();
    await tile.waitFor();
    const id = await tile.getAttribute('data-title-id');
    await page.waitForTimeout(2000); // the URL query is recorded once it has been stable
    await tile.click();
    await page.waitForURL(/\/title\//);
    const search = await waitFor(async () => (await table('searches')).find((q) => q.query === 'alien' && q.openedTitleId) ?? null);
    expect(String(search.openedTitleId)).toBe(`${new URL(demo.url).host}:${id}`);
    await page.close();
  });

  it('tiles seen for over a second and not opened become impressions', async () => {
    const before = (await table('impressions')).length;
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/`);
    await page.locator('section.row').nth(3).scrollIntoViewIfNeeded();
    await page.waitForTimeout(2500);
    await page.close(); // pagehide flushes pending impressions
    await waitFor(async () => (await table('impressions')).length > before);
    const rows = (await table('impressions')).map((i) => i.row);
    expect(rows.some((r) => typeof r === 'string' && r.length > 0)).toBe(true);
  });

  it('records nothing while paused, nor on a site that is not enabled', async () => {
    const count = async () => (await table('watchSessions')).length + (await table('skips')).length + (await table('searches')).length;
    // Not enabled: no permission for 127.0.0.2, so no content script there.
    const before = await count();
    const page = await s.context.newPage();
    await page.goto(`${notEnabled.url}/watch/heat-1995?autoplay=1`);
    await playUntil(page, 5);
    await page.goto(`${notEnabled.url}/search?q=heat`);
    await page.waitForTimeout(2500);
    await page.close();

    // Paused everywhere, through the dashboard's setting.
    await dash.reload();
    await dash.getByTestId('settings-paused').check();
    await dash.waitForTimeout(500);
    const paused = await s.context.newPage();
    await paused.goto(`${demo.url}/watch/heat-1995?autoplay=1`);
    await playUntil(paused, 5);
    await paused.goto(`${demo.url}/search?q=heat`);
    await paused.waitForTimeout(2500);
    await paused.close();
    await dash.waitForTimeout(1500);
    expect(await count()).toBe(before);
    await dash.getByTestId('settings-paused').uncheck();
  });
});
