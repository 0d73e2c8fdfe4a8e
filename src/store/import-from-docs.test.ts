/**
 * Import files written the way a third party would write them from docs/export-format.md
 * alone: a converter turning a user's last 30 MovieLens titles into `titles` +
 * `watchSessions`. Every file here is built by hand from what the document says (not by
 * exportToString), so a rule the validator enforces but the document does not state, or a
 * promise the document makes that the validator breaks, fails a test here.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TastefulDB } from './db';
import { exportToString } from './export';
import { applyImport, parseExport, previewImport, type ImportLimits, type ParseResult } from './import';
import { retentionCutoff, pruneOlderThan } from './retention';
import { getSettings } from './settings';
import { titleKey } from '../titles/normalize';
import { canonicalDump, freshDb } from '../../test/support/store-test-support';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
interface Doc extends Obj {
  tables: { [table: string]: Obj[] };
}

const DOCS = readFileSync(new URL('../../docs/export-format.md', import.meta.url), 'utf8');
/** Applied at a fixed "now", after all the history below. */
const NOW = Date.UTC(2025, 5, 1);
const SITE = 'movielens.org';
const TABLE_NAMES = ['titles', 'watchSessions', 'searches', 'skips', 'impressions', 'ratings', 'settings'];

/** The last 30 titles of a MovieLens user: [movieId, title, year, genres, runtime in minutes]. */
const MOVIELENS: ReadonlyArray<readonly [number, string, number, readonly string[], number]> = [
  [1, 'Toy Story', 1995, ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'], 81],
  [2, 'Jumanji', 1995, ['Adventure', 'Children', 'Fantasy'], 104],
  [32, 'Twelve Monkeys (a.k.a. 12 Monkeys)', 1995, ['Mystery', 'Sci-Fi', 'Thriller'], 129],
  [47, 'Seven (a.k.a. Se7en)', 1995, ['Mystery', 'Thriller'], 127],
  [50, 'The Usual Suspects', 1995, ['Crime', 'Mystery', 'Thriller'], 106],
  [110, 'Braveheart', 1995, ['Action', 'Drama', 'War'], 178],
  [260, 'Star Wars: Episode IV - A New Hope', 1977, ['Action', 'Adventure', 'Sci-Fi'], 121],
  [293, 'Léon: The Professional', 1994, ['Action', 'Crime', 'Drama', 'Thriller'], 110],
  [296, 'Pulp Fiction', 1994, ['Comedy', 'Crime', 'Drama', 'Thriller'], 154],
  [318, 'The Shawshank Redemption', 1994, ['Crime', 'Drama'], 142],
  [356, 'Forrest Gump', 1994, ['Comedy', 'Drama', 'Romance', 'War'], 142],
  [541, 'Blade Runner', 1982, ['Action', 'Sci-Fi', 'Thriller'], 117],
  [589, 'Terminator 2: Judgment Day', 1991, ['Action', 'Sci-Fi'], 137],
  [593, 'The Silence of the Lambs', 1991, ['Crime', 'Horror', 'Thriller'], 118],
  [858, 'The Godfather', 1972, ['Crime', 'Drama'], 175],
  [1036, 'Die Hard', 1988, ['Action', 'Crime', 'Thriller'], 132],
  [1136, 'Monty Python and the Holy Grail', 1975, ['Adventure', 'Comedy', 'Fantasy'], 91],
  [1196, 'Star Wars: Episode V - The Empire Strikes Back', 1980, ['Action', 'Adventure', 'Sci-Fi'], 124],
  [1198, 'Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark)', 1981, ['Action', 'Adventure'], 115],
  [1214, 'Alien', 1979, ['Horror', 'Sci-Fi'], 117],
  [1258, 'The Shining', 1980, ['Horror'], 146],
  [1270, 'Back to the Future', 1985, ['Adventure', 'Comedy', 'Sci-Fi'], 116],
  [2571, 'The Matrix', 1999, ['Action', 'Sci-Fi', 'Thriller'], 136],
  [2959, 'Fight Club', 1999, ['Action', 'Crime', 'Drama', 'Thriller'], 139],
  [4973, 'Le Fabuleux destin d’Amélie Poulain', 2001, ['Comedy', 'Romance'], 122],
  [5618, '千と千尋の神隠し', 2001, ['Adventure', 'Animation', 'Fantasy'], 125],
  [6016, 'Cidade de Deus', 2002, ['Action', 'Adventure', 'Crime', 'Drama', 'Thriller'], 130],
  [7361, 'Eternal Sunshine of the Spotless Mind', 2004, ['Drama', 'Romance', 'Sci-Fi'], 108],
  [79132, 'Inception', 2010, ['Action', 'Crime', 'Drama', 'Mystery', 'Sci-Fi', 'Thriller', 'IMAX'], 148],
  [109487, 'Interstellar', 2014, ['Sci-Fi', 'IMAX'], 169],
];

/** The title key by the four steps of "Title keys" in the document, written independently of src/titles. */
function keyAsDocumented(title: string, year: number | null): string {
  // 1. Trailing parentheses go; a trailing article ("Matrix, The") moves to the front.
  let t = title.trim();
  while (/\)\s*$/.test(t) && t.lastIndexOf('(') > 0) t = t.slice(0, t.lastIndexOf('(')).trim();
  t = t.replace(/^(.*\S),\s*(the|a|an|le|la|les|il|der|die|das|el|los|las)$/iu, '$2 $1');
  // 2. Lower case, no accents, no apostrophes, "&" as "and", words of letters and digits.
  const words =
    t
      .normalize('NFKD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase()
      .replace(/['’]/gu, '')
      .replace(/&/gu, ' and ')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  // 3. A leading article goes when more words follow.
  const articles = ['the', 'a', 'an', 'le', 'la', 'les', 'l', 'il', 'der', 'die', 'das', 'el', 'los', 'las'];
  if (words.length > 1 && articles.includes(words[0]!)) words.shift();
  // 4. Single spaces, then "|year" when the year is known.
  return year === null ? words.join(' ') : `${words.join(' ')}|${year}`;
}

/** Half the history in 2000–2003, half in 2015–2018: old enough that retention must stretch to keep it. */
function watchedAt(i: number): number {
  const year = i < 15 ? 2000 + (i % 4) : 2015 + (i % 4);
  return Date.UTC(year, (i * 5) % 12, 1 + ((i * 7) % 27), 18 + (i % 5), (i * 13) % 60);
}

/** A title record with only what the document requires: nullable fields are left out. */
function minimalTitle(i: number): Obj {
  const [movieId, title, year, genres] = MOVIELENS[i]!;
  const at = watchedAt(i);
  return {
    id: `${SITE}:${movieId}`,
    site: SITE,
    siteItemId: String(movieId),
    key: keyAsDocumented(title, year),
    title,
    year,
    kind: 'movie',
    genres: genres.map((g) => g.toLowerCase()),
    firstSeen: at,
    lastSeen: at,
  };
}

function fullTitle(i: number): Obj {
  const movieId = MOVIELENS[i]![0];
  return {
    ...minimalTitle(i),
    description: `MovieLens movie ${movieId}.`,
    imageUrl: null,
    url: `https://movielens.org/movies/${movieId}`,
  };
}

function minimalSession(i: number): Obj {
  const t = minimalTitle(i);
  const startedAt = watchedAt(i);
  const seconds = MOVIELENS[i]![4] * 60;
  const d = new Date(startedAt);
  return {
    id: `ml-${MOVIELENS[i]![0]}-1`,
    titleId: t.id as string,
    titleKey: t.key as string,
    site: SITE,
    startedAt,
    endedAt: startedAt + seconds * 1000,
    secondsWatched: seconds,
    completion: 1,
    pauses: 0,
    seeks: 0,
    rewatch: false,
    state: 'closed',
    ctx: { hour: d.getUTCHours(), weekday: d.getUTCDay(), device: 'tv', site: SITE },
  };
}

function fullSession(i: number): Obj {
  return { ...minimalSession(i), duration: MOVIELENS[i]![4] * 60 };
}

function fileWith(tables: { [table: string]: Obj[] }): Doc {
  return {
    format: 'tasteful-export',
    version: 1,
    exportedAt: Date.UTC(2024, 6, 1),
    app: { name: 'movielens-to-tasteful', version: '1.0' },
    tables: Object.fromEntries(TABLE_NAMES.map((t) => [t, tables[t] ?? []])),
  };
}

const ALL = MOVIELENS.map((_, i) => i);
const minimalDoc = (): Doc => fileWith({ titles: ALL.map(minimalTitle), watchSessions: ALL.map(minimalSession) });
const fullDoc = (): Doc => {
  const first = fullTitle(0);
  const last = fullTitle(29);
  return fileWith({
    titles: ALL.map(fullTitle),
    watchSessions: ALL.map(fullSession),
    searches: [
      { id: 'ml-s1', site: SITE, query: 'alien', at: watchedAt(19) - 60_000, openedTitleId: `${SITE}:1214`, ctx: { ...ctxAt(watchedAt(19)) } },
    ],
    skips: [
      {
        id: 'ml-k1',
        titleId: first.id!,
        titleKey: first.key!,
        site: SITE,
        at: watchedAt(0) + 1,
        reason: 'abandoned',
        secondsWatched: 300,
        ctx: ctxAt(watchedAt(0)),
      },
    ],
    impressions: [
      {
        id: 'ml-i1',
        titleId: last.id!,
        titleKey: last.key!,
        site: SITE,
        at: watchedAt(29) - 1,
        day: new Date(watchedAt(29)).toISOString().slice(0, 10),
        row: 'Top picks',
        ctx: ctxAt(watchedAt(29)),
      },
    ],
    ratings: ALL.map((i) => ({
      titleKey: minimalTitle(i).key!,
      titleId: minimalTitle(i).id!,
      site: SITE,
      value: i % 7 === 0 ? 'love' : i % 5 === 0 ? 'down' : 'up',
      at: watchedAt(i) + 3_600_000,
    })),
    settings: [
      { key: 'retentionMonths', value: 600 },
      { key: 'movielensUserId', value: 42 },
    ],
  });
};

function ctxAt(at: number): Obj {
  const d = new Date(at);
  return { hour: d.getUTCHours(), weekday: d.getUTCDay(), device: 'desktop', site: SITE };
}

/** Every object with its keys in reverse order, at every depth. */
function reverseKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .reverse()
      .map((k) => [k, reverseKeys(v[k]!)]),
  );
}

async function parsed(text: string | Blob, limits?: Partial<ImportLimits>): Promise<Extract<ParseResult, { ok: true }>['file']> {
  const r = await parseExport(text, limits);
  if (!r.ok) throw new Error(r.error);
  return r.file;
}

/** Imports into a fresh store (replace mode, as a new user would) and returns the store. */
async function importFresh(text: string | Blob): Promise<TastefulDB> {
  const db = await freshDb();
  await applyImport(db, await parsed(text), 'replace', NOW);
  return db;
}

describe('the examples in docs/export-format.md', () => {
  const blocks = [...DOCS.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('holds a whole file and an experiment-log row, each valid JSON', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const b of blocks) expect(() => JSON.parse(b)).not.toThrow();
  });

  it('its example file imports, and its keys are the keys recording would give those titles', async () => {
    const doc = JSON.parse(blocks[0]!) as Doc;
    const db = await importFresh(JSON.stringify(doc));
    expect(await db.titles.count()).toBe(doc.tables.titles!.length);
    for (const t of doc.tables.titles!) expect(t.key).toBe(titleKey(t.title as string, t.year as number | null));
    for (const t of ['watchSessions', 'skips', 'impressions', 'ratings'])
      for (const r of doc.tables[t]!) expect(r.titleKey).toBe(doc.tables.titles!.find((x) => x.id === r.titleId)?.key ?? r.titleKey);
  });

  it('every record example (a lone {...} block) validates in its table, with keys as recording makes them', async () => {
    const tables: string[] = [];
    for (const b of blocks.slice(1)) {
      const v = JSON.parse(b) as Obj;
      const table = 'value' in v ? 'settings' : 'startedAt' in v ? 'watchSessions' : 'siteItemId' in v ? 'titles' : null;
      expect(table, b).not.toBeNull();
      tables.push(table!);
      const r = await parseExport(JSON.stringify(fileWith({ [table!]: [v] })));
      expect(r.ok ? '' : r.error).toBe('');
      if (table === 'titles') expect(v.key).toBe(titleKey(v.title as string, v.year as number | null));
      if (table === 'watchSessions') expect(v.titleKey).toBe(keyAsDocumented('Alien', 1979));
      const picks = table === 'settings' ? (v.value as { impressions: { picks: { titleKey: string }[] }[] }).impressions.flatMap((i) => i.picks) : [];
      for (const p of picks) expect(p.titleKey).toMatch(/^[\p{Ll}\p{N} ]+\|\d{4}$/u);
    }
    expect(tables.sort()).toEqual(['settings', 'titles', 'watchSessions']);
  });
});

