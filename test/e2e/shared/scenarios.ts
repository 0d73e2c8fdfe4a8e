/**
 * The scenarios that matter on every browser, written once: each browser's tier calls
 * `sharedScenarios` with its launcher. One browser launch runs them in order, as one user's
 * day: browse, watch, search and skip on the demo site → badges and the panel → popup and
 * dashboard → export, wipe, import → a broken import refused — while a logging proxy sees
 * every request the browser makes, and a page script tries to read what Tasteful draws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type DemoServer } from '../../../demo/server.mjs';
import { startNetworkLog, type NetworkLog } from '../network-log';
import { readStores, USER_STORES } from '../store-dump';
import { poll, type DriverPage, type ExtensionDriver, type LaunchOptions } from './driver';

type Row = Record<string, unknown>;
type Chrome = {
  runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> };
  tabs: { query(q: unknown): Promise<{ id?: number; url?: string }[]> };
  scripting: { executeScript(i: unknown): Promise<{ result?: unknown }[]> };
};

const WATCHED = ['the-matrix-1999', 'blade-runner-1982', '2001-a-space-odyssey-1968'];
const SKIPPED = ['the-princess-bride-1987', 'groundhog-day-1993'];

const testid = (id: string) => `[data-testid="${id}"]`;

async function videoReaches(page: DriverPage, what: 'time' | 'ended', t = 0): Promise<void> {
  await poll(
    `the player to reach ${what} ${t}`,
    () =>
      page.evaluate(
        ([w, tt]) => {
          const v = document.querySelector('video#player') as HTMLVideoElement | null;
          return !!v && (w === 'ended' ? v.ended : v.currentTime >= (tt as number));
        },
        [what, t] as const,
      ),
    { timeout: 60_000 },
  );
}

/**
 * From the extension page `ctrl`, runs one of two probes in Tasteful's isolated world in the
 * demo tab, where closed shadow roots are open to the extension (Chrome's
 * `chrome.dom.openOrClosedShadowRoot`, Firefox's `element.openOrClosedShadowRoot`):
 * - `badges`: the badge texts;
 * - `open-panel`: clicks the in-page panel's toggle; true once its iframe exists.
 * (The probes are written inside the evaluated function: extension pages forbid eval.)
 */
async function inIsolatedWorld<T>(ctrl: DriverPage, demoUrl: string, probe: 'badges' | 'open-panel'): Promise<T> {
  return ctrl.evaluate(
    async ([prefix, which]) => {
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      const badges = () => {
        const g = globalThis as unknown as { chrome?: { dom?: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } };
        const open = (e: Element) =>
          g.chrome?.dom?.openOrClosedShadowRoot?.(e) ?? (e as Element & { openOrClosedShadowRoot?: ShadowRoot }).openOrClosedShadowRoot ?? null;
        return Array.from(document.querySelectorAll('tasteful-badge')).map((h) => (open(h)?.textContent ?? '').replace(/\s+/g, ' ').trim());
      };
      const openPanel = () => {
        const g = globalThis as unknown as { chrome?: { dom?: { openOrClosedShadowRoot(e: Element): ShadowRoot | null } } };
        const host = document.querySelector('tasteful-panel');
        if (!host) return false;
        const root =
          g.chrome?.dom?.openOrClosedShadowRoot?.(host) ?? (host as Element & { openOrClosedShadowRoot?: ShadowRoot }).openOrClosedShadowRoot ?? null;
        if (!root) return false;
        if (root.querySelector('iframe')) return true;
        (root.querySelector('button') as HTMLButtonElement | null)?.click();
        return !!root.querySelector('iframe');
      };
      // No `tabs` permission: the tab's address is visible through the host permission alone.
      const tab = (await c.tabs.query({ url: 'http://127.0.0.1/*' })).find((t) => t.url?.startsWith(prefix));
      if (tab?.id === undefined) throw new Error(`no tab at ${prefix}`);
      const [res] = await c.scripting.executeScript({ target: { tabId: tab.id }, func: which === 'badges' ? badges : openPanel });
      return res?.result as T;
    },
    [demoUrl, probe] as const,
  );
}

