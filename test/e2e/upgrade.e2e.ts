/**
 * Issue 6, "schema upgrade from the previous released version with data in it", in real
 * Chromium: a store exactly as the previous release left it is opened by the current build,
 * every record is readable through the product (dashboard history, export), and the
 * database is at the current version with the layout a fresh install gets.
 *
 * The previous release is frozen in test/fixtures/store-v1.json: the IndexedDB layout
 * Tasteful 0.1.0 (schema version 1, IndexedDB version 10 — Dexie multiplies by ten) made,
 * as read from Chromium, and a few records of every table. It is written with the raw
 * IndexedDB API, not with our Dexie code, so the current code cannot "help" the old store.
 *
 * How the old store gets in before the current code opens it: in a first browser session
 * the current build creates its own store (its layout is kept as the reference for a fresh
 * install); an extension page then deletes it — the background's and the page's Dexie
 * connections close on `versionchange` — and creates the old release's store in the same
 * breath (IndexedDB runs open/delete requests for one name in order, so nothing can come
 * in between). The browser is closed and started again on the same profile: the current
 * background opens the old store as it would after an update.
 *
 * Today the released schema has one version, so opening the v1 store is not yet an
 * upgrade: the test proves that the current code opens the old release's store as it is —
 * same version, same layout, every record intact — and that the released v1 step in
 * src/store/db.ts still makes exactly the frozen layout (editing a released step in place
 * would strand installed stores). The day a migration is appended, this same test upgrades
 * the frozen v1 store in Chromium: the version must then be the new one, the layout that of
 * a fresh install, and the records what the migrations make of them (checked against the
 * same migrations run on the same store in fake-indexeddb), with none lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { launchWithExtension, openExtensionPage, waitFor } from './harness';
import { dumpStore } from './store-dump';
import { MIGRATIONS, TastefulDB } from '../../src/store/db';
import { exportToString } from '../../src/store/export';

type Row = Record<string, unknown>;
interface IndexLayout {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}
interface StoreLayout {
  name: string;
  keyPath: string | string[];
  autoIncrement: boolean;
  indexes: IndexLayout[];
}
interface DbLayout {
  version: number;
  objectStores: StoreLayout[];
}
interface StoreFixture {
  release: string;
  schemaVersion: number;
  database: DbLayout & { name: string };
  records: Record<string, Row[]>;
}

const FIXTURE: StoreFixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/store-v1.json'), 'utf8'));
const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;
const USER_TABLES = ['titles', 'watchSessions', 'searches', 'skips', 'impressions', 'ratings', 'settings'];
const PK: Record<string, string> = { ratings: 'titleKey', settings: 'key' };
const pkOf = (table: string, r: Row) => String(r[PK[table] ?? 'id']);
const HISTORY_KIND: Record<string, string> = {
  watchSessions: 'watch',
  searches: 'search',
  skips: 'skip',
  impressions: 'impression',
  ratings: 'rating',
};

/**
 * The store's layout as IndexedDB reports it. Self-contained (it also runs in the browser
 * from its source text); the database must exist (an open without a version would create it).
 */
const readLayout = (idb: IDBFactory, name: string): Promise<DbLayout> =>
  new Promise<DbLayout>((done, fail) => {
    const req = idb.open(name);
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const names = Array.from(db.objectStoreNames);
      const tx = db.transaction(names, 'readonly');
      const objectStores = names.map((n) => {
        const os = tx.objectStore(n);
        return {
          name: n,
          keyPath: os.keyPath as string | string[],
          autoIncrement: os.autoIncrement,
          indexes: Array.from(os.indexNames).map((i) => {
            const ix = os.index(i);
            return { name: i, keyPath: ix.keyPath as string | string[], unique: ix.unique, multiEntry: ix.multiEntry };
          }),
        };
      });
      db.close();
      done({ version: db.version, objectStores });
    };
  });

/**
 * Puts the old release's store in place with the raw API: deletes the current one, then
 * creates the frozen layout and writes the records in its version-change transaction.
 * Self-contained, like readLayout. Resolves with the version created.
 */
const seedStore = (idb: IDBFactory, fx: StoreFixture): Promise<number> =>
  new Promise<number>((done, fail) => {
    const del = idb.deleteDatabase(fx.database.name);
    del.onerror = () => fail(del.error);
    const req = idb.open(fx.database.name, fx.database.version);
    let created = false;
    req.onerror = () => fail(req.error ?? new Error('the old store was not created'));
    req.onupgradeneeded = (ev) => {
      const db = req.result;
      if (ev.oldVersion !== 0) {
        req.transaction!.abort(); // not a fresh database: something came in between
        return;
      }
      for (const s of fx.database.objectStores) {
        const os = db.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
        for (const i of s.indexes) os.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
        for (const r of fx.records[s.name] ?? []) os.add(Array.isArray(r.vector) ? { ...r, vector: new Float32Array(r.vector as number[]) } : r);
      }
      created = true;
    };
    req.onsuccess = () => {
      const version = req.result.version;
      req.result.close();
      if (created) done(version);
      else fail(new Error('the old store was not created'));
    };
  });

/** Runs a self-contained function in an extension page with the page's own indexedDB. */
async function inPage<A, R>(page: Page, fn: (idb: IDBFactory, arg: A) => Promise<R>, arg: A): Promise<R> {
  return page.evaluate(`(${fn.toString()})(indexedDB, ${JSON.stringify(arg)})`) as Promise<R>;
}

/**
 * The fixture with its timestamps moved as one block so the newest is an hour old (the
 * retention window and the future-timestamp guard depend on the clock), and impression days
 * recomputed from the moved times. Nothing else changes.
 */
