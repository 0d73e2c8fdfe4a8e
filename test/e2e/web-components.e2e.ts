/**
 * Title cards inside open shadow roots, in a real browser: on the demo's "Marquee" app (/wc),
 * a web-component app whose whole page is custom elements with open shadow roots nested
 * several levels deep, defined by a bundle that arrives after the document is parsed and rows
 * that draw their cards later, the extension stores the titles shown, records a watch for the
 * card clicked (the click lands inside a shadow root) under that card's title — played by a
 * player component whose `<video>` is inside its own shadow root — and draws match badges over
 * the cards inside the shadow roots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { closedShadowBoxes, type ShadowBox } from './shadow-boxes';
import { dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';
import { WC_NAME, wcRows } from '../../demo/lib/wc.mjs';

let s: ExtensionSession;
let demo: DemoServer;
let site: string;
let dash: Page;

type Row = Record<string, unknown>;
const table = async (name: string) => ((await dumpStore(dash, [name]))[name] ?? []) as Row[];
const rows = wcRows();
const names = new Set(rows.flatMap((r) => r.items.map((t) => t.title)));

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

/** Clicks the n-th card component (inside its shadow root, as a user would) and lets the player run to the end at 8×. */
async function clickAndWatch(page: Page, n: number): Promise<string> {
  // Playwright's CSS engine pierces open shadow roots; the click lands on the card's poster inside.
  const card = page.locator('mq-card .card img').nth(n);
  await card.click();
  await page.waitForFunction(() => location.hash.startsWith('#/watch/'));
  const title = await page.locator('mq-player h2.title').textContent();
  const video = page.locator('mq-player video');
  await waitFor(() => video.evaluate((v) => (v as HTMLVideoElement).currentTime > 0.5), { timeout: 30_000, interval: 200 });
  await video.evaluate((v) => ((v as HTMLVideoElement).playbackRate = 8));
  await waitFor(() => video.evaluate((v) => (v as HTMLVideoElement).ended), { timeout: 60_000, interval: 200 });
  await page.locator('mq-player .close').click();
  return title!;
}

/** Boxes of the cards inside the open shadow roots (the card components' and the frame components'). */
async function shadowCardBoxes(page: Page): Promise<ShadowBox[]> {
  return page.evaluate(() => {
    const out: { left: number; top: number; right: number; bottom: number; hostTag: string }[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (root instanceof ShadowRoot && (el.matches('div.card') || el.matches('a.frame'))) {
          const r = el.getBoundingClientRect();
          out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, hostTag: root.host.localName });
        }
      }
    };
    walk(document);
    return out;
  });
}

describe('a web-component app with open shadow roots (/wc)', () => {
  it('stores the titles shown on cards inside shadow roots, and nothing that is not one', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/wc`);
    expect(names.size).toBeGreaterThan(20);
    // Nothing of a title is in the document's own tree: all of it is in shadow roots.
    expect(await page.evaluate(() => [document.querySelectorAll('img').length, document.querySelector('mq-app')!.textContent])).toEqual([0, '']);
    const stored = await waitFor(
      async () => {
        const rowsNow = (await table('titles')).filter((t) => t.site === site);
        return rowsNow.filter((t) => names.has(String(t.title))).length >= names.size * 0.8 ? rowsNow : null;
      },
      { timeout: 30_000, interval: 250 },
    );
    for (const row of stored) expect(names.has(String(row.title)), String(row.title)).toBe(true);
    expect(stored.some((t) => t.title === WC_NAME)).toBe(false);
    await page.close();
  });

  it("a click on a card inside a shadow root, then the player: the watch is that card's title; twice → badges over the shadow cards", async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/wc`);
    await page.locator('mq-card .card img').nth(9).waitFor();
    const first = await clickAndWatch(page, 1);
    const second = await clickAndWatch(page, 9);
    await page.close();
    expect(names.has(first) && names.has(second)).toBe(true);

    const sessions = await waitFor(
      async () => {
        const list = (await table('watchSessions')).filter((w) => (w.ctx as Row | undefined)?.site === site && (w.completion as number) >= 0.9);
        return list.length >= 2 ? list : null;
      },
      { timeout: 20_000 },
    );
    const titles = await table('titles');
    const nameOf = (id: unknown) => titles.find((t) => t.id === id)?.title;
    expect(sessions.map((w) => nameOf(w.titleId)).sort()).toEqual([first, second].sort());

    const again = await s.context.newPage();
    await again.setViewportSize({ width: 1280, height: 900 });
    await again.goto(`${demo.url}/wc`);
    const badges = await waitFor(
      async () => {
        const b = await closedShadowBoxes(again, 'tasteful-badge', 'button', 'badge');
        return b.length >= 3 ? b : null;
      },
      { timeout: 30_000, interval: 250 },
    );
    // Each badge sits on a card inside a shadow root (positions from getBoundingClientRect across the boundary).
    const cards = await shadowCardBoxes(again);
    const onCard = (b: ShadowBox) =>
      cards.some((c) => b.left >= c.left - 1 && b.right <= c.right + 1 && b.top >= c.top - 1 && b.bottom <= c.bottom + 1);
    expect(badges.filter(onCard).length, JSON.stringify({ badges: badges.slice(0, 4), cards: cards.slice(0, 4) })).toBe(badges.length);
    // The badge's menu opens over a shadow card and stays in the viewport.
    const b = badges.find((x) => x.top >= 0 && x.bottom <= 900 && x.left >= 0 && x.right <= 1280)!;
    await again.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
    const pop = await waitFor(async () => (await closedShadowBoxes(again, 'tasteful-badge', 'div', 'pop'))[0] ?? null, { timeout: 10_000 });
    expect(pop.left >= 0 && pop.top >= 0 && pop.right <= 1280 && pop.bottom <= 900, JSON.stringify(pop)).toBe(true);
    await again.close();
  });

  it('the player opened by its address (no card clicked): the title it draws in its shadow root names the watch', async () => {
    const item = rows[1]!.items[6]!;
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/wc?linked#/watch/${item.id}`);
    const video = page.locator('mq-player video');
    await waitFor(() => video.evaluate((v) => (v as HTMLVideoElement).currentTime > 0.5), { timeout: 30_000, interval: 200 });
    await video.evaluate((v) => ((v as HTMLVideoElement).playbackRate = 8));
    await waitFor(() => video.evaluate((v) => (v as HTMLVideoElement).ended), { timeout: 60_000, interval: 200 });
    await page.close();

    // The watch is the film's, under the card's key: if the cards, drawn late, were read after the
    // watch was named, its record is keyed by name and takes the year the card's gives (one film).
    const watched = await waitFor(
      async () => {
        const ids = new Set((await table('titles')).filter((t) => t.site === site && t.title === item.title).map((t) => t.id));
        const list = (await table('watchSessions')).filter((w) => ids.has(w.titleId) && (w.completion as number) >= 0.9);
        return list.length ? list : null;
      },
      { timeout: 20_000 },
    );
    expect(watched).toHaveLength(1);
    const records = (await table('titles')).filter((t) => t.site === site && t.title === item.title);
    expect(new Set(records.map((t) => t.key)), JSON.stringify(records)).toEqual(new Set([`${String(watched[0]!.titleKey)}`]));
    expect(String(watched[0]!.titleKey)).toMatch(new RegExp(`\\|${item.year}$`));
    expect((await table('titles')).some((t) => t.title === WC_NAME)).toBe(false);
  });
});