describe('a MovieLens history written from the document', () => {
  let reference: string;

  beforeAll(async () => {
    reference = await canonicalDump(await importFresh(JSON.stringify(minimalDoc())));
  });

  it('documents the key so a writer computes the same key recording does', () => {
    for (const [, title, year] of MOVIELENS) expect(keyAsDocumented(title, year)).toBe(titleKey(title, year));
    // The document's own worked examples.
    expect(keyAsDocumented('The Thing', 1982)).toBe('thing|1982');
    expect(keyAsDocumented('Matrix, The', 1999)).toBe(titleKey('Matrix, The', 1999));
    expect(keyAsDocumented('Léon: The Professional', 1994)).toBe('leon the professional|1994');
    expect(keyAsDocumented('千と千尋の神隠し', 2001)).toBe('千と千尋の神隠し|2001');
    expect(keyAsDocumented('Alien', null)).toBe(titleKey('Alien', null));
  });

  it('imports the minimal file: 30 titles, 30 finished sessions, nullable fields read as null', async () => {
    const db = await importFresh(JSON.stringify(minimalDoc()));
    expect(await db.titles.count()).toBe(30);
    expect(await db.watchSessions.count()).toBe(30);
    for (const t of ['searches', 'skips', 'impressions', 'ratings'] as const) expect(await db[t].count()).toBe(0);
    expect(await db.titles.get('movielens.org:1214')).toEqual({
      id: 'movielens.org:1214',
      site: 'movielens.org',
      siteItemId: '1214',
      key: 'alien|1979',
      title: 'Alien',
      year: 1979,
      kind: 'movie',
      genres: ['horror', 'sci-fi'],
      description: null,
      imageUrl: null,
      url: null,
      firstSeen: watchedAt(19),
      lastSeen: watchedAt(19),
    });
    const s = await db.watchSessions.get('ml-1214-1');
    expect(s).toMatchObject({ titleId: 'movielens.org:1214', titleKey: 'alien|1979', duration: null, completion: 1, state: 'closed' });
    expect(s?.endedAt).toBe(watchedAt(19) + 117 * 60_000);
    const years = (await db.watchSessions.toArray()).map((w) => new Date(w.startedAt).getUTCFullYear());
    expect(Math.min(...years)).toBe(2000);
    expect(Math.max(...years)).toBe(2018);
    expect((await db.titles.get('movielens.org:5618'))?.key).toBe('千と千尋の神隠し|2001');
  });

  it('keeps the imported history through the daily prune (retention stretches back to 2000)', async () => {
    const db = await importFresh(JSON.stringify(minimalDoc()));
    const months = (await getSettings(db)).retentionMonths;
    expect(months).toBeGreaterThan(12 * 24);
    expect(await pruneOlderThan(db, retentionCutoff(NOW, months))).toMatchObject({ watchSessions: 0, titles: 0 });
    expect(await db.watchSessions.count()).toBe(30);
  });

  it('imports the file with every optional field and every table filled', async () => {
    const db = await importFresh(JSON.stringify(fullDoc()));
    expect(await db.titles.count()).toBe(30);
    expect(await db.watchSessions.count()).toBe(30);
    expect(await db.ratings.count()).toBe(30);
    expect(await db.searches.count()).toBe(1);
    expect(await db.skips.count()).toBe(1);
    expect(await db.impressions.count()).toBe(1);
    expect(await db.titles.get('movielens.org:79132')).toMatchObject({
      description: 'MovieLens movie 79132.',
      imageUrl: null,
      url: 'https://movielens.org/movies/79132',
      genres: ['action', 'crime', 'drama', 'mystery', 'sci-fi', 'thriller', 'imax'],
    });
    expect((await db.watchSessions.get('ml-79132-1'))?.duration).toBe(148 * 60);
    expect((await db.ratings.get('alien|1979'))?.value).toBe('up');
    expect(await db.settings.get('movielensUserId')).toEqual({ key: 'movielensUserId', value: 42 });
    expect((await getSettings(db)).retentionMonths).toBe(600);
  });

  it('writing null where a field is nullable stores the same as leaving it out', async () => {
    const doc = minimalDoc();
    for (const t of doc.tables.titles!) Object.assign(t, { description: null, imageUrl: null, url: null });
    for (const s of doc.tables.watchSessions!) s.duration = null;
    expect(await canonicalDump(await importFresh(JSON.stringify(doc)))).toBe(reference);
  });

  it('merging the same file again finds only duplicates: omitted fields compare equal to the stored nulls', async () => {
    const db = await importFresh(JSON.stringify(minimalDoc()));
    const again = await previewImport(db, await parsed(JSON.stringify(minimalDoc())), 'merge', NOW);
    expect(again.perTable.titles).toEqual({ incoming: 30, new: 0, duplicates: 30, conflicts: 0, existing: 30 });
    expect(again.perTable.watchSessions).toMatchObject({ new: 0, duplicates: 30, conflicts: 0 });
  });

  it('round-trips: the store exports a file that imports back to the same store', async () => {
    const db = await importFresh(JSON.stringify(fullDoc()));
    const before = await canonicalDump(db);
    const again = await importFresh(await exportToString(db, { exportedAt: NOW }));
    expect(await canonicalDump(again)).toBe(before);
  });

  const SPELLINGS: Array<{ name: string; text: () => string }> = [
    { name: 'keys in reverse order at every depth', text: () => JSON.stringify(reverseKeys(minimalDoc())) },
    {
      name: 'tables in another order',
      text: () => {
        const d = minimalDoc();
        return JSON.stringify({ ...d, tables: Object.fromEntries(Object.entries(d.tables).reverse()) });
      },
    },
    { name: 'pretty-printed', text: () => JSON.stringify(minimalDoc(), null, 2) },
    { name: 'tab-indented with CRLF line endings', text: () => JSON.stringify(minimalDoc(), null, '\t').replace(/\n/g, '\r\n') },
    { name: 'a UTF-8 byte-order mark', text: () => `\uFEFF${JSON.stringify(minimalDoc(), null, 1)}` },
    { name: 'a trailing newline and surrounding blank lines', text: () => `\n\n${JSON.stringify(minimalDoc())}\r\n` },
    {
      name: 'non-ASCII written as \\u escapes',
      text: () => JSON.stringify(minimalDoc()).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    },
    {
      name: 'numbers in exponent and decimal notation (1.0e3, 81.0, 1.0)',
      text: () =>
        JSON.stringify(minimalDoc())
          .replace(/"secondsWatched":(\d+)/g, (_, n: string) => `"secondsWatched":${Number(n) / 1000}e3`)
          .replace(/"(startedAt|firstSeen|lastSeen)":(\d+)/g, (_, k: string, n: string) => `"${k}":${n}.0`)
          .replace(/"completion":1/g, '"completion":1.0')
          .replace(/"year":(\d+)/g, (_, n: string) => `"year":${Number(n) / 1000}E+3`),
    },
  ];

  it.each(SPELLINGS)('stores the same records whatever the spelling: $name', async ({ text }) => {
    expect(await canonicalDump(await importFresh(text()))).toBe(reference);
  });

  it('reads a File/Blob as the dashboard does, byte-order mark included', async () => {
    const blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), JSON.stringify(minimalDoc())], { type: 'application/json' });
    expect(await canonicalDump(await importFresh(blob))).toBe(reference);
  });

  it('accepts floats where the document allows them (partial sessions, fractional seconds)', async () => {
    const doc = minimalDoc();
    Object.assign(doc.tables.watchSessions![0]!, { secondsWatched: 2430.5, completion: 0.5, duration: 4861 });
    const db = await importFresh(JSON.stringify(doc));
    expect(await db.watchSessions.get('ml-1-1')).toMatchObject({ secondsWatched: 2430.5, completion: 0.5, duration: 4861 });
  });

  it('accepts dangling references: sessions and ratings of titles the file does not hold', async () => {
    const doc = fullDoc();
    doc.tables.titles = doc.tables.titles!.slice(0, 10);
    const db = await importFresh(JSON.stringify(doc));
    expect(await db.titles.count()).toBe(10);
    expect(await db.watchSessions.count()).toBe(30);
    expect(await db.ratings.count()).toBe(30);
    expect(await db.titles.get('movielens.org:109487')).toBeUndefined();
    expect((await db.watchSessions.get('ml-109487-1'))?.titleKey).toBe('interstellar|2014');
  });

  it('accepts a file with every table empty', async () => {
    const db = await importFresh(JSON.stringify(fileWith({})));
    expect(await db.titles.count()).toBe(0);
  });

  it('accepts a title without a year, with no genres, and the other kinds', async () => {
    const doc = minimalDoc();
    Object.assign(doc.tables.titles![0]!, { year: null, key: keyAsDocumented('Toy Story', null), genres: [], kind: 'unknown' });
    Object.assign(doc.tables.titles![1]!, { kind: 'series' });
    const db = await importFresh(JSON.stringify(doc));
    expect(await db.titles.get('movielens.org:1')).toMatchObject({ year: null, key: 'toy story', genres: [], kind: 'unknown' });
  });
});

