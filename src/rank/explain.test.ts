import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildQueryText } from '../model/text';
import type { RatingRecord, SearchRecord, SkipRecord, WatchSessionRecord } from '../store/records';
import { sessionWeight, titleEvents } from './events';
import { explain, explainReasons, type Reason } from './explain';
import { calibrate } from './match';
import { scoreCandidates } from './recommend';
import { buildRows } from './rows';
import { searchMatches } from './search-match';
import { candidates, fakeVector, NOW, rating, session, skip, titleRec, type T } from '../../test/support/rank-test-utils';
import { buildUserProfile, type ProfileEvent, type UserProfile } from './user-profile';
import { row } from './vec';

const range = (n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const SF = range(6, (i) => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] }));
const RO = range(6, (i) => ({ title: `Paris Love ${i}`, genres: ['Romance', 'Comedy'] }));
const WEST = range(4, (i) => ({ title: `Wild West ${i}`, genres: ['Western'] }));
const ODYSSEY: T = { title: '2001: A Space Odyssey', genres: ['Sci-Fi', 'Adventure'] };
const BOOT: T = { title: 'Das Boot', genres: ['Action', 'Drama', 'War'] };
const ALIENS: T = { title: 'Aliens', genres: ['Action', 'Horror', 'Sci-Fi'] };
const STRANGELOVE: T = { title: 'Dr. Strangelove', genres: ['Comedy', 'War'] };
const CATALOG = [...SF, ...RO, ...WEST, ODYSSEY, BOOT, ALIENS, STRANGELOVE];
const cands = candidates(CATALOG);
const MIN = 60_000;

const unit = (v: Float32Array): Float32Array => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const vec = (t: T): Float32Array => row(cands.vectors, cands.dim, cands.index(t.title));
const mix = (...vs: Float32Array[]): Float32Array => unit(vs.reduce((a, v) => a.map((x, d) => x + (v[d] as number)), new Float32Array(cands.dim)));

interface History {
  sessions?: WatchSessionRecord[];
  skips?: SkipRecord[];
  ratings?: RatingRecord[];
  searches?: Pick<SearchRecord, 'query' | 'at' | 'openedTitleId'>[];
  onboardingTitles?: string[];
  /** Where the model puts a query (default: the fake embedding of its query text). */
  queryVector?: (q: string) => Float32Array;
}

/** Records → events → profile, as the engine does (fake embeddings). */
function profileOf(h: History): UserProfile {
  const keyOfId = new Map(CATALOG.map((t) => [titleRec(t).id, titleRec(t).key]));
  const events = titleEvents({
    sessions: h.sessions ?? [],
    skips: h.skips ?? [],
    impressions: [],
    ratings: h.ratings ?? [],
    searches: h.searches ?? [],
    keyOfId: (id) => keyOfId.get(id),
    onboarding: { done: true, genres: [], titles: h.onboardingTitles ?? [] },
    now: NOW,
  });
  const pe: ProfileEvent[] = events.map((e) => {
    if (e.source === 'search') {
      const q = e.key.slice('search:'.length);
      return { ...e, vector: h.queryVector?.(q) ?? fakeVector(buildQueryText(q)), title: q, genres: [] };
    }
    const name = e.source === 'onboarding' ? e.key.replace(/^onboarding:title:/, '') : (CATALOG[cands.keys.indexOf(e.key)] as T).title;
    const t = CATALOG.find((c) => c.title === name) as T;
    return { ...e, vector: vec(t), title: t.title, genres: t.genres };
  });
  return buildUserProfile(pe, { halfLifeItems: 8, halfLifeDays: 30, now: NOW, onboardingDone: true });
}

const why = (p: UserProfile, t: T, o: { popular?: boolean; vector?: Float32Array } = {}): string[] =>
  explain({ profile: p, vector: o.vector ?? vec(t), genres: t.genres, key: titleRec(t).key, title: t.title, popular: o.popular ?? false });

const watch = (t: T, at = NOW - 30 * MIN) => session(t, { at, completion: 1 });
const search = (query: string, opened: T | null = null) => ({ query, at: NOW - 5 * MIN, openedTitleId: opened ? titleRec(opened).id : null });

