/**
 * Issue 6, "storage quota exhausted", with the real extension in real Chromium: recording
 * pauses with a visible message, nothing already stored is lost, and recording resumes by
 * itself when space returns.
 *
 * How the space really runs out. The obvious tool, CDP `Storage.overrideQuotaForOrigin`,
 * changes what `navigator.storage.estimate()` reports but not what IndexedDB may write: the
 * extension holds `unlimitedStorage`, and Chromium answers the IndexedDB space check of an
 * unlimited origin with "no limit" before it looks at overrides (checked: writes still
 * succeed 35 s after overriding the quota to 1 byte). So for this extension a
 * `QuotaExceededError` never happens in Chromium; the real failure is a full disk. This test
 * therefore puts the browser profile on a small tmpfs of its own — a private mount namespace
 * (`unshare --user --map-root-user --mount`, no root needed) — and fills that disk from
 * outside through /proc/<pid>/root, as another program filling the user's disk would.
 *
 * What the real browser showed on a disk filled to the last byte: LevelDB's append fails
 * mid-record (`UnknownError … FILE_ERROR_NO_SPACE`), Chromium closes every connection, and a
 * later open reads the torn log as "Corruption: checksum mismatch" and deletes the origin's
 * whole IndexedDB — everything recorded was lost. So the product does not wait for a write to
 * fail: the background pauses recording while the browser reports less than RESERVE_BYTES
 * free (src/background/store-health.ts), and this test fills the disk to below that reserve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { chmod, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, contentScriptReady, EXTENSION_DIR, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';
import { CHECK_EVERY_MS, RESERVE_BYTES } from '../../src/background/store-health';

const MiB = 1024 * 1024;
const DISK_MIB = 128;

let demo: DemoServer;
let base: string;
let disk: SmallDisk;
let s: ExtensionSession;
let dash: Page;

interface SmallDisk {
  /** The tmpfs as this process sees it (through the browser's mount namespace). */
  path: string;
  free(): number;
  size(): number;
  /** Another program takes all but `leave` bytes. */
  fill(leave: number): Promise<void>;
  /** …and gives them back. */
  release(): Promise<void>;
}

