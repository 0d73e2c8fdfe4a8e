import { describe, expect, it } from 'vitest';
import { CURRENT_EXPERIMENT } from '../rank/experiment/registry';
import { DAY, FAKE_DIM, NOW, fakeEmbed, session, titleRec, type T } from '../../test/support/rank-test-utils';
import { freshDb } from '../../test/support/store-test-support';
import { createEngine, type ModelPort } from './engine';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] });
const comedy = (i: number): T => ({ title: `Office Laughs ${i}`, genres: ['Comedy'] });

const model = (): ModelPort => ({
  load: async () => ({ modelVersion: 'fake-1', dim: FAKE_DIM, popWeight: 0.05 }),
  embed: async (texts) => fakeEmbed(texts),
  unload: async () => undefined,
});

describe('engine picks under the local experiment', () => {
  it('interleaves the top row when asked (same seed, same list), names each pick’s team, and leaves plain calls alone', async () => {
    const db = await freshDb();
    const watched = [...Array.from({ length: 20 }, (_, i) => scifi(i)), comedy(0), comedy(1)];
    const catalog = [...watched, ...Array.from({ length: 15 }, (_, i) => scifi(100 + i)), ...Array.from({ length: 15 }, (_, i) => comedy(100 + i))];
    await db.titles.bulkPut(catalog.map((t) => titleRec(t)));
    await db.watchSessions.bulkPut(watched.map((t, i) => session(t, { at: NOW - (watched.length - i) * 10 * DAY })));
    const engine = createEngine({ openDb: async () => db, model, now: () => NOW });

    const plain = await engine.picks('demo.test');
    expect(plain.interleaved).toBeUndefined();
    const a = await engine.picks('demo.test', { interleave: { seed: 42 } });
    const b = await engine.picks('demo.test', { interleave: { seed: 42 } });
    expect(a.rows).toEqual(b.rows);
    expect(a.interleaved?.experiment).toBe(CURRENT_EXPERIMENT.id);
    const top = a.rows[0]!;
    expect(top.id).toBe('top');
    expect(top.items.map((x) => x.titleKey)).toEqual(a.interleaved?.picks.map((p) => p.titleKey));
    const teams = a.interleaved!.picks.map((p) => p.team);
    expect(teams).toContain('baseline');
    expect(teams).toContain('candidate');
    // The two rankings differ here, so the interleaved row is not just today's row.
    expect(top.items.map((x) => x.titleKey)).not.toEqual(plain.rows[0]!.items.map((x) => x.titleKey));
    // Every baseline pick is from today's row.
    const today = new Set(plain.rows[0]!.items.map((x) => x.titleKey));
    for (const p of a.interleaved!.picks) if (p.team === 'baseline') expect(today.has(p.titleKey)).toBe(true);
  });
});
