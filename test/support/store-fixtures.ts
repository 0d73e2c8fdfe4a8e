/**
 * Deterministic, plausible store contents for tests and the benchmark. Seeded, so a failing
 * test reproduces; varied (Unicode, nulls, several sites) so round-trips meet real shapes.
 */
import { seededRandom } from '../../src/rank/random';
import { titleKey } from '../../src/titles/normalize';
import type { ExportTables } from '../../src/store/import';
import type {
  EventContext,
  ImpressionRecord,
  RatingRecord,
  SearchRecord,
  SkipRecord,
  TitleRecord,
  WatchSessionRecord,
} from '../../src/store/records';

export type Rng = () => number;

export const seededRng: (seed: number) => Rng = seededRandom;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

export const FIXTURE_SITES = ['youtube.com', 'netflix.com', 'localhost:5178', 'jellyfin.home.arpa', 'tv.example.org'] as const;
const NAMES = [
  'Amélie',
  '千と千尋の神隠し',
  'Ржавчина',
  'Le Samouraï',
  'The Thing',
  'Crème brûlée 🍮',
  'Ωmega',
  'Night "Shift"',
  'Back\\slash',
  'Tab\there',
];
const GENRES = ['horror', 'romance', 'comedy', 'drama', 'sci-fi', 'documentaire', 'アニメ'];
/** 2024-01-01T00:00:00Z: fixtures live in the past, as the Timestamp schema requires. */
export const FIXTURE_EPOCH = 1_704_067_200_000;

export function ctxFor(site: string, at: number, rng: Rng): EventContext {
  const d = new Date(at);
  return { hour: d.getHours(), weekday: d.getDay(), device: pick(rng, ['desktop', 'tablet', 'phone', 'tv'] as const), site };
}

export function makeTitle(i: number, rng: Rng): TitleRecord {
  const site = pick(rng, FIXTURE_SITES);
  const seen = FIXTURE_EPOCH + Math.floor(rng() * 300 * 86_400_000);
  // Every 997th title is the same film listed on another site: same name, year and key, as the
  // recorder keys titles (titleKey(title, year)).
  const film = i % 997;
  const title = `${NAMES[film % NAMES.length]} ${film}`;
  const year = film % 5 === 0 ? null : 1950 + (film % 75);
  return {
    id: `${site}:item-${i}`,
    site,
    siteItemId: `item-${i}`,
    key: titleKey(title, year),
    title,
    year,
    kind: pick(rng, ['movie', 'series', 'episode', 'video', 'unknown'] as const),
    genres: rng() < 0.3 ? [] : [pick(rng, GENRES), pick(rng, GENRES)].filter((g, j, a) => a.indexOf(g) === j),
    description: rng() < 0.5 ? null : `Beschreibung — ${i} « ${pick(rng, NAMES)} »\nline two`,
    imageUrl: rng() < 0.5 ? null : `https://img.example.org/${i}.jpg`,
    url: rng() < 0.3 ? null : `https://${site.replace(':5178', '')}/watch/${i}`,
    firstSeen: seen,
    lastSeen: seen + Math.floor(rng() * 30 * 86_400_000),
  };
}

export interface FixtureCounts {
  titles: number;
  watchSessions: number;
  searches: number;
  skips: number;
  impressions: number;
  ratings: number;
}

/** A whole store's user tables: what an export file carries. */
export type Fixture = ExportTables;

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Events for titles `titles`, ids prefixed by `prefix` so successive batches never collide. */
export function makeEvents(
  titles: readonly TitleRecord[],
  counts: Omit<FixtureCounts, 'titles'>,
  rng: Rng,
  prefix = 'e',
  spanMs = 365 * 86_400_000,
): Omit<Fixture, 'titles' | 'settings'> {
  const at = () => FIXTURE_EPOCH + Math.floor(rng() * spanMs);
  const t = () => pick(rng, titles);
  const watchSessions: WatchSessionRecord[] = [];
  for (let i = 0; i < counts.watchSessions; i++) {
    const title = t();
    const startedAt = at();
    const duration = rng() < 0.1 ? null : 600 + Math.floor(rng() * 7200);
    const secondsWatched = Math.floor(rng() * (duration ?? 3600));
    watchSessions.push({
      id: `${prefix}-w${i}`,
      titleId: title.id,
      titleKey: title.key,
      site: title.site,
      startedAt,
      endedAt: startedAt + secondsWatched * 1000,
      secondsWatched,
      duration,
      completion: duration === null ? 0 : Math.min(1, secondsWatched / duration),
      pauses: Math.floor(rng() * 5),
      seeks: Math.floor(rng() * 5),
      rewatch: rng() < 0.05,
      state: rng() < 0.02 ? 'open' : 'closed',
      ctx: ctxFor(title.site, startedAt, rng),
    });
  }
  const searches: SearchRecord[] = [];
  for (let i = 0; i < counts.searches; i++) {
    const site = pick(rng, FIXTURE_SITES);
    const a = at();
    searches.push({
      id: `${prefix}-s${i}`,
      site,
      query: `${pick(rng, NAMES)} ${pick(rng, GENRES)}`,
      at: a,
      openedTitleId: rng() < 0.4 ? t().id : null,
      ctx: ctxFor(site, a, rng),
    });
  }
  const skips: SkipRecord[] = [];
  for (let i = 0; i < counts.skips; i++) {
    const title = t();
    const a = at();
    const reason = pick(rng, ['abandoned', 'preview', 'not-interested'] as const);
    skips.push({
      id: `${prefix}-k${i}`,
      titleId: title.id,
      titleKey: title.key,
      site: title.site,
      at: a,
      reason,
      secondsWatched: reason === 'not-interested' ? null : Math.floor(rng() * 60),
      ctx: ctxFor(title.site, a, rng),
    });
  }
  const impressions: ImpressionRecord[] = [];
  for (let i = 0; i < counts.impressions; i++) {
    const title = t();
    const a = at();
    impressions.push({
      id: `${prefix}-i${i}`,
      titleId: title.id,
      titleKey: title.key,
      site: title.site,
      at: a,
      day: day(a),
      row: rng() < 0.3 ? null : `Because you watched ${pick(rng, NAMES)}`,
      ctx: ctxFor(title.site, a, rng),
    });
  }
  const ratings: RatingRecord[] = [];
  const rated = new Set<string>();
  for (let i = 0; i < counts.ratings && rated.size < titles.length; i++) {
    const title = t();
    if (rated.has(title.key)) continue;
    rated.add(title.key);
    ratings.push({
      titleKey: title.key,
      titleId: title.id,
      site: title.site,
      value: pick(rng, ['down', 'up', 'love', 'not-interested'] as const),
      at: at(),
    });
  }
  return { watchSessions, searches, skips, impressions, ratings };
}

export function makeFixture(counts: FixtureCounts, seed = 1): Fixture {
  const rng = seededRng(seed);
  const titles = Array.from({ length: counts.titles }, (_, i) => makeTitle(i, rng));
  return {
    titles,
    ...makeEvents(titles, counts, rng),
    settings: [
      { key: 'retentionMonths', value: 6 },
      { key: 'pausedSites', value: ['netflix.com', 'xn--eck7a5b.example'] },
      { key: 'onboarding', value: { done: true, genres: ['horror'], titles: ['Amélie'] } },
    ],
  };
}
