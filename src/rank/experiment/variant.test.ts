import { describe, expect, it } from 'vitest';
import { calibrate } from '../match';
import { scoreCandidates, type Blocklist } from '../recommend';
import { buildRows, type ItemBase } from '../rows';
import { DAY, NOW, pipeline, session, type T } from '../../../test/support/rank-test-utils';
import { CURRENT_EXPERIMENT } from './registry';
import { panelSeed, runExperiment } from './run';
import { buildHorizon } from '../horizons';
import { baselineVariant, tasteVariant, type VariantInput } from './variant';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] });
const comedy = (i: number): T => ({ title: `Office Laughs ${i}`, genres: ['Comedy'] });
const noBlock: Blocklist = { keys: new Set(), vectors: [] };

/** Years of sci-fi, then two comedies this week: the case where recency misleads (issue 10). */
function world() {
  const watched = [...Array.from({ length: 30 }, (_, i) => scifi(i)), comedy(0), comedy(1)];
  const catalog = [...watched, ...Array.from({ length: 20 }, (_, i) => scifi(100 + i)), ...Array.from({ length: 20 }, (_, i) => comedy(100 + i))];
  // Half-life 3 items, as the shipped model's ranking uses; days long enough not to matter.
  const sessions = watched.map((t, i) => session(t, { at: NOW - (watched.length - i) * 20 * DAY }));
  const p = pipeline({ catalog, sessions, halfLifeItems: 3, halfLifeDays: 3650 });
  const block: Blocklist = { keys: new Set(p.cands.keys.slice(0, watched.length)), vectors: [] };
  const scored = scoreCandidates(p.profile, p.cands, { popWeight: 0.05 });
  const cal = calibrate(Array.from(scored.scores));
  const st: VariantInput = {
    profile: p.profile,
    taste: buildHorizon('taste', p.profile.events, { halfLifeDays: Number.POSITIVE_INFINITY, now: NOW, index: null }),
    scored,
    block,
    sigma: cal.sigma,
    popWeight: 0.05,
    habits: [],
    onboardingGenres: [],
    onboardingDone: false,
    now: NOW,
  };
  const describe = (i: number): ItemBase => ({
    titleId: `demo.test:${i}`,
    titleKey: p.cands.keys[i] as string,
    title: catalog[i]!.title,
    year: null,
    kind: 'movie',
    genres: catalog[i]!.genres,
    imageUrl: null,
    url: null,
    site: 'demo.test',
  });
  const rowsInput = {
    profile: p.profile,
    cands: p.cands,
    scored,
    cal,
    popWeight: 0.05,
    block,
    continueWatching: [],
    trending: [],
    seenKeys: new Set<string>(),
    habits: [],
    onboardingGenres: [],
    popularAt: Infinity,
    describe,
  };
  return { catalog, p, st, rowsInput };
}

const comedyShare = (idx: readonly number[], catalog: readonly T[]) => idx.filter((i) => catalog[i]!.genres.includes('Comedy')).length / idx.length;

describe('ranking variants', () => {
  it('baseline is exactly today’s "Top picks" row', () => {
    const { st, p, rowsInput } = world();
    const top = buildRows(rowsInput)[0]!;
    expect(top.id).toBe('top');
    expect(top.items.map((x) => x.titleKey)).toEqual(baselineVariant.rank(st, p.cands).map((i) => p.cands.keys[i]));
  });

  it('long-term taste ranks differently: two recent comedies do not outweigh years of sci-fi', () => {
    const { st, p, catalog } = world();
    const base = baselineVariant.rank(st, p.cands);
    const long = tasteVariant.rank(st, p.cands);
    expect(long).toHaveLength(10);
    expect(long).not.toEqual(base);
    expect(comedyShare(long, catalog)).toBeLessThan(comedyShare(base, catalog));
    // Filters hold for both: nothing already watched.
    for (const i of [...base, ...long]) expect(st.block.keys.has(p.cands.keys[i] as string)).toBe(false);
  });

  it('falls back to the baseline without a profile', () => {
    const { st, p } = world();
    const cold: VariantInput = { ...st, profile: null, taste: null, scored: scoreCandidates(null, p.cands, { popWeight: 0.05 }), block: noBlock };
    expect(tasteVariant.rank(cold, p.cands)).toEqual(baselineVariant.rank(cold, p.cands));
  });
});

describe('an experiment run', () => {
  it('interleaves both variants into the top row, deterministically per seed, naming each pick’s team', () => {
    const { st, p, rowsInput } = world();
    const seed = panelSeed(CURRENT_EXPERIMENT.id, 'demo.test', '2025-06-06');
    const run = runExperiment(CURRENT_EXPERIMENT, st, p.cands, seed);
    expect(run).toEqual(runExperiment(CURRENT_EXPERIMENT, st, p.cands, seed));
    expect(run.order).toHaveLength(10);
    expect(run.shown.experiment).toBe(CURRENT_EXPERIMENT.id);
    const base = new Set(baselineVariant.rank(st, p.cands).map((i) => p.cands.keys[i]));
    const long = new Set(tasteVariant.rank(st, p.cands).map((i) => p.cands.keys[i]));
    for (const pick of run.shown.picks) expect((pick.team === 'baseline' ? base : long).has(pick.titleKey)).toBe(true);
    const teams = run.shown.picks.map((x) => x.team);
    expect(Math.abs(teams.filter((t) => t === 'baseline').length - teams.filter((t) => t === 'candidate').length)).toBeLessThanOrEqual(1);
    // The row shows the interleaved order.
    const rows = buildRows({ ...rowsInput, topPicks: run.order });
    expect(rows[0]!.items.map((x) => x.titleKey)).toEqual(run.shown.picks.map((x) => x.titleKey));
  });
});
