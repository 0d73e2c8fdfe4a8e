/**
 * Issue 10, local experiments, end to end on the demo site: the "Picked for you" panel shows
 * an interleaved top row (the same list again on a reload), the background logs which ranking
 * placed each pick, and starting one of them shows up in the dashboard's Experiments result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';

let s: ExtensionSession;
let demo: DemoServer;
let site: string;

interface Log {
  experiment: string;
  impressions: { site: string; picks: { titleKey: string; team: 'baseline' | 'candidate' }[] }[];
}

async function experimentLog(page: Page): Promise<Log | null> {
  const rows = ((await dumpStore(page, ['settings'])).settings ?? []) as { key: string; value: unknown }[];
  return (rows.find((r) => r.key === 'experimentLog')?.value as Log | undefined) ?? null;
}

async function topRowTitles(panel: Page): Promise<string[]> {
  await panel
    .locator('[data-testid="panel-row"][data-row-id="top"] [data-testid="panel-item"]')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(async (err: unknown) => {
      throw new Error(`no top row in the panel; it shows: ${await panel.locator('body').innerText()}`, { cause: err });
    });
  return panel.locator('[data-testid="panel-row"][data-row-id="top"] [data-testid="panel-item"] .title').allTextContents();
}

beforeAll(async () => {
  s = await launchWithExtension();
  demo = await startDemoServer({ port: 0 });
  site = new URL(demo.url).host;
  await contentScriptReady(s);
});
afterAll(async () => {
  await s?.close();
  await demo?.close();
});

describe('local experiment in the picks panel', () => {
  let pick: { titleKey: string; team: 'baseline' | 'candidate' };

  it('interleaves the panel’s top row, the same on a reload, and logs each pick’s team', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/`);
    const dash = await openExtensionPage(s, 'options.html');
    await waitFor(async () => (((await dumpStore(dash, ['titles'])).titles ?? []).length >= 10 ? true : null), { timeout: 20_000 });
    await page.close();
    // Warm the engine (model load) with plain picks, so the panel's own request answers in time.
    const warm = await waitFor(
      () =>
        dash.evaluate(async (siteName) => {
          const c = (
            globalThis as unknown as {
              chrome: {
                runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: { rows: { id: string; items: unknown[] }[] }; error?: string }> };
              };
            }
          ).chrome;
          const r = await c.runtime.sendMessage({ type: 'picks/get', site: siteName });
          return r.ok ? r.value!.rows.map((x) => `${x.id}:${x.items.length}`).join(',') : null;
        }, site),
      { timeout: 60_000, interval: 1_000 },
    );
    expect(warm).toMatch(/^top:[1-9]/);

    const panel = await openExtensionPage(s, `panel.html?site=${encodeURIComponent(site)}`);
    const first = await topRowTitles(panel);
    expect(first.length).toBeGreaterThan(0);
    const log = await waitFor(async () => {
      const l = await experimentLog(dash);
      return l?.impressions.length ? l : null;
    });
    expect(log.impressions).toHaveLength(1);
    expect(log.impressions[0]!.site).toBe(site);
    expect(log.impressions[0]!.picks.length).toBe(first.length);
    for (const p of log.impressions[0]!.picks) expect(['baseline', 'candidate']).toContain(p.team);

    await panel.reload();
    expect(await topRowTitles(panel)).toEqual(first);
    expect((await experimentLog(dash))?.impressions).toHaveLength(1);
    pick = log.impressions[0]!.picks[0]!;
    await panel.close();
    await dash.close();
  });

  it('credits a start of an interleaved pick to its ranking in the dashboard', async () => {
    const dash = await openExtensionPage(s, 'options.html');
    const titles = ((await dumpStore(dash, ['titles'])).titles ?? []) as { key: string; site: string; siteItemId: string }[];
    const rec = titles.find((t) => t.key === pick.titleKey && t.site === site);
    expect(rec, pick.titleKey).toBeTruthy();
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/watch/${rec!.siteItemId}?autoplay=1`);
    await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime > 3, undefined, { timeout: 30_000 });
    await waitFor(
      async () => {
        const sessions = ((await dumpStore(dash, ['watchSessions'])).watchSessions ?? []) as { titleKey: string }[];
        return sessions.some((w) => w.titleKey === pick.titleKey) ? true : null;
      },
      { timeout: 20_000 },
    );
    await page.close();

    await dash.reload();
    const row = dash.getByTestId(`experiment-${pick.team}`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-starts')).toBe('1');
    const other = pick.team === 'baseline' ? 'candidate' : 'baseline';
    expect(await dash.getByTestId(`experiment-${other}`).getAttribute('data-starts')).toBe('0');
    expect(await dash.getByTestId('experiment').getAttribute('data-impressions')).toBe('1');
    expect(await dash.getByTestId('experiment-verdict').textContent()).toMatch(/Not enough evidence yet/);
    // Visible and on in Settings.
    expect(await dash.getByTestId('settings-experiments').isChecked()).toBe(true);
    await dash.close();
  });
});