export function sharedScenarios(launch: (opts: LaunchOptions) => Promise<ExtensionDriver>): void {
  let d: ExtensionDriver;
  let demo: DemoServer;
  let site: string;
  let net: NetworkLog;
  let dash: DriverPage;
  let dir: string;
  const dump = (names: string[] = USER_STORES) => dash.evaluate(readStores, names);
  const table = async (name: string) => ((await dump([name]))[name] ?? []) as Row[];

  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
    site = new URL(demo.url).host;
    net = await startNetworkLog([site]);
    d = await launch({ proxyPort: net.port });
    dash = await d.extensionPage('options.html');
    dir = await mkdtemp(join(tmpdir(), 'tasteful-shared-'));
  });
  afterAll(async () => {
    await d?.close();
    await demo?.close();
    await net?.close();
  });

  describe('a day on the demo site', () => {
    it('records the titles seen, watches, a search with the result opened, and skips', async () => {
      const page = await d.newPage();
      await page.goto(`${demo.url}/`);
      await poll('titles from the home page', async () => (await table('titles')).length > 20);

      for (const id of WATCHED) {
        await page.goto(`${demo.url}/watch/${id}?autoplay=1`);
        await videoReaches(page, 'time', 0.5);
        // Played faster, not seeked: only played media time counts as watched.
        await page.evaluate(() => ((document.querySelector('video#player') as HTMLVideoElement).playbackRate = 8), undefined);
        await videoReaches(page, 'ended');
      }
      for (const id of SKIPPED) {
        await page.goto(`${demo.url}/watch/${id}?autoplay=1`);
        await videoReaches(page, 'time', 5);
        await page.goto(`${demo.url}/`); // leaving the play early: abandoned
      }
      await page.goto(`${demo.url}/search?q=alien`);
      await page.waitFor('a.tile[data-title-id]');
      const opened = await page.evaluate(() => document.querySelector('a.tile[data-title-id]')!.getAttribute('data-title-id'), undefined);
      await new Promise((r) => setTimeout(r, 2000)); // the URL query is recorded once it has been stable
      await page.click('a.tile[data-title-id]');
      await poll('the title page', async () => /\/title\//.test(page.url()));
      await page.close();

      const finished = await poll('three finished watches', async () => {
        const done = (await table('watchSessions')).filter(
          (w) => WATCHED.some((id) => String(w.titleId).endsWith(`:${id}`)) && (w.completion as number) >= 0.9,
        );
        return done.length === WATCHED.length ? done : null;
      });
      expect(finished).toHaveLength(3);
      for (const w of finished) expect((w.ctx as Row).site).toBe(site);
      const skips = await poll('two skips', async () => {
        const k = (await table('skips')).filter((s) => SKIPPED.some((id) => String(s.titleId).endsWith(`:${id}`)));
        return k.length === SKIPPED.length ? k : null;
      });
      for (const k of skips) expect(k.reason).toBe('abandoned');
      const search = await poll('the search', async () => (await table('searches')).find((q) => q.query === 'alien' && q.openedTitleId) ?? null);
      expect(search.openedTitleId).toBe(`${site}:${opened}`);
    });

    let home: DriverPage;
    it('then shows match badges and the panel, computed by the engine from that history', async () => {
      home = await d.newPage();
      await home.goto(`${demo.url}/`);
      const badges = await poll(
        'match badges',
        async () => {
          const t = (await inIsolatedWorld<string[]>(dash, demo.url, 'badges')).filter((x) => /\d+% match/.test(x));
          return t.length ? t : null;
        },
        { timeout: 60_000, interval: 500 },
      );
      expect(badges.length).toBeGreaterThan(0);

      const picks = (await dash.evaluate(async (s) => {
        const r = await (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: 'picks/get', site: s });
        if (!r.ok) throw new Error(r.error);
        return r.value;
      }, site)) as { rows: { id: string; items: { genres: string[]; why: string[] }[] }[] };
      const top = picks.rows.find((r) => r.id === 'top');
      expect(top?.items.length, JSON.stringify(picks.rows.map((r) => r.id))).toBeGreaterThan(0);
      const count = (re: RegExp) => top!.items.filter((i) => i.genres.some((g) => re.test(g))).length;
      expect(count(/sci-?fi/i)).toBeGreaterThan(count(/romance/i));

      // The in-page panel opens from its toggle and shows its rows (in the extension's frame).
      await poll('the in-page panel', () => inIsolatedWorld<boolean>(dash, demo.url, 'open-panel'));
      const panel = await d.extensionPage(`panel.html?site=${encodeURIComponent(site)}`);
      await panel.waitFor(testid('panel-row'), 60_000);
      await panel.close();
    });

    it('a main-world script reads neither the badges nor the panel, nor finds the extension by its files', async () => {
      const seen = await home.evaluate(() => {
        const hosts = Array.from(document.querySelectorAll('*')).filter((e) => e.tagName.toLowerCase().startsWith('tasteful'));
        const frames: string[] = [];
        for (let i = 0; i < window.frames.length; i++) {
          try {
            frames.push(String(window.frames[i]!.document.body?.innerText));
          } catch {
            frames.push('unreadable'); // cross-origin: what a page must get
          }
        }
        return {
          hosts: hosts.length,
          shadow: hosts.map((h) => h.shadowRoot).filter(Boolean).length,
          hostText: hosts.map((h) => (h as HTMLElement).innerText + h.textContent + h.getAttributeNames().join()).join(''),
          body: document.documentElement.innerText.match(/\d+% match/g) ?? [],
          frames,
        };
      }, undefined);
      expect(seen.hosts).toBeGreaterThan(1); // badges and the panel are there…
      expect(seen.shadow).toBe(0); // …closed,
      expect(seen.hostText).toBe('');
      expect(seen.body).toEqual([]);
      expect(seen.frames.every((f) => f === 'unreadable')).toBe(true);

      const probe = d.guessablePanelUrl();
      if (probe) {
        const found = await home.evaluate(
          async (u) =>
            fetch(u).then(
              () => true,
              () => false,
            ),
          probe,
        );
        expect(found, `a page could fetch ${probe}`).toBe(false);
      }
      await home.close();
    });

    it('renders the popup and lists the history in the dashboard', async () => {
      const popup = await d.extensionPage('popup.html');
      await popup.waitFor(testid('popup-state'));
      await popup.close();
      const page = await d.extensionPage('options.html');
      await page.waitFor(`${testid('history-item')}[data-kind="watch"]`);
      await page.close();
    });

    it('exports, wipes and imports back the same store through the dashboard', async () => {
      const page = await d.extensionPage('options.html?download=blob');
      const before = await page.evaluate(readStores, USER_STORES);
      expect(before.watchSessions!.length).toBeGreaterThan(0);

      // The file is the Blob the dashboard hands to its download link (the page's CSP lets it
      // fetch nothing, blob: included, so the Blob is kept as it is made).
      await page.evaluate(() => {
        const make = URL.createObjectURL.bind(URL);
        URL.createObjectURL = (b: Blob | MediaSource) => {
          (window as unknown as { exported: Blob | MediaSource }).exported = b;
          return make(b);
        };
      }, undefined);
      await page.click(testid('export-button'));
      await page.waitFor(testid('export-download'));
      const text = await page.evaluate(() => (window as unknown as { exported: Blob }).exported.text(), undefined);
      expect(JSON.parse(text).format).toBe('tasteful-export');
      const file = join(dir, 'export.json');
      await writeFile(file, text);

      await page.click(testid('wipe-button'));
      await page.fill(testid('wipe-confirm-input'), 'delete');
      await page.click(testid('wipe-confirm'));
      await page.waitFor(testid('wipe-done'));
      await poll('an empty store', async () => {
        const left = await page.evaluate(
          readStores,
          USER_STORES.filter((t) => t !== 'settings'),
        );
        return Object.values(left).every((rows) => rows.length === 0);
      });
      await page.close();

      const again = await d.extensionPage('options.html');
      await again.setInputFile(testid('import-input'), file);
      await again.waitFor(`${testid('import-preview')}, ${testid('import-error')}`, 60_000);
      expect(await again.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, testid('import-error'))).toBeNull();
      await again.click(testid('import-replace'));
      await again.waitFor(testid('import-done'));
      expect(await again.evaluate(readStores, USER_STORES)).toEqual(before);
      await again.close();
    });

    it('refuses a broken import and leaves the store as it was', async () => {
      const page = await d.extensionPage('options.html');
      const before = await page.evaluate(readStores, USER_STORES);
      const bad = join(dir, 'bad.json');
      await writeFile(bad, '{"format":"tasteful-export","version":1,"tables":{"titles":[{"__proto__":{}}');
      await page.setInputFile(testid('import-input'), bad);
      await page.waitFor(testid('import-error'));
      // Refused for what is wrong with the file, not because it could not be read.
      expect(await page.evaluate((sel) => document.querySelector(sel)!.textContent, testid('import-error'))).toMatch(
        /json|format|invalid|parse|unexpected|end/i,
      );
      expect(await page.evaluate(readStores, USER_STORES)).toEqual(before);
      await page.close();
    });

    it('on an app whose player moves on by itself ("Next ›"), the media session names the next title', async () => {
      const page = await d.newPage();
      await page.goto(`${demo.url}/app`);
      await page.waitFor('.rh-card[data-id]');
      const [clicked, following] = await page.evaluate(
        () => Array.from(document.querySelectorAll('.rh-card'), (el) => el.getAttribute('data-id')!).slice(3, 5),
        undefined,
      );
      const watchToEnd = async (id: string) => {
        await poll(`the player on ${id}`, () =>
          page.evaluate(
            (want) =>
              location.hash === `#/watch/${encodeURIComponent(want)}` && (document.getElementById('rh-video') as HTMLVideoElement).currentTime > 0.5,
            id,
          ),
        );
        await page.evaluate(() => ((document.getElementById('rh-video') as HTMLVideoElement).playbackRate = 8), undefined);
        await poll(`the end of ${id}`, () => page.evaluate(() => (document.getElementById('rh-video') as HTMLVideoElement).ended, undefined), {
          timeout: 60_000,
        });
      };
      await page.click(`.rh-card[data-id="${clicked}"]`);
      await watchToEnd(clicked!);
      await page.click('.rh-stage__next'); // no tile clicked: only the media session names what plays now
      await watchToEnd(following!);
      await page.close();

      const ids = [`${site}:id:${clicked}`, `${site}:id:${following}`];
      const done = await poll('both watches', async () => {
        const rows = (await table('watchSessions')).filter((w) => ids.includes(String(w.titleId)) && (w.completion as number) >= 0.9);
        return rows.length >= 2 ? rows : null;
      });
      expect(done.map((w) => w.titleId).sort()).toEqual([...ids].sort());
    });

    it('on an ad-supported app, the pre-roll is not the title: one watch of it, not a finished one and a rewatch', async () => {
      const page = await d.newPage();
      await page.goto(`${demo.url}/app?ads`);
      await page.waitFor('.rh-card[data-id]');
      const id = await page.evaluate(() => document.querySelectorAll('.rh-card')[7]!.getAttribute('data-id')!, undefined);
      // Speeds the player up once it plays what `ad` says (the ad, then the title).
      const speedUpWhen = (ad: boolean) =>
        page.evaluate((wantAd) => {
          const el = document.getElementById('rh-video') as HTMLVideoElement;
          const showsAd = document.getElementById('rh-stage')!.classList.contains('ad-showing');
          if (showsAd !== wantAd || el.currentTime <= 0.3) return false;
          el.playbackRate = 8;
          return true;
        }, ad);
      await page.click(`.rh-card[data-id="${id}"]`);
      await poll("the pre-roll, in the player's own element", () => speedUpWhen(true));
      await poll('the title after the ad', () => speedUpWhen(false), { timeout: 60_000 });
      await poll('the end of the title', () => page.evaluate(() => (document.getElementById('rh-video') as HTMLVideoElement).ended, undefined), {
        timeout: 60_000,
      });
      await page.close();

      const titleId = `${site}:id:${id}`;
      const rows = await poll('the watch', async () => {
        const mine = (await table('watchSessions')).filter((w) => w.titleId === titleId);
        return mine.some((w) => (w.completion as number) >= 0.9) ? mine : null;
      });
      expect(rows.map((w) => ({ completion: (w.completion as number) >= 0.9, rewatch: w.rewatch }))).toEqual([{ completion: true, rewatch: false }]);
    });

    it('on an app whose player is a page of its own in a same-origin frame, the watch is recorded under the tile clicked', async () => {
      const page = await d.newPage();
      await page.goto(`${demo.url}/app?frame`);
      await page.waitFor('.rh-card[data-id]');
      const id = await page.evaluate(() => document.querySelectorAll('.rh-card')[1]!.getAttribute('data-id')!, undefined);
      await page.click(`.rh-card[data-id="${id}"]`);
      await poll('the framed player', () =>
        page.evaluate(() => {
          const el = (document.querySelector('.rh-stage__frame') as HTMLIFrameElement).contentDocument?.querySelector('video');
          if (!el || el.currentTime <= 0.3) return false;
          el.playbackRate = 8;
          return true;
        }, undefined),
      );
      await poll(
        'the end of the title',
        () =>
          page.evaluate(
            () => (document.querySelector('.rh-stage__frame') as HTMLIFrameElement).contentDocument?.querySelector('video')?.ended === true,
            undefined,
          ),
        { timeout: 60_000 },
      );
      await page.close();
      const titleId = `${site}:id:${id}`;
      const rows = await poll('the watch', async () => {
        const mine = (await table('watchSessions')).filter((w) => w.titleId === titleId && (w.completion as number) >= 0.9);
        return mine.length ? mine : null;
      });
      expect(rows).toHaveLength(1);
    });

    it("on an app opened at its player's address with no media session, the title over the player names the watch: the tile of that name", async () => {
      const page = await d.newPage();
      await page.goto(`${demo.url}/app?quiet`);
      await page.waitFor('.rh-card[data-id]');
      const id = await page.evaluate(() => document.querySelectorAll('.rh-card')[5]!.getAttribute('data-id')!, undefined);
      // A deep link (a bookmark, a shared link): the player opens with no tile clicked, and the
      // document title stays the app's name.
      await page.goto(`${demo.url}/app?quiet&linked#/watch/${id}`);
      await poll('the player opened by its address', () =>
        page.evaluate(() => {
          const el = document.getElementById('rh-video') as HTMLVideoElement;
          if (el.currentTime <= 0.3) return false;
          el.playbackRate = 8;
          return true;
        }, undefined),
      );
      await poll('the end of the title', () => page.evaluate(() => (document.getElementById('rh-video') as HTMLVideoElement).ended, undefined), {
        timeout: 60_000,
      });
      await page.close();
      const titleId = `${site}:id:${id}`;
      const rows = await poll('the watch', async () => {
        const mine = (await table('watchSessions')).filter((w) => w.titleId === titleId && (w.completion as number) >= 0.9);
        return mine.length ? mine : null;
      });
      expect(rows).toHaveLength(1);
      // Nothing was recorded under the app's own name.
      expect((await table('titles')).filter((t) => t.title === 'Reelhouse')).toEqual([]);
    });

    // After the export round trip: what the hostile page makes Tasteful record is not part of
    // it (its over-long titles are recorded but refused by import — reported, not hidden here).
    it('a hostile page that snoops on the DOM, storage and messages finds nothing of ours', async () => {
      const page = await d.newPage();
      await page.goto(`${demo.url}/hostile`);
      await new Promise((r) => setTimeout(r, 4000));
      const log = await page.evaluate(() => (window as unknown as { __hostile: { findings: unknown[]; messages: unknown[] } }).__hostile, undefined);
      expect(log.findings).toEqual([]);
      expect(log.messages).toEqual([]);
      await page.close();
    });

    it('sent no request anywhere but the demo site, and none from the extension', () => {
      expect(net.requests.length).toBeGreaterThan(0); // the proxy really saw the traffic
      expect(net.outside(), JSON.stringify(net.outside().slice(0, 10))).toEqual([]);
      expect(net.fromExtension()).toEqual([]);
    });
  });
}
