/**
 * Issue 12: the engine follows what is committed to the store from any context, with no
 * announcement. An extension page that only writes to IndexedDB (through its own copy of
 * Dexie, sending no message at all) seeds a history, then deletes one title and adds
 * another in one transaction: the engine's picks show the change within a second.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, openExtensionPage, waitFor, type ExtensionSession } from './harness';
import type { Picks } from '../../src/engine/api';
import { titleKey } from '../../src/titles/normalize';

const DEXIE_UMD = readFileSync(createRequire(import.meta.url).resolve('dexie/dist/dexie.js'), 'utf8');
const NOW = Date.now();
const DAY = 86_400_000;
const SITE = 'quiet.test';

function title(name: string, year: number, genres: string[]) {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    id: `${SITE}:${id}`,
    site: SITE,
    siteItemId: id,
    key: titleKey(name, year),
    title: name,
    year,
    kind: 'movie',
    genres,
    description: null,
    imageUrl: null,
    url: `https://${SITE}/title/${id}`,
    firstSeen: NOW - DAY,
    lastSeen: NOW - DAY,
  };
}

function watched(t: ReturnType<typeof title>, daysAgo: number) {
  const at = NOW - daysAgo * DAY;
  return {
    id: `w-${t.siteItemId}`,
    titleId: t.id,
    titleKey: t.key,
    site: SITE,
    startedAt: at,
    endedAt: at + 7_200_000,
    secondsWatched: 7_200,
    duration: 7_200,
    completion: 1,
    pauses: 0,
    seeks: 0,
    rewatch: false,
    state: 'closed',
    ctx: { hour: 20, weekday: 5, device: 'desktop', site: SITE },
  };
}

const WATCHED = [
  title('Alien', 1979, ['Sci-Fi', 'Horror']),
  title('Blade Runner', 1982, ['Sci-Fi', 'Thriller']),
  title('The Matrix', 1999, ['Sci-Fi', 'Action']),
];
const OTHERS = [
  title('Aliens', 1986, ['Sci-Fi', 'Action']),
  title('Gattaca', 1997, ['Sci-Fi', 'Drama']),
  title('Arrival', 2016, ['Sci-Fi', 'Drama']),
  title('Notting Hill', 1999, ['Comedy', 'Romance']),
  title('Solaris', 1972, ['Sci-Fi', 'Drama']),
];
const GONE = OTHERS[1]!;
const ADDED = title('Moon', 2009, ['Sci-Fi', 'Drama']);

let s: ExtensionSession;
let page: Page;

/** Writes through a Dexie of the page's own (not the extension's code): nothing announces anything. */
async function quietWrite(p: Page, op: { put?: Record<string, unknown[]>; del?: Record<string, string[]> }): Promise<void> {
  await p.evaluate(async ({ put, del }) => {
    const D = (
      globalThis as unknown as {
        Dexie: new (
          name: string,
        ) => {
          open(): Promise<unknown>;
          tables: { name: string }[];
          table(n: string): { bulkPut(r: unknown[]): Promise<unknown>; bulkDelete(k: string[]): Promise<unknown> };
          transaction(m: string, t: string[], f: () => Promise<void>): Promise<void>;
          close(): void;
        };
      }
    ).Dexie;
    const db = new D('tasteful');
    await db.open();
    const tables = [...new Set([...Object.keys(put ?? {}), ...Object.keys(del ?? {})])];
    await db.transaction('rw', tables, async () => {
      for (const [t, keys] of Object.entries(del ?? {})) await db.table(t).bulkDelete(keys);
      for (const [t, rows] of Object.entries(put ?? {})) await db.table(t).bulkPut(rows);
    });
    db.close();
  }, op);
}

async function pickedTitles(p: Page): Promise<string[]> {
  const picks = await p.evaluate(async () => {
    const r = await (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: Picks; error?: string }> } } }
    ).chrome.runtime.sendMessage({ type: 'picks/get', site: null });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  });
  return picks.rows.flatMap((r) => r.items.map((i) => i.title));
}

beforeAll(async () => {
  s = await launchWithExtension();
  page = await openExtensionPage(s, 'options.html');
  // A copy of Dexie that is not the extension's code: page.evaluate is not bound by the page's CSP.
  await page.evaluate(DEXIE_UMD);
});
afterAll(async () => {
  await s?.close();
});

describe('the engine observes the store, announced or not', () => {
  it('a history written quietly reaches the picks', async () => {
    await quietWrite(page, { put: { titles: [...WATCHED, ...OTHERS], watchSessions: WATCHED.map((t, i) => watched(t, 3 - i)) } });
    const titles = await waitFor(
      async () => {
        const t = await pickedTitles(page);
        return t.includes(GONE.title) ? t : null;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(titles).not.toContain('Alien'); // finished
  });

  it('an unannounced delete plus an add (same row count) shows in the picks within a second', async () => {
    expect(await pickedTitles(page)).not.toContain(ADDED.title);
    await quietWrite(page, { del: { titles: [GONE.id] }, put: { titles: [ADDED] } });
    const after = await waitFor(
      async () => {
        const t = await pickedTitles(page);
        return !t.includes(GONE.title) && t.includes(ADDED.title) ? t : null;
      },
      { timeout: 1_000, interval: 50 },
    );
    expect(after).toContain(ADDED.title);
    expect(after).not.toContain(GONE.title);
  });
});
