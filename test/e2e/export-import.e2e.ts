/**
 * Issue 2 in a real browser: the extension loads, the dashboard and popup render, and
 * export → wipe → import through the real UI gives back an identical store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import { dumpStore, countOf } from './store-dump';
import { freshDb, load } from '../support/store-test-support';
import { makeFixture } from '../support/store-fixtures';
import { exportToString } from '../../src/store/export';

let s: ExtensionSession;
let dir: string;

/** A store with every table filled, shifted to end an hour ago so retention keeps it all. */
async function generatedExportFile(): Promise<string> {
  const fx = makeFixture({ titles: 120, watchSessions: 150, searches: 80, skips: 60, impressions: 200, ratings: 40 }, 7);
  // Every time moves by one shift, so that the latest of all of them lands an hour ago.
  const latest = Math.max(
    ...fx.titles.map((t) => t.lastSeen),
    ...fx.watchSessions.map((w) => w.endedAt),
    ...[...fx.searches, ...fx.skips, ...fx.impressions, ...fx.ratings].map((r) => r.at),
  );
  const shift = Date.now() - 3_600_000 - latest;
  for (const t of fx.titles) {
    t.firstSeen += shift;
    t.lastSeen += shift;
  }
  for (const w of fx.watchSessions) {
    w.startedAt += shift;
    w.endedAt += shift;
  }
  for (const r of [...fx.searches, ...fx.skips, ...fx.impressions, ...fx.ratings]) r.at += shift;
  for (const i of fx.impressions) {
    const d = new Date(i.at);
    i.day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  fx.settings = fx.settings.filter((x) => x.key !== 'retentionMonths').concat({ key: 'retentionMonths', value: 24 });
  const db = await freshDb();
  await load(db, fx);
  const text = await exportToString(db);
  db.close();
  return text;
}

beforeAll(async () => {
  s = await launchWithExtension();
  dir = await mkdtemp(join(tmpdir(), 'tasteful-export-'));
});
afterAll(async () => s?.close());

describe('the built extension in Chromium', () => {
  it('loads, with its service worker and the manifest we promise', async () => {
    const manifest = await s.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: {
            runtime: {
              getManifest(): {
                manifest_version: number;
                content_security_policy?: { extension_pages?: string };
                host_permissions?: string[];
              } & Record<string, unknown>;
            };
          };
        }
      ).chrome.runtime.getManifest(),
    );
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_security_policy?.extension_pages).toContain("'wasm-unsafe-eval'");
    expect(manifest.content_security_policy?.extension_pages).not.toMatch(/script-src[^;]*https?:/);
    expect(manifest.host_permissions).toEqual(expect.arrayContaining(['http://localhost/*', 'http://127.0.0.1/*']));
  });

  it('renders the popup', async () => {
    const page = await openExtensionPage(s, 'popup.html');
    await expect.poll(() => page.getByTestId('popup-state').count()).toBe(1);
    await page.close();
  });

  it('round-trips export → wipe → import through the dashboard UI', async () => {
    const page = await openExtensionPage(s, 'options.html?download=blob');
    const input = join(dir, 'generated.json');
    await writeFile(input, await generatedExportFile());

    // Fill the store through the real import UI (replace), then take its canonical dump.
    await page.getByTestId('import-input').setInputFiles(input);
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('import-replace').click();
    await page.getByTestId('import-done').waitFor();
    const before = await dumpStore(page);
    const counts = countOf(before);
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBeGreaterThan(0);

    // Export through the UI.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    const exported = join(dir, 'exported.json');
    await download.saveAs(exported);
    const doc = JSON.parse(await readFile(exported, 'utf8'));
    expect(doc.format).toBe('tasteful-export');

    // Wipe through the UI: everything goes, caches included.
    await page.getByTestId('wipe-button').click();
    await page.getByTestId('wipe-confirm-input').fill('delete');
    await page.getByTestId('wipe-confirm').click();
    let left: Record<string, number> = {};
    await waitFor(
      async () => {
        left = Object.fromEntries(Object.entries(countOf(await dumpStore(page, [...Object.keys(counts), 'embeddings']))).filter(([, n]) => n > 0));
        return Object.keys(left).length === 0;
      },
      { timeout: 20_000 },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; rows left after the wipe: ${JSON.stringify(left)}`);
    });

    // Import the export back: the store is identical.
    await page.reload();
    await page.getByTestId('import-input').setInputFiles(exported);
    await page.getByTestId('import-preview').waitFor();
    await page.getByTestId('import-replace').click();
    await page.getByTestId('import-done').waitFor();
    const after = await dumpStore(page);
    expect(after).toEqual(before);
    await page.close();
  });

  it('refuses a broken file in the UI and leaves the store as it was', async () => {
    const page = await openExtensionPage(s, 'options.html');
    const before = await dumpStore(page);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"format":"tasteful-export","version":1,"tables":{"titles":[{"__proto__":{}}');
    await page.getByTestId('import-input').setInputFiles(bad);
    await page.getByTestId('import-error').waitFor();
    expect(await dumpStore(page)).toEqual(before);
    await page.close();
  });
});