function recent(fx: StoreFixture, now: number): StoreFixture {
  const TIME_FIELDS = ['firstSeen', 'lastSeen', 'startedAt', 'endedAt', 'at'];
  const all = Object.entries(fx.records).flatMap(([, rows]) =>
    rows.flatMap((r) => TIME_FIELDS.filter((f) => typeof r[f] === 'number').map((f) => r[f] as number)),
  );
  const shift = now - 3_600_000 - Math.max(...all);
  const records = Object.fromEntries(
    Object.entries(fx.records).map(([table, rows]) => [
      table,
      rows.map((r) => {
        const out: Row = { ...r };
        for (const f of TIME_FIELDS) if (typeof out[f] === 'number') out[f] = (out[f] as number) + shift;
        if (table === 'impressions') {
          const d = new Date(out.at as number);
          out.day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        }
        return out;
      }),
    ]),
  );
  return { ...fx, records };
}

/** What the current migrations make of the same store, per the IndexedDB spec (fake-indexeddb). */
async function expectedExport(fx: StoreFixture): Promise<Record<string, Row[]>> {
  const idb = new IDBFactory();
  await seedStore(idb, fx);
  const db = new TastefulDB(fx.database.name, { indexedDB: idb, IDBKeyRange });
  await db.open();
  const doc = JSON.parse(await exportToString(db, { exportedAt: 0 })) as { tables: Record<string, Row[]> };
  db.close();
  return doc.tables;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tasteful-upgrade-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a store of the previous release', () => {
  it('is exactly what the released schema steps make (a released step was not edited in place)', async () => {
    const idb = new IDBFactory();
    const released = new TastefulDB(
      FIXTURE.database.name,
      { indexedDB: idb, IDBKeyRange },
      MIGRATIONS.filter((m) => m.version <= FIXTURE.schemaVersion),
    );
    await released.open();
    released.close();
    expect(await readLayout(idb, FIXTURE.database.name)).toEqual({ version: FIXTURE.database.version, objectStores: FIXTURE.database.objectStores });
    expect(FIXTURE.database.version).toBe(FIXTURE.schemaVersion * 10);
  });

  it('opens in the current build at the current version, with every record readable in the dashboard and the export', async () => {
    const profile = join(dir, 'profile');
    const old = recent(FIXTURE, Date.now());
    for (const table of [...USER_TABLES, 'embeddings']) expect(old.records[table]?.length, `fixture ${table}`).toBeGreaterThan(0);

    // First session: the current build makes a fresh store (kept as the reference), then the old one takes its place.
    const first = await launchWithExtension({ userDataDir: profile, keepProfile: true });
    let fresh: DbLayout;
    try {
      const page = await openExtensionPage(first, 'options.html');
      await waitFor(() => page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'tasteful' && (d.version ?? 0) > 1)));
      fresh = await inPage(page, readLayout, FIXTURE.database.name);
      expect(fresh.version).toBe(LATEST * 10);
      expect(await inPage(page, seedStore, old)).toBe(FIXTURE.database.version);
    } finally {
      await first.close();
    }

    // Second session: the current background starts on the old store, as after an update.
    const s = await launchWithExtension({ userDataDir: profile, keepProfile: true });
    try {
      const dash = await openExtensionPage(s, 'options.html?download=blob');

      // Current version, and the layout a fresh install has.
      await waitFor(() => dash.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'tasteful')?.version));
      expect(await inPage(dash, readLayout, FIXTURE.database.name)).toEqual(fresh);

      // The dashboard's history lists every event, joined with its title.
      const events = Object.entries(HISTORY_KIND)
        .flatMap(([table, kind]) => old.records[table]!.map((r) => `${kind}:${pkOf(table, r)}`))
        .sort();
      const items = dash.locator('[data-testid="history-item"]');
      await waitFor(async () => (await items.count()) === events.length, { timeout: 15_000 }).catch(async () => {
        throw new Error(`history shows ${await items.count()} of ${events.length} events`);
      });
      expect((await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id ?? ''))).sort()).toEqual(events);
      for (const w of old.records.watchSessions!) {
        const t = old.records.titles!.find((x) => x.id === w.titleId)!;
        await expect.poll(() => dash.locator(`[data-id="watch:${w.id}"] .title`).innerText()).toBe(t.year ? `${t.title} (${t.year})` : t.title);
      }

      // The export holds every record, as the migrations make it (today: exactly as stored).
      const [download] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId('export-button').click()]);
      const file = join(dir, 'export.json');
      await download.saveAs(file);
      const exported = (JSON.parse(await readFile(file, 'utf8')) as { tables: Record<string, Row[]> }).tables;
      for (const table of USER_TABLES) {
        expect(
          exported[table]!.map((r) => pkOf(table, r)),
          `${table}: every record`,
        ).toEqual(expect.arrayContaining(old.records[table]!.map((r) => pkOf(table, r))));
      }
      expect(exported).toEqual(await expectedExport(old));
      if (LATEST === FIXTURE.schemaVersion) {
        for (const table of USER_TABLES)
          expect(exported[table], table).toEqual([...old.records[table]!].sort((a, b) => (pkOf(table, a) < pkOf(table, b) ? -1 : 1)));
      }

      // The embedding cache (not exported) is still there too.
      const raw = await dumpStore(dash, ['embeddings']);
      for (const e of old.records.embeddings!) expect(raw.embeddings).toContainEqual(e);
    } finally {
      await s.close();
    }
  });
});