describe('reasons that hold', () => {
  it('watched with: names the history title the user\'s period often watched this one with, instead of "popular with"', () => {
    const p = profileOf({ sessions: [watch(SF[0] as T, NOW - 9 * MIN), watch(BOOT, NOW - 8 * MIN)], onboardingTitles: [ALIENS.title] });
    const t = SF[4] as T;
    const base = { profile: p, vector: vec(t), genres: t.genres, key: titleRec(t).key, title: t.title, popular: true };
    const boot = p.events.find((e) => e.title === BOOT.title) as ProfileEvent;
    expect(explain(base)).toContain('Popular with people who liked Star Voyage 0');
    const lines = explainReasons({ ...base, watchedWith: boot });
    expect(lines.map((r) => r.text)).toContain('Often watched with Das Boot');
    expect(lines.find((r) => r.kind === 'watched-with')?.events).toEqual([boot]);
    expect(lines.some((r) => r.kind === 'popular-with')).toBe(false);
    // Only a title the user watched or liked: not an onboarding pick, not a thumbs-down.
    const picked = p.events.find((e) => e.source === 'onboarding') as ProfileEvent;
    expect(explain({ ...base, watchedWith: picked }).some((l) => l.startsWith('Often watched with'))).toBe(false);
    expect(explain({ ...base, watchedWith: { ...boot, weight: -1 } }).some((l) => l.startsWith('Often watched with'))).toBe(false);
  });

  it('watched: names titles with a counted watch session', () => {
    const p = profileOf({ sessions: SF.slice(0, 2).map((t, i) => watch(t, NOW - (9 - i) * MIN)) });
    expect(why(p, SF[4] as T)[0]).toMatch(/^Because you watched Star Voyage [01]( and Star Voyage [01])?$/);
  });

  it('liked: a thumbs up alone is "liked", never "watched" — in why lines and in its row', () => {
    const p = profileOf({ sessions: SF.slice(0, 2).map((t) => watch(t)), ratings: [rating(ALIENS, 'up', NOW - MIN)] });
    const lines = why(p, ALIENS, { vector: mix(vec(ALIENS), vec(ALIENS), vec(SF[5] as T)) });
    expect(lines[0]).toBe('Because you liked Aliens');
    const scored = scoreCandidates(p, cands, { popWeight: 0.05 });
    const rows = buildRows({
      profile: p,
      cands,
      scored,
      cal: calibrate(Array.from(scored.scores)),
      popWeight: 0.05,
      block: { keys: new Set(), vectors: [] },
      continueWatching: [],
      trending: [],
      seenKeys: new Set(),
      habits: [],
      onboardingGenres: [],
      popularAt: Infinity,
      describe: (i) => ({
        titleId: `demo.test:${i}`,
        titleKey: cands.keys[i] as string,
        title: CATALOG[i]?.title ?? '',
        year: null,
        kind: 'movie',
        genres: CATALOG[i]?.genres ?? [],
        imageUrl: null,
        url: null,
        site: 'demo.test',
      }),
    });
    const labels = rows.filter((r) => r.id.startsWith('because:')).map((r) => r.label);
    expect(labels).toContain('Because you liked Aliens');
    expect(labels.join()).not.toContain('watched Aliens');
    for (const r of rows) for (const it of r.items) expect(it.why.join()).not.toContain('watched Aliens');
  });

  it('loved: "You loved X"', () => {
    const p = profileOf({ ratings: [rating(RO[0] as T, 'love')], sessions: [watch(RO[0] as T)] });
    expect(why(p, RO[3] as T)[0]).toBe('You loved Paris Love 0');
  });

  it('searched: only titles that answer the search, even when the query embeds near others', () => {
    // The model puts "space" between 2001 and Das Boot (both acclaimed): nearness is not enough.
    const queryVector = () => mix(vec(ODYSSEY), vec(BOOT));
    const p = profileOf({ sessions: [watch(WEST[0] as T)], searches: [search('space')], queryVector });
    expect(why(p, ODYSSEY)[0]).toBe('Because you searched for “space”');
    expect(why(p, BOOT).join()).not.toContain('searched');
    // Opened from the search: true of that title whatever its words.
    const opened = profileOf({ sessions: [watch(WEST[0] as T)], searches: [search('space', BOOT)], queryVector });
    expect(why(opened, BOOT)[0]).toBe('Because you searched for “space”');
    // A genre the query names.
    const war = profileOf({ sessions: [watch(WEST[0] as T)], searches: [search('war films')], queryVector });
    expect(why(war, BOOT)[0]).toBe('Because you searched for “war films”');
    expect(why(war, ODYSSEY).join()).not.toContain('searched');
  });

  it('search matching: words, genres, opened; stop words and short words do not count', () => {
    expect(searchMatches('space', [], { title: '2001: A Space Odyssey', genres: [] })).toBe(true);
    expect(searchMatches('Spâce', [], { title: 'Spaceballs', genres: [] })).toBe(true);
    expect(searchMatches('space', [], { title: 'Das Boot', genres: ['War'] })).toBe(false);
    expect(searchMatches('the boat', [], { title: 'The Third Man', genres: [] })).toBe(false);
    expect(searchMatches('sci-fi', [], { title: 'Moon', genres: ['Sci-Fi'] })).toBe(true);
    expect(searchMatches('romantic', [], { title: 'Notting Hill', genres: ['Comedy', 'Romance'] })).toBe(true);
    expect(searchMatches('xyz', ['k1'], { key: 'k1', title: 'Heat', genres: [] })).toBe(true);
  });

  it('picked: an onboarding title', () => {
    const p = profileOf({ onboardingTitles: ['Aliens'] });
    expect(why(p, ALIENS, { vector: mix(vec(ALIENS), vec(SF[5] as T)) })[0]).toBe('Because you picked Aliens');
  });

  it("popular with people who liked X: X is one of the user's own positives", () => {
    const p = profileOf({ sessions: [watch(SF[0] as T)] });
    expect(why(p, SF[3] as T, { popular: true })).toEqual(['Because you watched Star Voyage 0', 'Popular with people who liked Star Voyage 0']);
  });

  it('habits, onboarding genres, explore and the fallbacks', () => {
    const p = profileOf({ sessions: [watch(SF[0] as T)] });
    const base = { profile: p, vector: vec(WEST[1] as T), genres: ['Western'], popular: false };
    const habit = {
      context: 'fri-evening',
      genre: 'Western',
      lift: 2,
      share: 0.5,
      baseShare: 0.2,
      sessions: 5,
      boost: 0.05,
      text: 'You often watch Westerns on Friday nights',
    };
    expect(explain({ ...base, habits: [habit] })).toContain('You often watch Westerns on Friday nights');
    expect(explain({ ...base, profile: null, onboardingGenres: ['Western'] })).toEqual(['Because you chose Westerns']);
    expect(explain({ ...base, explore: true })[0]).toBe('New to you: exploring Westerns');
    expect(explain({ ...base, profile: null, popular: true })).toEqual(['Popular right now']);
    expect(explain({ ...base, profile: null })).toEqual(['A change of pace']);
  });

  it('a title in a disliked genre is not explained by a neighbour from another genre', () => {
    // Sci-fi watched, two romantic comedies abandoned: Comedy and Romance go negative.
    const p = profileOf({
      sessions: [
        ...SF.slice(0, 4).map((t, i) => watch(t, NOW - (20 - i) * MIN)),
        ...RO.slice(0, 2).map((t) => session(t, { at: NOW - 9 * MIN, completion: 0.07, duration: 90, minutes: 0.1 })),
      ],
      skips: RO.slice(0, 2).map((t) => skip(t, 'abandoned', NOW - 8 * MIN)),
    });
    expect(p.genreAffinity.find((g) => g.genre === 'Comedy')?.affinity).toBeLessThan(-0.2);
    // The model finds Dr. Strangelove near a watched sci-fi film (acclaimed, 1960s).
    const near = mix(vec(STRANGELOVE), vec(SF[0] as T), vec(SF[0] as T));
    expect(why(p, STRANGELOVE, { vector: near }).join()).not.toMatch(/Star Voyage/);
    // The same neighbour still explains a title of a genre the user has nothing against.
    expect(why(p, BOOT, { vector: near })[0]).toMatch(/^Because you watched Star Voyage/);
  });
});

