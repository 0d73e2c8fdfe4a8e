/**
 * Issue 13, "badges and menus that fit", in real Chromium: a badge menu opened on the first and
 * on the last tile of a row lies inside the viewport (also in a narrow window, as at high
 * zoom); the panel's rating buttons have visible text and SVG icons (no emoji needed); the
 * launcher on a dense grid covers no tile. Geometry is asserted, not pixels; screenshots go to
 * .cache/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentScriptReady, launchWithExtension, waitFor, type ExtensionSession } from './harness';
import { closedShadowBoxes, type ShadowBox } from './shadow-boxes';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';

const SHOTS = resolve(import.meta.dirname, '../../.cache/e2e-shots');
let s: ExtensionSession;
let demo: DemoServer;

async function watchToTheEnd(page: Page, id: string): Promise<void> {
  await page.goto(`${demo.url}/watch/${id}?autoplay=1`);
  await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime > 0.5, undefined, { timeout: 30_000 });
  await page.$eval('video#player', (v) => ((v as HTMLVideoElement).playbackRate = 8));
  await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).ended, undefined, { timeout: 60_000 });
}

const inside = (b: ShadowBox, w: number, h: number) => ({ left: b.left >= 0, top: b.top >= 0, right: b.right <= w, bottom: b.bottom <= h });
const allInside = { left: true, top: true, right: true, bottom: true };

async function badges(page: Page): Promise<ShadowBox[]> {
  return waitFor(
    async () => {
      const b = await closedShadowBoxes(page, 'tasteful-badge', 'button', 'badge');
      return b.length ? b : null;
    },
    { timeout: 30_000, interval: 200 },
  );
}

/** Opens the menu of the badge picked by `pick` and returns the menu's box. */
async function openMenu(page: Page, pick: (all: ShadowBox[]) => ShadowBox | undefined): Promise<ShadowBox> {
  await page.keyboard.press('Escape');
  // Badges settle while the page loads (late tiles, a frame per batch): pick, click, look; again if needed.
  return waitFor(
    async () => {
      const b = pick(await badges(page));
      if (!b) return null;
      await page.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
      await page.waitForTimeout(300);
      return (await closedShadowBoxes(page, 'tasteful-badge', 'div', 'pop'))[0] ?? null;
    },
    { timeout: 30_000, interval: 500 },
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await launchWithExtension();
  demo = await startDemoServer({ port: 0 });
  await contentScriptReady(s);
  const page = await s.context.newPage();
  for (const id of ['the-matrix-1999', 'blade-runner-1982']) await watchToTheEnd(page, id);
  await page.close();
});
afterAll(async () => {
  await s?.close();
  await demo?.close();
});

describe('badges and menus that fit', () => {
  it('a badge menu at the left and at the right edge of the viewport stays inside it', async () => {
    const page = await s.context.newPage();
    for (const [w, h] of [
      [1280, 800],
      [420, 700], // a narrow window: what 300 % zoom leaves of a laptop screen
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      // The home page in a narrow window has only its hero in view; the stress page starts with rows.
      await page.goto(w < 800 ? `${demo.url}/stress?n=100` : `${demo.url}/`);
      const visible = (all: ShadowBox[]) => all.filter((b) => b.top >= 0 && b.bottom <= h && b.left >= 0 && b.right <= w);
      const left = await openMenu(page, (all) => visible(all).sort((a, b) => a.left - b.left)[0]);
      await page.screenshot({ path: join(SHOTS, `badge-menu-left-${w}.png`) });
      expect(inside(left, w, h), JSON.stringify(left)).toEqual(allInside);
      const right = await openMenu(page, (all) => visible(all).sort((a, b) => b.right - a.right)[0]);
      await page.screenshot({ path: join(SHOTS, `badge-menu-right-${w}.png`) });
      expect(inside(right, w, h), JSON.stringify(right)).toEqual(allInside);
    }
    await page.close();
  });

  it("the panel's rating buttons show text and SVG icons, and nothing needs an emoji font", async () => {
    const page = await s.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${demo.url}/`);
    const toggle = await waitFor(async () => (await closedShadowBoxes(page, 'tasteful-panel', 'button', 'toggle'))[0] ?? null, { timeout: 20_000 });
    await page.mouse.click((toggle.left + toggle.right) / 2, (toggle.top + toggle.bottom) / 2);
    const frame = await waitFor(async () => page.frames().find((f) => f.url().includes('/panel.html')) ?? null, { timeout: 20_000 });
    await frame.waitForSelector('[data-testid="panel-rate-up"]', { timeout: 30_000 });
    const buttons = await frame.$$eval('.rate button', (els) =>
      els.slice(0, 4).map((b) => ({
        text: b.textContent ?? '',
        svg: !!b.querySelector('svg'),
        name: b.getAttribute('aria-label') ?? '',
        width: b.getBoundingClientRect().width,
      })),
    );
    await page.screenshot({ path: join(SHOTS, 'panel.png') });
    expect(buttons.map((b) => b.text)).toEqual(['Thumbs down', 'Thumbs up', 'Love', 'Not interested']);
    for (const b of buttons) {
      expect(b.svg).toBe(true);
      expect(b.name.startsWith(`${b.text}: `)).toBe(true);
      expect(b.text).not.toMatch(/\p{Extended_Pictographic}/u);
    }
    await page.close();
  });

  it('the launcher on a dense grid covers no tile and no text', async () => {
    const page = await s.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${demo.url}/stress?n=500`);
    const toggle = await waitFor(async () => (await closedShadowBoxes(page, 'tasteful-panel', 'button', 'toggle'))[0] ?? null, { timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, 'launcher-dense-grid.png') });
    expect(inside(toggle, 1280, 800)).toEqual(allInside);
    // What the page shows under the launcher's box: nothing it would hide.
    const covered = await page.evaluate((b) => {
      const hits: string[] = [];
      for (const x of [b.left + 2, (b.left + b.right) / 2, b.right - 2])
        for (const y of [b.top + 2, (b.top + b.bottom) / 2, b.bottom - 2]) {
          const under = document
            .elementsFromPoint(x, y)
            .find((el) => !el.tagName.toLowerCase().startsWith('tasteful') && el !== document.documentElement && el !== document.body);
          const own = under && [...under.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
          if (under && (under.closest('a[href], button, img, video, input') || own)) hits.push(under.outerHTML.slice(0, 80));
        }
      return hits;
    }, toggle);
    expect(covered).toEqual([]);
    await page.close();
  });
});
