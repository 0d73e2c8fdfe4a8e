import { describe, expect, it } from 'vitest';
import { DAY, FAKE_DIM, NOW, fakeEmbed, rating, session, skip, titleRec, type T } from '../../test/support/rank-test-utils';
import { buildItemText } from '../model/text';
import { DEFAULT_SETTINGS } from '../store/settings';
import { BADGE_RULES, HORIZONS, rankHorizon } from './horizons';
import { pageCandidates } from './candidates';
import { encodeRows, priorIndex } from './prior';
import { bestOrder, isBlocked } from './recommend';
import { buildRankState, recentParams, recentScores, type RankInput, type RankModel } from './state';

const MODEL: RankModel = { popWeight: 0.1, prior: null };
const film = (title: string, year: number, genres: string[]): T => ({ title, year, genres });
const watched = [
  film('Harbor Lights', 1952, ['Drama']),
  film('The Quiet Mile', 1955, ['Drama', 'Romance']),
  film('Night Train West', 1957, ['Thriller']),
  film('Paper Moons', 1954, ['Comedy']),
];
const others = [
  film('Steel Orbit', 2016, ['Sci-Fi']),
  film('Late Spring Rain', 1953, ['Drama']),
  film('Laser Cats', 2019, ['Comedy', 'Sci-Fi']),
  film('Dust and Rope', 1956, ['Western']),
];

/** `o.titles`: the store's titles instead of watched + others + extra; `o.texts` collects what is embedded. */
async function state(tuning?: RankInput['tuning'], extra: T[] = [], o: { titles?: T[]; model?: RankModel; texts?: string[] } = {}) {
  return buildRankState({
    tuning,
    data: {
      titles: (o.titles ?? [...watched, ...others, ...extra]).map((t) => titleRec(t)),
      sessions: watched.map((t, i) => session(t, { at: NOW - (10 - i) * DAY })),
      skips: [],
      impressions: [],
      ratings: [],
      searches: [],
      settings: { ...DEFAULT_SETTINGS, halfLifeDays: Number.POSITIVE_INFINITY },
    },
    model: o.model ?? MODEL,
    now: NOW,
    embed: async (texts) => {
      o.texts?.push(...texts);
      return fakeEmbed(texts);
    },
  });
}

describe('events and their title records', () => {
  it("joins each watch, skip and rating to its title record's key, whatever key it was recorded under", async () => {
    // Recorded from pages that showed the year; the records, as a store written before
    // store/rekey.ts may hold them, are keyed without it.
    const bare = (t: T): T => ({ ...t, year: undefined });
    const keyOf = (t: T) => titleRec(bare(t)).key;
    const [a, b, c, half] = watched as [T, T, T, T];
    const [unwanted, loved] = others as [T, T];
    const st = await buildRankState({
      data: {
        titles: [...watched, ...others].map((t) => titleRec(bare(t))),
        sessions: [a, b, c].map((t, i) => session(t, { at: NOW - (5 - i) * DAY })).concat(session(half, { completion: 0.4 })),
        skips: [skip(unwanted, 'not-interested')],
        impressions: [],
        ratings: [rating(loved, 'love')],
        searches: [],
        settings: { ...DEFAULT_SETTINGS, halfLifeDays: Number.POSITIVE_INFINITY },
      },
      model: MODEL,
      now: NOW,
      embed: async (texts) => fakeEmbed(texts),
    });
    expect(keyOf(a)).not.toBe(titleRec(a).key);
    expect([...st.history.keys()].sort()).toEqual([a, b, c, half, unwanted, loved].map(keyOf).sort());
    expect(st.history.get(keyOf(loved))?.rating).toBe('love');
    expect(st.continueWatching.map((x) => x.key)).toEqual([keyOf(half)]);
    expect([...st.disliked]).toEqual([keyOf(unwanted)]);
    expect(st.taste.titles).toBe(5);
  });
});