describe('title keys written another way', () => {
  it('are computed from title and year on import, and each event of a title in the file takes its key', async () => {
    const doc = minimalDoc();
    // A converter that slugged keys its own way, and got one session's key wrong besides.
    for (const t of doc.tables.titles!)
      t.key = String(t.title)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-');
    for (const w of doc.tables.watchSessions!) w.titleKey = 'x';
    // An event of a title the file does not hold keeps its key.
    const orphan = { ...minimalSession(0), id: 'orphan-1', titleId: 'movielens.org:999999', titleKey: 'some film|1999' };
    doc.tables.watchSessions!.push(orphan);
    const db = await importFresh(JSON.stringify(doc));
    const alien = await db.titles.get(`${SITE}:1214`);
    expect(alien?.key).toBe('alien|1979');
    const sessions = await db.watchSessions.toArray();
    for (const w of sessions.filter((x) => x.id !== 'orphan-1')) {
      expect(w.titleKey).toBe((await db.titles.get(w.titleId))!.key);
    }
    expect(sessions.find((x) => x.id === 'orphan-1')?.titleKey).toBe('some film|1999');
  });

  it('two ratings that now name one film keep the later one', async () => {
    const t = minimalTitle(19); // Alien (1979)
    const at = watchedAt(19);
    const rating = (titleKey: string, value: string, when: number) => ({ titleKey, titleId: t.id as string, site: SITE, value, at: when });
    const doc = fileWith({ titles: [t], ratings: [rating('alien-1979', 'down', at), rating('ALIEN', 'love', at + 1000)] });
    const db = await importFresh(JSON.stringify(doc));
    expect(await db.ratings.toArray()).toEqual([rating('alien|1979', 'love', at + 1000)]);
  });
});