describe('property: every explanation names an event that exists, of the kind it claims', () => {
  type Act = 'none' | 'watch' | 'partial' | 'abandon' | 'up' | 'love' | 'down' | 'not-interested';
  const acts: Act[] = ['none', 'watch', 'partial', 'abandon', 'up', 'love', 'down', 'not-interested'];
  const QUERIES = ['space', 'war', 'love', 'star voyage', 'comedies', 'boot', 'west', 'romantic'];

  it('holds for random histories, searches and candidates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...acts), { minLength: CATALOG.length, maxLength: CATALOG.length }),
        fc.array(
          fc.record({
            q: fc.constantFrom(...QUERIES),
            opened: fc.option(fc.nat(CATALOG.length - 1), { nil: null }),
            near: fc.nat(CATALOG.length - 1),
          }),
          { maxLength: 4 },
        ),
        fc.array(fc.nat(CATALOG.length - 1), { maxLength: 2 }),
        fc.boolean(),
        (plan, qs, onb, popular) => {
          const sessions: WatchSessionRecord[] = [];
          const skips: SkipRecord[] = [];
          const ratings: RatingRecord[] = [];
          plan.forEach((a, i) => {
            const t = CATALOG[i] as T;
            const at = NOW - (100 - i) * MIN;
            if (a === 'watch') sessions.push(session(t, { at, completion: 1 }));
            if (a === 'partial') sessions.push(session(t, { at, completion: 0.3, minutes: 20 }));
            if (a === 'abandon') {
              sessions.push(session(t, { at, completion: 0.02, minutes: 0.1 }));
              skips.push(skip(t, 'abandoned', at + 6_000));
            }
            if (a === 'up' || a === 'love' || a === 'down' || a === 'not-interested') ratings.push(rating(t, a, at));
          });
          const searches = qs.map((s, i) => ({
            query: s.q,
            at: NOW - (10 - i) * MIN,
            openedTitleId: s.opened === null ? null : titleRec(CATALOG[s.opened] as T).id,
          }));
          const nearOf = new Map(qs.map((s) => [s.q, s.near]));
          const onboardingTitles = onb.map((i) => (CATALOG[i] as T).title);
          const p = profileOf({
            sessions,
            skips,
            ratings,
            searches,
            onboardingTitles,
            queryVector: (q) => mix(fakeVector(buildQueryText(q)), vec(CATALOG[nearOf.get(q) ?? 0] as T)),
          });
          const keyOf = (t: T) => titleRec(t).key;
          for (const t of CATALOG) {
            // Any of the user's events offered as the co-watched title: only a liked history title may be named.
            const watchedWith = p.events[CATALOG.indexOf(t) % Math.max(1, p.events.length)] ?? null;
            const reasons: Reason[] = explainReasons({
              profile: p,
              vector: vec(t),
              genres: t.genres,
              key: keyOf(t),
              title: t.title,
              popular,
              watchedWith,
            });
            for (const r of reasons) {
              for (const e of r.events) {
                expect(p.events).toContain(e);
                expect(r.text).toContain(e.title);
                const key = e.key;
                if (r.kind === 'watched') expect(sessions.some((s) => s.titleKey === key && sessionWeight(s) > 0)).toBe(true);
                if (r.kind === 'liked') expect(ratings.some((x) => x.titleKey === key && x.value === 'up')).toBe(true);
                if (r.kind === 'loved') expect(ratings.some((x) => x.titleKey === key && x.value === 'love')).toBe(true);
                if (r.kind === 'picked') expect(onboardingTitles).toContain(e.title);
                if (r.kind === 'searched') {
                  expect(searches.some((s) => s.query === e.title)).toBe(true);
                  const opened = searches.filter((s) => s.query === e.title && s.openedTitleId === titleRec(t).id).length > 0;
                  expect(opened || searchMatches(e.title, [], { title: t.title, genres: t.genres })).toBe(true);
                }
                if (r.kind === 'popular-with' || r.kind === 'watched-with') expect(e.source === 'history' && e.weight > 0).toBe(true);
              }
              if (r.kind === 'watched' || r.kind === 'liked' || r.kind === 'loved' || r.kind === 'searched' || r.kind === 'picked')
                expect(r.events.length).toBeGreaterThan(0);
            }
            // Whatever the kind, a "Because you …" / "You loved" line always comes with its events.
            for (const r of reasons)
              if (/^(Because you (watched|liked|searched|picked)|You loved|Popular with|Often watched with)/.test(r.text))
                expect(r.events.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