describe('the engine’s recent horizon (picks)', () => {
  it('scores exactly as rankHorizon("recent") does, the function scripts/eval.ts measures', async () => {
    const st = await state();
    const events = st.recent.profile.events;
    const opts = { halfLifeDays: Number.POSITIVE_INFINITY, now: NOW, index: null, prior: null };
    const evalScores = rankHorizon('recent', events, st.cands, opts, recentParams(MODEL)).scored.scores;
    expect([...recentScores(st, st.cands).scores]).toEqual([...evalScores]);
  });

  it('carries the era term: without it the scores differ, and titles from the user’s years gain', async () => {
    const st = await state();
    const events = st.recent.profile.events;
    const opts = { halfLifeDays: Number.POSITIVE_INFINITY, now: NOW, index: null, prior: null };
    const noEra = rankHorizon('recent', events, st.cands, opts, { ...recentParams(MODEL), eraWeight: 0 }).scored.scores;
    const s = recentScores(st, st.cands).scores;
    const gain = (title: string) => {
      const j = st.cands.keys.findIndex((k) => k.startsWith(title.toLowerCase()));
      expect(j).toBeGreaterThanOrEqual(0);
      return (s[j] as number) - (noEra[j] as number);
    };
    expect(gain('Late Spring Rain')).toBeGreaterThan(0);
    expect(gain('Late Spring Rain')).toBeGreaterThan(gain('Laser Cats'));
    expect(gain('Dust and Rope')).toBeGreaterThan(gain('Steel Orbit'));
  });

  it('never offers a title released after this year in the picks, and still scores its badge', async () => {
    const soon = film('Harbor Lights Returns', new Date(NOW).getUTCFullYear() + 1, ['Drama']);
    const st = await state(undefined, [soon]);
    const j = st.cands.keys.findIndex((k) => k.startsWith('harbor lights returns'));
    const older = st.cands.keys.findIndex((k) => k.startsWith('laser cats'));
    expect(j).toBeGreaterThanOrEqual(0);
    expect(older).toBeGreaterThanOrEqual(0);
    expect(isBlocked(st.cands, j, st.block)).toBe(true);
    expect(isBlocked(st.cands, older, st.block)).toBe(false);
    const s = recentScores(st, st.cands).scores;
    expect(bestOrder(st.cands, s, 100, st.block)).not.toContain(j);
    expect(bestOrder(st.cands, s, 100, st.block)).toContain(older);
    expect(Number.isFinite(s[j])).toBe(true);
  });

  it('gives a short history’s badges the recent horizon’s full share', async () => {
    const st = await state();
    expect(st.taste.titles).toBe(watched.length);
    expect(st.badgeMix).toBe(BADGE_RULES.recentMix);
  });

  it('ranks badges with HORIZONS.taste and BADGE_RULES unless an offline experiment overrides them', async () => {
    const shipped = await state();
    expect(shipped.taste.params).toEqual(HORIZONS.taste);
    const tried = await state({ taste: { eraWeight: 0 }, badge: { recentMix: 0.6, mixTitles: 30 } });
    expect(tried.taste.params).toEqual({ ...HORIZONS.taste, eraWeight: 0 });
    expect(tried.badgeMix).toBe(0.6);
    // The picks are not an experiment's to change.
    expect([...recentScores(tried, tried.cands).scores]).toEqual([...recentScores(shipped, shipped.cands).scores]);
  });
});

describe('titles shown by their name alone (known-titles.ts)', () => {
  // A prior file that carries only the training catalog's films (one neutral group).
  const unit = new Float32Array(FAKE_DIM).fill(1 / Math.sqrt(FAKE_DIM));
  const prior = priorIndex(
    {
      version: 'tasteful-prior-1',
      modelVersion: 'fake-1',
      dim: FAKE_DIM,
      startTitles: 3,
      users: 20,
      minGroup: 5,
      start: encodeRows([unit]),
      next: encodeRows([unit]),
      keys: [],
      titles: [[]],
      known: { genres: ['Drama', 'Sci-Fi'], keys: ['steel orbit|2016', 'late spring rain|1953'], masks: [2, 1], ratings: [40, 12] },
    },
    { modelVersion: 'fake-1', dim: FAKE_DIM },
  );
  const bare = (title: string): T => ({ title, genres: [] });

  const bareState = (texts: string[]) =>
    state(undefined, [], { titles: [...watched, bare('Steel Orbit'), bare('Dust and Rope')], model: { ...MODEL, prior }, texts });

  it('embeds and ranks a stored title with the year and genres of the one known film of its name; its key and display stay as shown', async () => {
    const texts: string[] = [];
    const st = await bareState(texts);
    expect(texts).toContain(buildItemText({ title: 'Steel Orbit', year: 2016, genres: ['Sci-Fi'] }));
    // A name the catalog does not know is embedded as shown.
    expect(texts).toContain(buildItemText({ title: 'Dust and Rope' }));
    const j = st.catalog.findIndex((e) => e.key === 'steel orbit');
    expect(st.catalog[j]).toMatchObject({ title: 'Steel Orbit', year: null, rankYear: 2016, genres: ['Sci-Fi'] });
    expect(st.cands.years?.[j]).toBe(2016);
    expect(st.cands.genres?.[j]).toEqual(['Sci-Fi']);
  });

  it('does the same for a page’s titles the store does not hold (a badge batch)', async () => {
    const texts: string[] = [];
    const st = await bareState(texts);
    texts.length = 0;
    const page = [bare('Late Spring Rain'), bare('Laser Cats')].map((t) => ({ ...titleRec(t), imageUrl: null, url: null }));
    const inputs = page.map(({ siteItemId, title, year, kind, genres, description, imageUrl, url }) => ({
      siteItemId,
      title,
      year,
      kind,
      genres,
      description,
      imageUrl,
      url,
    }));
    const c = await pageCandidates(st, 'demo.test', inputs, async (t) => {
      texts.push(...t);
      return fakeEmbed(t);
    });
    expect(texts).toEqual([buildItemText({ title: 'Late Spring Rain', year: 1953, genres: ['Drama'] }), buildItemText({ title: 'Laser Cats' })]);
    expect(c.keys).toEqual(['late spring rain', 'laser cats']);
    expect(c.years).toEqual([1953, null]);
    expect(c.genres).toEqual([['Drama'], []]);
  });
});