describe('a file that breaks a documented rule', () => {
  let db: TastefulDB;
  let before: string;

  beforeAll(async () => {
    // A store that already holds a history, so "changes nothing" can be told from "emptied it".
    db = await importFresh(JSON.stringify(fullDoc()));
    before = await canonicalDump(db);
  });

  const doc = (f: (d: Doc) => void) => () => {
    const d = minimalDoc();
    f(d);
    return JSON.stringify(d);
  };
  const title = (i: number, patch: Obj) => doc((d) => Object.assign(d.tables.titles![i]!, patch));
  const session = (i: number, patch: Obj) => doc((d) => Object.assign(d.tables.watchSessions![i]!, patch));
  const future = Date.now() + 3 * 86_400_000;

  const BROKEN: Array<{ rule: string; file: () => string; error: RegExp; limits?: Partial<ImportLimits>; count?: number }> = [
    // The file as a whole.
    { rule: 'not JSON (a MovieLens CSV)', file: () => 'movieId,title,genres\n1,Toy Story (1995),Adventure\n', error: /not valid JSON/ },
    { rule: 'truncated', file: () => JSON.stringify(minimalDoc()).slice(0, 5000), error: /not valid JSON.*truncated/ },
    { rule: 'larger than the size limit', file: () => JSON.stringify(minimalDoc()), limits: { maxBytes: 2000 }, error: /too large.*limit is 2000/ },
    { rule: 'format is not "tasteful-export"', file: doc((d) => (d.format = 'movielens')), error: /not a Tasteful export \(format is "movielens"/ },
    { rule: 'format missing', file: doc((d) => delete d.format), error: /format is missing/ },
    { rule: 'version 2', file: doc((d) => (d.version = 2)), error: /Unsupported export version 2: .* reads version 1/ },
    { rule: 'version "1" as a string', file: doc((d) => (d.version = '1')), error: /Unsupported export version "1"/ },
    { rule: 'exportedAt missing', file: doc((d) => delete d.exportedAt), error: /exportedAt is missing/ },
    { rule: 'exportedAt in seconds', file: doc((d) => (d.exportedAt = 1_719_792_000)), error: /exportedAt.*milliseconds/ },
    { rule: 'app missing', file: doc((d) => delete d.app), error: /app is missing/ },
    { rule: 'app.name longer than 64 characters', file: doc((d) => ((d.app as Obj).name = 'x'.repeat(65))), error: /app\.name is longer than 64/ },
    { rule: 'an unknown top-level field', file: doc((d) => (d.source = 'movielens')), error: /Unknown top-level field "source"/ },
    { rule: 'tables not an object', file: doc((d) => (d.tables = [] as never)), error: /"tables" must be an object/ },
    { rule: 'a table left out', file: doc((d) => delete d.tables.ratings), error: /Missing table ratings \(an empty table is written as \[\]\)/ },
    { rule: 'an unknown table', file: doc((d) => (d.tables.movies = [])), error: /Unknown table "movies"/ },
    { rule: 'a table that is not an array', file: doc((d) => (d.tables.skips = {} as never)), error: /Table skips must be an array/ },
    {
      rule: 'more records than the per-table limit',
      file: () => JSON.stringify(minimalDoc()),
      limits: { maxRecordsPerTable: 29 },
      error: /Table titles holds 30 records; the limit is 29\.\nTable watchSessions holds 30 records/,
      count: 2,
    },
    {
      rule: 'a "__proto__" key',
      file: () => JSON.stringify(minimalDoc()).replace('{"id"', '{"__proto__":{},"id"'),
      error: /forbidden key "__proto__"/,
    },
    // Records: fields.
    {
      rule: 'a field the schema does not define',
      file: title(3, { rating: 4.5 }),
      error: /record 4 in table titles: the record has unknown field "rating"/,
    },
    {
      rule: 'a required field left out',
      file: doc((d) => delete d.tables.watchSessions![2]!.state),
      error: /record 3 in table watchSessions: state is missing/,
    },
    {
      rule: 'a non-nullable field set to null',
      file: title(0, { genres: null }),
      error: /record 1 in table titles: genres must be an array, not null/,
    },
    { rule: 'title empty', file: title(0, { title: '' }), error: /record 1 in table titles: title must not be empty/ },
    { rule: 'title over 500 characters', file: title(0, { title: 'x'.repeat(501) }), error: /title is longer than 500 characters/ },
    {
      rule: 'description over 2,000 characters',
      file: title(0, { description: 'x'.repeat(2001) }),
      error: /description is longer than 2000 characters/,
    },
    { rule: 'an id over 510 characters', file: title(0, { id: `movielens.org:${'9'.repeat(500)}` }), error: /id is longer than 510 characters/ },
    // Enums and ranges.
    {
      rule: 'kind not in the enum ("film")',
      file: title(1, { kind: 'film' }),
      error: /record 2 in table titles: kind must be one of "movie", "series", "episode", "video", "unknown"/,
    },
    { rule: 'year before 1870', file: title(0, { year: 1850 }), error: /year must be ≥ 1870/ },
    { rule: 'year as a string', file: title(0, { year: '1995' }), error: /year must be a number, not a string \("1995"\)/ },
    {
      rule: 'year not an integer',
      file: title(0, { year: 1995.5 }),
      error: /record 1 in table titles: year must be an integer, not the number 1995.5/,
    },
    {
      rule: 'more than 16 genres',
      file: title(0, { genres: Array.from({ length: 17 }, (_, i) => `g${i}`) }),
      error: /genres has more than 16 items/,
    },
    { rule: 'a genre over 64 characters', file: title(0, { genres: ['x'.repeat(65)] }), error: /genres\.0 is longer than 64 characters/ },
    { rule: 'an empty genre', file: title(0, { genres: [''] }), error: /genres\.0 must not be empty/ },
    { rule: 'site with capitals', file: title(0, { site: 'MovieLens.org' }), error: /record 1 in table titles: site: not a site name/ },
    { rule: 'site as a URL', file: session(0, { site: 'https://movielens.org/' }), error: /record 1 in table watchSessions: site: not a site name/ },
    { rule: 'a non-http(s) URL', file: title(0, { url: 'ftp://movielens.org/1' }), error: /url: only http\(s\) URLs are stored/ },
    { rule: 'completion as a percentage', file: session(0, { completion: 100 }), error: /record 1 in table watchSessions: completion must be ≤ 1/ },
    {
      rule: 'negative secondsWatched',
      file: session(4, { secondsWatched: -1 }),
      error: /record 5 in table watchSessions: secondsWatched must be ≥ 0/,
    },
    { rule: 'secondsWatched over 7 days', file: session(0, { secondsWatched: 604_801 }), error: /secondsWatched must be ≤ 604800/ },
    { rule: 'duration 0', file: session(0, { duration: 0 }), error: /duration must be > 0/ },
    { rule: 'pauses not an integer', file: session(0, { pauses: 0.5 }), error: /pauses must be an integer/ },
    { rule: 'state "finished"', file: session(0, { state: 'finished' }), error: /state must be one of "open", "closed"/ },
    { rule: 'rewatch as 0', file: session(0, { rewatch: 0 }), error: /rewatch must be a boolean, not the number 0/ },
    { rule: 'ctx left out', file: doc((d) => delete d.tables.watchSessions![0]!.ctx), error: /ctx is missing/ },
    { rule: 'ctx.hour 24', file: session(0, { ctx: { hour: 24, weekday: 0, device: 'tv', site: SITE } }), error: /ctx\.hour must be ≤ 23/ },
    { rule: 'ctx.weekday 7', file: session(0, { ctx: { hour: 1, weekday: 7, device: 'tv', site: SITE } }), error: /ctx\.weekday must be ≤ 6/ },
    {
      rule: 'ctx.device "computer"',
      file: session(0, { ctx: { hour: 1, weekday: 1, device: 'computer', site: SITE } }),
      error: /ctx\.device must be one of "desktop", "tablet", "phone", "tv"/,
    },
    {
      rule: 'a MovieLens star rating as a rating value',
      file: doc((d) =>
        d.tables.ratings!.push({ titleKey: 'alien|1979', titleId: `${SITE}:1214`, site: SITE, value: 4.5 as never, at: watchedAt(19) }),
      ),
      error: /record 1 in table ratings: value must be one of "down", "up", "love", "not-interested"/,
    },
    {
      rule: 'an impression day not YYYY-MM-DD',
      file: doc((d) =>
        d.tables.impressions!.push({
          id: 'i',
          titleId: 'x:1',
          titleKey: 'k',
          site: SITE,
          at: watchedAt(0),
          day: '1/3/2000',
          row: null,
          ctx: ctxAt(watchedAt(0)),
        }),
      ),
      error: /record 1 in table impressions: day has the wrong format/,
    },
    // Timestamps.
    {
      rule: 'a timestamp in seconds (as MovieLens writes them)',
      file: session(6, { startedAt: 1_000_000_000 }),
      error: /record 7 in table watchSessions: startedAt.*before 1990.*milliseconds/,
    },
    { rule: 'a timestamp before 1990', file: title(0, { firstSeen: Date.UTC(1989, 11, 31) }), error: /firstSeen.*before 1990/ },
    { rule: 'a timestamp in the future', file: session(0, { endedAt: future }), error: /endedAt: timestamp is in the future/ },
    { rule: 'a fractional timestamp', file: session(0, { startedAt: watchedAt(0) + 0.5 }), error: /startedAt must be an integer/ },
    {
      rule: 'a timestamp as an ISO string',
      file: session(0, { startedAt: '2000-01-01T18:00:00Z' }),
      error: /startedAt must be a number, not a string/,
    },
    // Keys.
    {
      rule: 'two titles with one id',
      file: doc((d) => d.tables.titles!.push({ ...d.tables.titles![0]! })),
      error: /record 31 in table titles: duplicate key "movielens.org:1"/,
    },
    {
      rule: 'two ratings of one title key',
      file: doc((d) =>
        d.tables.ratings!.push(
          ...[0, 1].map((n) => ({ titleKey: 'alien|1979', titleId: `${SITE}:1214`, site: SITE, value: 'up', at: watchedAt(19) + n })),
        ),
      ),
      error: /record 2 in table ratings: duplicate key "alien\|1979"/,
    },
    // Settings.
    {
      rule: 'a known setting with an invalid value',
      file: doc((d) => d.tables.settings!.push({ key: 'retentionMonths', value: 601 })),
      error: /setting retentionMonths\): value must be ≤ 600/,
    },
    {
      rule: 'a setting value over 64 KiB',
      file: doc((d) => d.tables.settings!.push({ key: 'notes', value: 'x'.repeat(66_000) })),
      error: /setting "notes" is larger than 65536 characters/,
    },
    {
      rule: 'a setting row without a value',
      file: doc((d) => d.tables.settings!.push({ key: 'notes' })),
      error: /record 1 in table settings: value is missing/,
    },
  ];

  it.each(BROKEN)('refuses it and changes nothing: $rule', async ({ file, error, limits, count = 1 }) => {
    const input = file();
    const r = await parseExport(input, limits);
    expect(r.ok).toBe(false);
    if (r.ok) {
      await applyImport(db, r.file, 'replace', NOW);
      return;
    }
    expect(r.error).toMatch(error);
    // Each error names one place: only the broken part is reported, not its neighbours.
    expect(r.errors).toHaveLength(count);
    expect(await canonicalDump(db)).toBe(before);
  });

  it('the unbroken file passes, so each case above fails for its own rule', async () => {
    expect((await parseExport(JSON.stringify(minimalDoc()))).ok).toBe(true);
    expect(BROKEN.length).toBeGreaterThanOrEqual(50);
  });
});