/** Chromium with its profile on a `DISK_MIB` tmpfs in a mount namespace of its own. */
async function launchOnSmallDisk(): Promise<{ session: ExtensionSession; disk: SmallDisk }> {
  const mount = join(base, 'disk');
  const pidFile = join(base, 'chromium.pid');
  const wrapper = join(base, 'chromium-on-small-disk.sh');
  await writeFile(
    wrapper,
    `#!/bin/sh\nexec unshare --user --map-root-user --mount sh -c 'mount -t tmpfs -o size=${DISK_MIB}m tmpfs "$0" && echo $$ > "$1" && shift && exec "$@"' '${mount}' '${pidFile}' '${CHROMIUM}' "$@"\n`,
  );
  await chmod(wrapper, 0o755);
  const context: BrowserContext = await chromium.launchPersistentContext(join(mount, 'profile'), {
    executablePath: wrapper,
    headless: true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
    viewport: { width: 1280, height: 900 },
  });
  const serviceWorker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  const pid = (await readFile(pidFile, 'utf8')).trim();
  const path = `/proc/${pid}/root${mount}`;
  const filler = join(path, 'filler');
  const stat = () => statfsSync(path);
  const free = () => stat().bavail * stat().bsize;
  const session: ExtensionSession = {
    context,
    extensionId,
    serviceWorker,
    userDataDir: join(mount, 'profile'),
    extensionUrl: (p) => `chrome-extension://${extensionId}/${p.replace(/^\//, '')}`,
    close: async () => {
      await context.close().catch(() => undefined); // the tmpfs goes with the namespace
    },
  };
  return {
    session,
    disk: {
      path,
      free,
      size: () => stat().blocks * stat().bsize,
      fill: async (leave) => {
        const f = await open(filler, 'a');
        const chunk = Buffer.alloc(MiB, 1);
        try {
          for (let n = Math.floor((free() - leave) / MiB); n > 0; n--) await f.write(chunk);
        } finally {
          await f.close();
        }
      },
      release: () => rm(filler, { force: true }),
    },
  };
}

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  base = await mkdtemp(join(tmpdir(), 'tasteful-quota-'));
  ({ session: s, disk } = await launchOnSmallDisk());
  await contentScriptReady(s);
  dash = await openExtensionPage(s, 'options.html');
});
afterAll(async () => {
  await s?.close();
  await demo?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
const EVENT_TABLES = ['watchSessions', 'searches', 'skips', 'impressions', 'ratings', 'settings'];
const rows = async (table: string) => ((await dumpStore(dash, [table]))[table] ?? []) as Row[];
const currentTime = (page: Page) => page.$eval('video#player', (v) => (v as HTMLVideoElement).currentTime);
const playUntil = (page: Page, t: number) =>
  page.waitForFunction((tt) => (document.querySelector('video#player') as HTMLVideoElement).currentTime >= tt, t, { timeout: 60_000, polling: 100 });
const popupNotice = async () => {
  const popup = await openExtensionPage(s, 'popup.html');
  // The popup first renders a loading state; the store-full notice is read once it has its data.
  await popup.locator('[data-testid="popup-state"]:not([data-state="loading"])').waitFor();
  const notice = popup.getByTestId('popup-store-full');
  const shown = (await notice.count()) > 0 && (await notice.isVisible());
  const text = shown ? await notice.innerText() : '';
  await popup.close();
  return { shown, text };
};

describe('the disk fills up', () => {
  it('pauses recording with a message in the popup, loses nothing, and resumes when space returns', async () => {
    // The profile really is on the small disk (else this test would prove nothing).
    expect(disk.size()).toBeLessThanOrEqual(DISK_MIB * MiB);
    expect(disk.free()).toBeGreaterThan(RESERVE_BYTES + 16 * MiB);

    // Recorded while there is room: a search, and a watch that is still playing.
    const browse = await s.context.newPage();
    await browse.goto(`${demo.url}/search?q=alien`);
    await waitFor(async () => (await rows('searches')).some((q) => q.query === 'alien'), { timeout: 15_000 });
    const watching = await s.context.newPage();
    await watching.goto(`${demo.url}/watch/heat-1995?autoplay=1`);
    const heat = async () => (await rows('watchSessions')).find((w) => String(w.titleId).endsWith(':heat-1995'));
    await waitFor(async () => ((await heat())?.secondsWatched as number) > 0, { timeout: 20_000 });
    const beforeFill = await dumpStore(dash);
    expect(await popupNotice()).toEqual({ shown: false, text: '' });

    // Another program fills the disk, leaving less than the reserve.
    await disk.fill(8 * MiB);
    expect(disk.free()).toBeLessThan(RESERVE_BYTES);

    // (a) The popup, opened on no web page at all, says recording is paused.
    const full = await popupNotice();
    expect(full.shown).toBe(true);
    expect(full.text).toMatch(/Recording is paused/);
    expect(full.text).toMatch(/kept/);

    // The background reads the estimate at most every CHECK_EVERY_MS: from then on it refuses.
    await new Promise((r) => setTimeout(r, CHECK_EVERY_MS + 300));
    const paused = await dumpStore(dash);
    const playedAtPause = await currentTime(watching);

    // Keep browsing and watching: the open watch keeps reporting progress, new pages load.
    await browse.goto(`${demo.url}/search?q=matrix`);
    await browse.goto(`${demo.url}/title/titanic-1997`);
    await browse.goto(`${demo.url}/`);
    await browse.locator('section.row').nth(2).scrollIntoViewIfNeeded();
    await playUntil(watching, playedAtPause + 6); // a progress report (every 5 s) falls due
    await watching.close(); // pagehide: the final report is refused as well
    await browse.goto(`${demo.url}/search?q=matrix`); // flush pending impressions

    // (b) Nothing stored before is lost, and nothing was written while paused.
    const during = await dumpStore(dash);
    expect(during).toEqual(paused);
    for (const table of EVENT_TABLES) {
      const kept = new Map(during[table]!.map((r) => [JSON.stringify((r as Row).id ?? (r as Row).key ?? (r as Row).titleKey), r]));
      for (const r of beforeFill[table]!) {
        const key = JSON.stringify((r as Row).id ?? (r as Row).key ?? (r as Row).titleKey);
        expect(kept.has(key), `${table} ${key} kept`).toBe(true);
        if (table !== 'watchSessions') expect(kept.get(key)).toEqual(r);
      }
    }
    expect(during.searches!.some((q) => (q as Row).query === 'matrix')).toBe(false);
    const heatThen = (beforeFill.watchSessions!.find((w) => String((w as Row).titleId).endsWith(':heat-1995')) as Row).secondsWatched as number;
    const heatNow = (during.watchSessions!.find((w) => String((w as Row).titleId).endsWith(':heat-1995')) as Row).secondsWatched as number;
    expect(heatNow).toBeGreaterThanOrEqual(heatThen);
    expect(heatNow).toBeLessThan(playedAtPause + 1); // the last 6 s were not recorded

    // (c) Space returns: the message goes away and new events are recorded again.
    await disk.release();
    expect(disk.free()).toBeGreaterThan(RESERVE_BYTES);
    expect(await popupNotice()).toEqual({ shown: false, text: '' });
    let tries = 0;
    await waitFor(
      async () => {
        // A fresh page asks the background whether to record (a page open during the pause asks again within 30 s).
        await browse.goto(`${demo.url}/search?q=titanic&try=${++tries}`);
        return waitFor(async () => (await rows('searches')).some((q) => q.query === 'titanic'), { timeout: 5_000 }).catch(() => false);
      },
      { timeout: 20_000, interval: 0 },
    );
    const after = await dumpStore(dash);
    for (const table of EVENT_TABLES) for (const r of paused[table]!) expect(after[table]).toContainEqual(r);
  });
});
