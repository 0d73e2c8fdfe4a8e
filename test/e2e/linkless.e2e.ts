/**
 * Issue 9 in a real browser: on the demo's "Reelhouse" app (/app), a single-page app whose
 * tiles are not links (div cards with a delegated listener, an img[alt]-only row, a Top 10 row)
 * and whose player opens in place under a hash route while the document title stays the site's
 * name, the generic adapter stores the titles shown, records watches for the cards clicked,
 * and, once a history exists, draws match badges on those tiles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { closedShadowTexts } from './closed-shadow';
import { dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';

let s: ExtensionSession;
let demo: DemoServer;
let site: string;
let dash: Page;

type Row = Record<string, unknown>;
const table = async (name: string) => ((await dumpStore(dash, [name]))[name] ?? []) as Row[];

beforeAll(async () => {
  s = await launchWithExtension();
  demo = await startDemoServer({ port: 0 });
  site = new URL(demo.url).host;
  await contentScriptReady(s);
  dash = await openExtensionPage(s, 'options.html');
});
afterAll(async () => {
  await s?.close();
  await demo?.close();
});

/** The tiles the page shows, as a person sees them: data-id and the visible name. */
async function shownTiles(page: Page): Promise<{ id: string; title: string }[]> {
  return page.$$eval('.rh-row__items > [data-id]', (els) =>
    els.map((el) => ({
      id: el.getAttribute('data-id')!,
      title: el.querySelector('.rh-card__title')?.textContent ?? (el.tagName === 'IMG' ? el : el.querySelector('img'))!.getAttribute('alt')!,
    })),
  );
}

/** Clicks a tile, as a user would, and lets the in-place player run to the end at 8×. */
async function clickAndWatch(page: Page, selector: string): Promise<void> {
  await page.click(selector);
  await page.waitForFunction(() => location.hash.startsWith('#/watch/'));
  await page.waitForFunction(() => (document.getElementById('rh-video') as HTMLVideoElement).currentTime > 0.5, undefined, { timeout: 30_000 });
  await page.$eval('#rh-video', (v) => ((v as HTMLVideoElement).playbackRate = 8));
  await page.waitForFunction(() => (document.getElementById('rh-video') as HTMLVideoElement).ended, undefined, { timeout: 60_000 });
}

describe('a single-page app without links (/app)', () => {
  it('stores the titles shown as tiles, and nothing that is not one', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/app`);
    const shown = await shownTiles(page);
    const wantIds = new Set(shown.map((t) => `${site}:id:${t.id}`));
    expect(wantIds.size).toBeGreaterThan(15);
    const stored = await waitFor(
      async () => {
        const rows = (await table('titles')).filter((t) => t.site === site);
        return rows.filter((t) => wantIds.has(String(t.id))).length >= wantIds.size * 0.8 ? rows : null;
      },
      { timeout: 20_000 },
    );
    // Every stored title of the page is one of its tiles, under its name (no rank digit, no "+").
    const byId = new Map(shown.map((t) => [`${site}:id:${t.id}`, t.title]));
    for (const row of stored) expect(row.title, String(row.id)).toBe(byId.get(String(row.id)));
    await page.close();
  });

  it("a click on a card, then the player in place: the watch is that card's title; twice → badges", async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/app`);
    const shown = await shownTiles(page);
    const card = await page.$$eval('.rh-card', (els) => els[1]!.getAttribute('data-id')!);
    const top = await page.$$eval('.rh-top', (els) => els[2]!.getAttribute('data-id')!);
    await clickAndWatch(page, `.rh-card[data-id="${card}"]`);
    await clickAndWatch(page, `.rh-top[data-id="${top}"] img`);
    await page.close();

    const sessions = await waitFor(
      async () => {
        const rows = (await table('watchSessions')).filter((w) => (w.ctx as Row | undefined)?.site === site && (w.completion as number) >= 0.9);
        return rows.length >= 2 ? rows : null;
      },
      { timeout: 20_000 },
    );
    expect(sessions.map((w) => w.titleId).sort()).toEqual([`${site}:id:${card}`, `${site}:id:${top}`].sort());
    const titles = await table('titles');
    const name = (id: string) => titles.find((t) => t.id === `${site}:id:${id}`)?.title;
    expect(name(card)).toBe(shown.find((t) => t.id === card)!.title);
    expect(name(top)).toBe(shown.find((t) => t.id === top)!.title);
    expect(titles.some((t) => t.site === site && t.title === 'Reelhouse')).toBe(false); // the page title is not a title

    const again = await s.context.newPage();
    await again.goto(`${demo.url}/app`);
    const badges = await waitFor(
      async () => {
        const t = (await closedShadowTexts(again, 'tasteful-badge')).filter((x) => /\d+% match/.test(x));
        return t.length ? t : null;
      },
      { timeout: 20_000, interval: 250 },
    );
    expect(badges.length).toBeGreaterThan(0);
    await again.close();
  });
});
