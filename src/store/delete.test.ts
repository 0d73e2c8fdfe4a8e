import { describe, expect, it } from 'vitest';
import { deleteRange, deleteSite, deleteTitle, lastHour, today, wipeAll } from './delete';
import { EVENT_TABLE_LIST, eventTime } from './event-tables';
import { makeFixture } from '../../test/support/store-fixtures';
import { countByTable } from './history';
import { canonicalDump, freshDb, load } from '../../test/support/store-test-support';

const fixture = makeFixture({ titles: 40, watchSessions: 60, searches: 40, skips: 40, impressions: 100, ratings: 25 }, 11);

describe('wipeAll', () => {
  it('empties every table, settings and embedding cache included', async () => {
    const db = await freshDb();
    await load(db, fixture);
    await db.embeddings.put({
      id: 'm1:abc',
      modelVersion: 'm1',
      textHash: 'abc',
      vector: new Float32Array([1, 2]),
      at: fixture.titles[0]!.firstSeen,
    });
    await wipeAll(db);
    expect(Object.values(await countByTable(db)).every((n) => n === 0)).toBe(true);
  });
});

describe('deleteTitle', () => {
  it('removes every site record of the title key and every event and rating referring to it', async () => {
    const db = await freshDb();
    const f = structuredClone(fixture);
    const victim = f.titles[3]!;
    // A second site's record of the same title, and a search that opened it.
    f.titles.push({ ...victim, id: 'other.example:zz', site: 'other.example', siteItemId: 'zz' });
    f.searches[0]!.openedTitleId = 'other.example:zz';
    await load(db, f);
    const ids = new Set(f.titles.filter((t) => t.key === victim.key).map((t) => t.id));
    await deleteTitle(db, victim.key);

    expect(await db.titles.where('key').equals(victim.key).count()).toBe(0);
    for (const s of EVENT_TABLE_LIST) {
      const rows = (await db.table(s.table).toArray()) as Array<Record<string, unknown>>;
      for (const r of rows) {
        expect(ids.has(r[s.titleIdField] as string)).toBe(false);
        expect(r.titleKey).not.toBe(victim.key);
      }
    }
    // Unrelated data is untouched.
    const others = f.watchSessions.filter((s) => s.titleKey !== victim.key && !ids.has(s.titleId));
    expect(await db.watchSessions.count()).toBe(others.length);
    expect(await db.titles.count()).toBe(f.titles.length - ids.size);
  });
});

describe('deleteSite', () => {
  it('removes the site’s titles and events and nothing else', async () => {
    const db = await freshDb();
    await load(db, fixture);
    await deleteSite(db, 'netflix.com');
    const d = JSON.parse(await canonicalDump(db)) as Record<string, Array<{ site?: string }>>;
    for (const t of ['titles', 'watchSessions', 'searches', 'skips', 'impressions', 'ratings']) {
      const expected = (fixture[t as keyof typeof fixture] as Array<{ site?: string }>).filter((r) => r.site !== 'netflix.com').length;
      expect(d[t]!.length, t).toBe(expected);
      expect(d[t]!.some((r) => r.site === 'netflix.com')).toBe(false);
    }
  });
});

describe('deleteRange', () => {
  it('removes events in [from, to) and titles seen only then', async () => {
    const db = await freshDb();
    const f = structuredClone(fixture);
    const all = EVENT_TABLE_LIST.flatMap((s) => (f[s.table] as never[]).map((r) => eventTime(s.kind, r))).sort((a, b) => a - b);
    const from = all[50]!;
    const to = all[150]!;
    // A title first and last seen inside the range, referenced only by an event inside it.
    f.titles.push({ ...f.titles[0]!, id: 'x.example:only', site: 'x.example', key: 'only', firstSeen: from, lastSeen: from + 1 });
    f.skips.push({ ...f.skips[0]!, id: 'k-only', titleId: 'x.example:only', titleKey: 'only', site: 'x.example', at: from });
    await load(db, f);
    await deleteRange(db, from, to);
    for (const s of EVENT_TABLE_LIST) {
      const rows = (await db.table(s.table).toArray()) as never[];
      const want = (f[s.table] as never[]).filter((r) => {
        const at = eventTime(s.kind, r);
        return at < from || at >= to;
      });
      expect(rows.length, s.table).toBe(want.length);
    }
    expect(await db.titles.get('x.example:only')).toBeUndefined();
    expect(await db.titles.count()).toBe(fixture.titles.length);
  });

  it('has local-time helpers for the last hour and today', () => {
    const now = new Date(2024, 5, 15, 14, 30).getTime();
    expect(lastHour(now)).toEqual({ from: now - 3_600_000, to: Infinity });
    expect(today(now)).toEqual({ from: new Date(2024, 5, 15).getTime(), to: new Date(2024, 5, 16).getTime() });
  });
});
