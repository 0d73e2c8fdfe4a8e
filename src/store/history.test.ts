import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, EVENT_TABLES, eventPk, eventTime, type EventKind } from './event-tables';
import { makeFixture, type Fixture } from '../../test/support/store-fixtures';
import { countByTable, historyPage, sitesSeen, type HistoryItem, type HistoryQuery } from './history';
import { freshDb, load } from '../../test/support/store-test-support';

const fixture = makeFixture({ titles: 60, watchSessions: 80, searches: 50, skips: 40, impressions: 120, ratings: 30 }, 3);

/** The expected timeline, computed the slow obvious way. */
function expected(f: Fixture, q: HistoryQuery): Array<{ id: string; at: number }> {
  const all = EVENT_KINDS.flatMap((kind) =>
    (f[EVENT_TABLES[kind].table] as Array<Parameters<typeof eventPk>[1]>).map((r) => ({
      id: `${kind}:${eventPk(kind, r)}`,
      at: eventTime(kind, r),
      site: (r as { site: string }).site,
      kind,
    })),
  );
  return all
    .filter((e) => (q.kinds ?? EVENT_KINDS).includes(e.kind))
    .filter((e) => q.site === undefined || e.site === q.site)
    .filter((e) => (q.from === undefined || e.at >= q.from) && (q.to === undefined || e.at < q.to))
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
    .map(({ id, at }) => ({ id, at }));
}

async function walk(db: Awaited<ReturnType<typeof freshDb>>, q: HistoryQuery): Promise<HistoryItem[]> {
  const out: HistoryItem[] = [];
  let page = await historyPage(db, q);
  for (let guard = 0; guard < 1000; guard++) {
    out.push(...page.items);
    if (!page.next) break;
    page = await historyPage(db, { ...q, before: page.next });
  }
  return out;
}

describe('historyPage', () => {
  it('pages through every event newest first with no gaps or repeats', async () => {
    const db = await freshDb();
    await load(db, fixture);
    const first = await historyPage(db);
    expect(first.items).toHaveLength(50);
    const all = await walk(db, { pageSize: 37 });
    expect(all.map(({ id, at }) => ({ id, at }))).toEqual(expected(fixture, {}));
  });

  it('breaks ties in time across tables and within a table', async () => {
    const db = await freshDb();
    const f = structuredClone(fixture);
    const t = f.watchSessions[0]!.startedAt;
    for (const s of f.searches.slice(0, 5)) s.at = t;
    for (const s of f.impressions.slice(0, 5)) s.at = t;
    await load(db, f);
    const all = await walk(db, { pageSize: 3 });
    expect(all.map(({ id, at }) => ({ id, at }))).toEqual(expected(f, {}));
  });

  it('pages through a large batch stamped with one time, with and without a site filter', async () => {
    const db = await freshDb();
    const f = structuredClone(fixture);
    const t = f.impressions[0]!.at;
    for (const s of f.impressions) s.at = t; // 120 impressions recorded in one flush
    await load(db, f);
    for (const q of [
      { pageSize: 7 },
      { pageSize: 7, site: 'netflix.com' },
      { pageSize: 7, kinds: ['impression'] as EventKind[], from: t, to: t + 1 },
    ]) {
      const all = await walk(db, q);
      expect(
        all.map(({ id, at }) => ({ id, at })),
        JSON.stringify(q),
      ).toEqual(expected(f, q));
    }
  });

  it('filters by site, kinds and time range', async () => {
    const db = await freshDb();
    await load(db, fixture);
    const sorted = expected(fixture, {});
    const from = sorted[200]!.at;
    const to = sorted[20]!.at;
    const queries: HistoryQuery[] = [
      { site: 'netflix.com' },
      { kinds: ['watch', 'rating'] },
      { kinds: ['search'], site: 'youtube.com' },
      { from, to },
      { from, to, site: 'localhost:5178', kinds: ['impression', 'skip'] },
      { kinds: [] },
    ];
    for (const q of queries) {
      const all = await walk(db, { ...q, pageSize: 11 });
      expect(
        all.map(({ id, at }) => ({ id, at })),
        JSON.stringify(q),
      ).toEqual(expected(fixture, q));
      for (const item of all) {
        if (q.site) expect((item.record as { site: string }).site).toBe(q.site);
        if (q.kinds) expect(q.kinds).toContain(item.kind);
      }
    }
  });

  it('joins each event with its title', async () => {
    const db = await freshDb();
    await load(db, fixture);
    const titles = new Map(fixture.titles.map((t) => [t.id, t]));
    const { items } = await historyPage(db, { pageSize: 200 });
    let joined = 0;
    for (const item of items) {
      const tid = item.kind === 'search' ? item.record.openedTitleId : item.record.titleId;
      expect(item.title).toEqual(tid ? (titles.get(tid) ?? null) : null);
      if (item.title) joined++;
    }
    expect(joined).toBeGreaterThan(100);
  });

  it('returns an empty last page, and nothing for an empty range', async () => {
    const db = await freshDb();
    expect(await historyPage(db)).toEqual({ items: [], next: null });
    await load(db, fixture);
    expect((await historyPage(db, { from: 10, to: 10 })).items).toEqual([]);
    const kinds: EventKind[] = ['rating'];
    const page = await historyPage(db, { kinds, pageSize: 30 });
    expect(page.items).toHaveLength(fixture.ratings.length);
    expect(page.next).toBeNull();
  });
});

describe('countByTable and sitesSeen', () => {
  it('counts every table and lists the sites seen', async () => {
    const db = await freshDb();
    await load(db, fixture);
    const counts = await countByTable(db);
    expect(counts).toEqual({
      titles: fixture.titles.length,
      watchSessions: fixture.watchSessions.length,
      searches: fixture.searches.length,
      skips: fixture.skips.length,
      impressions: fixture.impressions.length,
      ratings: fixture.ratings.length,
      settings: fixture.settings.length,
      embeddings: 0,
    });
    await db.searches.put({ ...fixture.searches[0]!, id: 'only-here', site: 'zzz.example' });
    const expectedSites = [...new Set([...fixture.titles.map((t) => t.site), 'zzz.example'])].sort();
    expect(await sitesSeen(db)).toEqual(expectedSites);
  });
});
