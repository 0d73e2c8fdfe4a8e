/**
 * Issue 5 end to end on the demo site: from an empty profile, watch three sci-fi films and
 * skip two romances → match badges on the home page, sci-fi ranked above romance, rows with
 * explanations in the panel, thumbs down clears a title and its near-duplicates from Top
 * picks, and nothing of it is readable from the page's own scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { closedShadowTexts } from './closed-shadow';
import { dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';
import type { Picks } from '../../src/engine/api';

let s: ExtensionSession;
let demo: DemoServer;
let site: string;

const WATCHED = ['the-matrix-1999', 'blade-runner-1982', '2001-a-space-odyssey-1968'];
const SKIPPED = ['the-princess-bride-1987', 'groundhog-day-1993'];

async function watchToTheEnd(page: Page, id: string): Promise<void> {
  await page.goto(`${demo.url}/watch/${id}?autoplay=1`);
  await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime > 0.5, undefined, { timeout: 30_000 });
  // Fast-forward by playing faster, not by seeking: only played media time counts as watched.
  // (8×, not 16×: on a loaded machine late timeupdates at 16× look like seeks.)
  await page.$eval('video#player', (v) => ((v as HTMLVideoElement).playbackRate = 8));
  await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).ended, undefined, { timeout: 60_000 });
}

async function picks(panel: Page): Promise<Picks> {
  return panel.evaluate(async (siteName) => {
    const r = await (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: Picks; error?: string }> } } }
    ).chrome.runtime.sendMessage({ type: 'picks/get', site: siteName });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }, site);
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

describe('Picked for you on the demo site', () => {
  let panel: Page;

  it('learns from three watches and two skips', async () => {
    const page = await s.context.newPage();
    for (const id of WATCHED) await watchToTheEnd(page, id);
    for (const id of SKIPPED) {
      await page.goto(`${demo.url}/watch/${id}?autoplay=1`);
      await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime >= 5, undefined, { timeout: 30_000 });
      await page.goto(`${demo.url}/search?q=zzzz`); // leaving the play early: abandoned
    }
    await page.close();
    const dash = await openExtensionPage(s, 'options.html');
    const finished = await waitFor(
      async () => {
        const rows = ((await dumpStore(dash, ['watchSessions'])).watchSessions ?? []) as { titleId: string; completion: number }[];
        const done = rows.filter((w) => WATCHED.some((id) => w.titleId.endsWith(`:${id}`)) && w.completion >= 0.9);
        return done.length === WATCHED.length ? done : null;
      },
      { timeout: 15_000 },
    );
    expect(finished).toHaveLength(3);
    const skips = ((await dumpStore(dash, ['skips'])).skips ?? []) as { titleId: string }[];
    expect(skips.filter((k) => SKIPPED.some((id) => k.titleId.endsWith(`:${id}`)))).toHaveLength(2);
    await dash.close();
  });

  it('shows match badges on the home page, and the page cannot read them', async () => {
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/`);
    const texts = await waitFor(
      async () => {
        const t = (await closedShadowTexts(page, 'tasteful-badge')).filter((x) => /\d+% match/.test(x));
        return t.length ? t : null;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(texts.length).toBeGreaterThan(0);
    // The first badges must not wait for the whole page: measured from the content script.
    const timings = await s.serviceWorker.evaluate(async (url) => {
      const c = (
        globalThis as unknown as {
          chrome: {
            tabs: {
              query(q: unknown): Promise<{ id: number }[]>;
              sendMessage(id: number, m: unknown): Promise<{ tileToBadge: { p50: number; count: number } }>;
            };
          };
        }
      ).chrome;
      const [tab] = await c.tabs.query({ url: `${url}/` });
      return c.tabs.sendMessage(tab!.id, { type: 'tasteful/badge-timings' });
    }, demo.url);
    // The content script measured its tile → badge times (bench builds only); how fast they are
    // is bench/badges.bench.ts's job, never a test's (a loaded CI machine stretches any bound).
    expect(timings.tileToBadge.count).toBeGreaterThan(0);
    console.log('[picks] tile → badge p50 ms', timings.tileToBadge.p50);

    // Main world: DOM walking, shadowRoot, innerText, attributes — no percentage anywhere.
    const seen = await page.evaluate(() => {
      const hosts = Array.from(document.querySelectorAll('*')).filter((e) => e.tagName.toLowerCase().startsWith('tasteful'));
      return {
        hosts: hosts.length,
        shadow: hosts.map((h) => h.shadowRoot).filter(Boolean).length,
        hostText: hosts.map((h) => (h as HTMLElement).innerText + h.textContent + h.getAttributeNames().join()).join(''),
        body: document.documentElement.innerText.match(/\d+% match/g) ?? [],
        frames: window.frames.length,
      };
    });
    expect(seen.hosts).toBeGreaterThan(0);
    expect(seen.shadow).toBe(0);
    expect(seen.hostText).toBe('');
    expect(seen.body).toEqual([]);
    await page.close();
  });

  it('ranks the watched kind above the skipped kind, with rows and explanations', async () => {
    panel = await openExtensionPage(s, `panel.html?site=${encodeURIComponent(site)}`);
    const p = await picks(panel);
    const top = p.rows.find((r) => r.id === 'top');
    expect(top, JSON.stringify(p.rows.map((r) => r.id))).toBeTruthy();
    const sci = top!.items.filter((i) => i.genres.some((g) => /sci-?fi/i.test(g))).length;
    const romance = top!.items.filter((i) => i.genres.some((g) => /romance/i.test(g))).length;
    expect(sci, JSON.stringify({ evidence: p.evidence, top: top!.items.map((i) => `${i.title} ${i.genres.join('/')} ${i.match}`) })).toBeGreaterThan(
      romance,
    );
    expect(p.rows.length).toBeLessThanOrEqual(10);
    for (const r of p.rows) expect(r.items.length).toBeLessThanOrEqual(10);
    expect(p.rows.some((r) => r.id.startsWith('because:'))).toBe(true);
    for (const item of top!.items) expect(item.why.length).toBeGreaterThan(0);
    // The panel shows them, each with its "why this?".
    await panel.getByTestId('panel-row').first().waitFor();
    expect(await panel.getByTestId('panel-why').count()).toBeGreaterThan(0);
  });

  it('thumbs down removes a title and its near-duplicates from Top picks', async () => {
    const before = (await picks(panel)).rows.find((r) => r.id === 'top')!.items;
    const victim = before[0]!;
    // The panel's top row interleaves two rankings (local experiment), and today's first pick
    // is always among them: rate that one, found by its title.
    await panel
      .locator('[data-testid="panel-row"][data-row-id="top"] [data-testid="panel-item"]')
      .filter({ has: panel.locator('.title', { hasText: new RegExp(`^${victim.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
      .first()
      .getByTestId('panel-rate-down')
      .click();
    const after = await waitFor(async () => {
      const top = (await picks(panel)).rows.find((r) => r.id === 'top')!.items;
      return top.some((i) => i.titleKey === victim.titleKey) ? null : top;
    });
    expect(after.map((i) => i.titleKey)).not.toContain(victim.titleKey);
    // Near-duplicates of the victim (same franchise: shares its first title word and genres) leave too.
    const word = victim.title.toLowerCase().split(/\W+/)[0]!;
    const dupes = before.filter((i) => i.titleKey !== victim.titleKey && i.title.toLowerCase().startsWith(word) && word.length > 3);
    for (const d of dupes) expect(after.map((i) => i.titleKey)).not.toContain(d.titleKey);
  });

  it('comes back after the engine crashes: the offscreen document (and its worker) is killed', async () => {
    await s.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: { offscreen: { closeDocument(): Promise<void> } } }).chrome.offscreen.closeDocument(),
    );
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/`);
    const texts = await waitFor(
      async () => {
        const t = (await closedShadowTexts(page, 'tasteful-badge')).filter((x) => /\d+% match/.test(x));
        return t.length ? t : null;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(texts.length).toBeGreaterThan(0);
    await page.close();
  });
});
