/**
 * Faults real machines produce: the browser killed mid-watch and mid-import. The store must
 * stay whole: at most the last few seconds of watching lost, an import all or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentScriptReady, killBrowser, launchWithExtension, openExtensionPage, waitFor } from './harness';
import { countOf, dumpStore } from './store-dump';
import { startDemoServer, type DemoServer } from '../../demo/server.mjs';
import { freshDb, load } from '../support/store-test-support';
import { makeFixture } from '../support/store-fixtures';
import { exportToString } from '../../src/store/export';

let demo: DemoServer;
let profile: string;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  profile = await mkdtemp(join(tmpdir(), 'tasteful-faults-'));
});
afterAll(async () => {
  await demo?.close();
  await rm(profile, { recursive: true, force: true });
});

describe('the browser killed', () => {
  it('during a watch session: the session survives, closed, missing at most the last seconds', async () => {
    const s = await launchWithExtension({ userDataDir: profile, keepProfile: true });
    await contentScriptReady(s);
    const page = await s.context.newPage();
    await page.goto(`${demo.url}/watch/heat-1995?autoplay=1`);
    await page.waitForFunction(() => (document.querySelector('video#player') as HTMLVideoElement).currentTime >= 14, undefined, { timeout: 60_000 });
    const played = await page.$eval('video#player', (v) => (v as HTMLVideoElement).currentTime);
    await killBrowser(s);

    const again = await launchWithExtension({ userDataDir: profile, keepProfile: true });
    try {
      const dash = await openExtensionPage(again, 'options.html');
      let rows: Record<string, unknown>[] = [];
      const session = await waitFor(
        async () => {
          rows = ((await dumpStore(dash, ['watchSessions'])).watchSessions ?? []) as Record<string, unknown>[];
          return rows.find((w) => String(w.titleId).endsWith(':heat-1995') && w.state === 'closed') ?? null;
        },
        { timeout: 20_000 },
      ).catch(() => {
        throw new Error(`no closed session after restart; sessions: ${JSON.stringify(rows)}`);
      });
      // Progress is sent every 5 s: what was played before the last report is kept.
      expect(session.secondsWatched as number).toBeGreaterThanOrEqual(played - 6.5);
      expect(session.secondsWatched as number).toBeLessThanOrEqual(played + 1);
    } finally {
      await again.close();
    }
  });

  it('during an import: all or nothing', async () => {
    const fx = makeFixture({ titles: 3000, watchSessions: 20000, searches: 5000, skips: 5000, impressions: 30000, ratings: 1000 }, 3);
    const file = join(profile, '..', `tasteful-big-${Date.now()}.json`);
    const gen = await freshDb();
    await load(gen, { ...fx, settings: [] });
    await writeFile(file, await exportToString(gen));
    gen.close();

    const s = await launchWithExtension({ userDataDir: profile, keepProfile: true });
    const dash = await openExtensionPage(s, 'options.html');
    const before = await dumpStore(dash);
    await dash.getByTestId('import-input').setInputFiles(file);
    await dash.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    await dash.getByTestId('import-replace').click();
    await dash.waitForTimeout(150); // the write transaction is under way
    await killBrowser(s);

    const again = await launchWithExtension({ userDataDir: profile, keepProfile: true });
    const page = await openExtensionPage(again, 'options.html');
    const after = await dumpStore(page).finally(() => undefined);
    const counts = countOf(after);
    const full =
      counts.watchSessions === fx.watchSessions.length && counts.impressions === fx.impressions.length && counts.titles === fx.titles.length;
    // Either the transaction never committed (the store is as it was) or it committed whole.
    if (!full) expect(after).toEqual(before);
    else expect(counts.searches).toBe(fx.searches.length);
    await again.close();
    await rm(file, { force: true });
  });
});
