/**
 * A history imported from years ago (a MovieLens history of 2000, an old service's export), with
 * the shipped model over the demo catalog: imported through `applyImport` at its real times, it
 * gives the same badges and picks as the same history moved to end yesterday. Counted from now,
 * the wall-clock half-life had faded it as a whole, and the recent horizon (30 days) to nothing.
 */
import { describe, expect, it } from 'vitest';
import { exportToString } from '../store/export';
import { applyImport, parseExport } from '../store/import';
import type { WatchSessionRecord } from '../store/records';
import { freshDb } from '../../test/support/store-test-support';
import { DAY, NOW, session, titleRec, type T } from '../../test/support/rank-test-utils';
import { demoTitles, hasModel, pageInput, realModel } from '../../test/support/real-model';
import { createEngine } from './engine';

const titles = demoTitles;

/** Thirty films watched a day apart: mostly sci-fi, lately comedies (what the recent horizon knows). */
function history(): { watched: T[]; sessions: (end: number) => WatchSessionRecord[] } {
  const scifi = titles.filter((t) => t.genres.includes('Sci-Fi')).slice(0, 22);
  const comedy = titles.filter((t) => t.genres.includes('Comedy') && !t.genres.includes('Sci-Fi')).slice(0, 8);
  const watched = [...scifi, ...comedy];
  return { watched, sessions: (end) => watched.map((t, i) => session(t, { at: end - (watched.length - 1 - i) * DAY })) };
}

async function importedAt(end: number) {
  const { watched, sessions } = history();
  const source = await freshDb();
  await source.titles.bulkPut(titles.map((t) => titleRec(t, 'demo.test', end)));
  await source.watchSessions.bulkPut(sessions(end));
  const parsed = await parseExport(await exportToString(source, { exportedAt: NOW }));
  source.close();
  if (!parsed.ok) throw new Error(parsed.error);
  const db = await freshDb();
  await applyImport(db, parsed.file, 'replace', NOW);
  return { db, watched };
}

describe.skipIf(!hasModel)('an old history, imported', () => {
  it('badges and picks as on the day it was made: its recent titles still lead the picks', async () => {
    const model = await realModel();
    const pageOf = async (end: number) => {
      const { db, watched } = await importedAt(end);
      const engine = createEngine({ openDb: async () => db, model: () => model, now: () => NOW });
      const page = await engine.rankPage('demo.test', titles.map(pageInput));
      const picks = await engine.picks('demo.test');
      db.close();
      return { page, picks, watched };
    };
    const year2000 = Date.UTC(2000, 5, 1);
    const old = await pageOf(year2000);
    const fresh = await pageOf(NOW - DAY);
    await model.unload();

    const matches = (p: typeof old) => p.page.scores.map((s) => s.match);
    expect(matches(old).filter((m) => m !== null).length).toBeGreaterThan(10);
    expect(matches(old)).toEqual(matches(fresh));
    const rows = (p: typeof old) => p.picks.rows.map((r) => ({ id: r.id, items: r.items.map((x) => x.title) }));
    expect(rows(old)).toEqual(rows(fresh));
    // The history's last weeks (comedies) speak in the top picks, as they would have then.
    const top = old.picks.rows.find((r) => r.id === 'top')?.items.slice(0, 10) ?? [];
    expect(top.length).toBeGreaterThan(0);
    const comedy = new Set(titles.filter((t) => t.genres.includes('Comedy')).map((t) => t.title));
    expect(top.some((x) => comedy.has(x.title))).toBe(true);
  }, 180_000);
});
