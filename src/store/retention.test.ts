import { describe, expect, it } from 'vitest';
import { EVENT_TABLE_LIST, eventTime } from './event-tables';
import { makeFixture } from '../../test/support/store-fixtures';
import { monthsToKeep, pruneOlderThan, retentionCutoff } from './retention';
import { MAX_RETENTION_MONTHS } from './settings';
import { freshDb, load } from '../../test/support/store-test-support';

describe('retentionCutoff', () => {
  it('goes back calendar months in local time, clamping the day', () => {
    expect(retentionCutoff(new Date(2024, 5, 15, 10).getTime(), 12)).toBe(new Date(2023, 5, 15, 10).getTime());
    expect(retentionCutoff(new Date(2024, 2, 31, 8).getTime(), 1)).toBe(new Date(2024, 1, 29, 8).getTime());
    expect(retentionCutoff(new Date(2024, 0, 10).getTime(), 120)).toBe(new Date(2014, 0, 10).getTime());
  });
});

describe('pruneOlderThan', () => {
  it('drops old events and titles nothing refers to any more, and keeps ratings', async () => {
    const db = await freshDb();
    const f = makeFixture({ titles: 400, watchSessions: 60, searches: 40, skips: 40, impressions: 100, ratings: 20 }, 5);
    const cutoff = f.watchSessions[0]!.startedAt;
    await load(db, f);
    await pruneOlderThan(db, cutoff);

    for (const s of EVENT_TABLE_LIST) {
      const want = (f[s.table] as never[]).filter((r) => s.kind === 'rating' || eventTime(s.kind, r) >= cutoff).length;
      expect(await db.table(s.table).count(), s.table).toBe(want);
    }
    const referenced = new Set<string>();
    for (const s of EVENT_TABLE_LIST)
      for (const r of (await db.table(s.table).toArray()) as Array<Record<string, unknown>>) referenced.add(r[s.titleIdField] as string);
    const wantTitles = f.titles.filter((t) => t.lastSeen >= cutoff || referenced.has(t.id));
    expect((await db.titles.toArray()).map((t) => t.id).sort()).toEqual(wantTitles.map((t) => t.id).sort());
    expect(wantTitles.length).toBeLessThan(f.titles.length); // the test prunes some titles
  });
});

describe('monthsToKeep', () => {
  const now = new Date(2026, 11, 4, 12).getTime();
  it('keeps the window when the oldest event is inside it, and lengthens it to the shortest that holds it', () => {
    expect(monthsToKeep(new Date(2026, 5, 1).getTime(), now, 12)).toBe(12);
    const oldest = new Date(2020, 2, 15).getTime();
    const m = monthsToKeep(oldest, now, 12);
    expect(retentionCutoff(now, m)).toBeLessThanOrEqual(oldest);
    expect(retentionCutoff(now, m - 1)).toBeGreaterThan(oldest);
  });
  it('stops at the longest window a setting may hold', () => {
    expect(monthsToKeep(0, now, 12)).toBe(MAX_RETENTION_MONTHS);
  });
});
