/**
 * The issue 10 badge check as the product meets it, through the engine's own page path
 * (src/rank/state.ts `buildRankState` → src/rank/page.ts `scorePage`), not scripts/eval.ts's
 * float scores: each user's last N titles (default 30) become finished watches in the store's
 * records, a page shows their real next title among 99 titles they never rated (seeded), and
 * what is read is the badge a viewer sees: an integer "NN% match", or none (below 50 %, or no
 * confident profile). Ties count against the true title (a viewer cannot rank equal badges),
 * and a title without a badge is not in the top 10.
 *
 *   npx tsx scripts/badge-check.ts --ratings R --movies M (--users U.json | --split S --side dev|test)
 *        [--model-dir models] [--history 30] [--impressions] [--skips N] [--no-page-genres] [--no-page-years] [--bare-history] [--stars] [--real-times] [--max-users N] [--ties file|shuffle] [--out F]
 *        [--taste name=value,…] [--badge-mix X] [--badge-mix-titles N]   (experiments: over HORIZONS.taste / BADGE_RULES)
 *
 * `--impressions`: every page title also carries one impression of today, as after the viewer
 * has looked at the page for a while (they become the calibration's negatives).
 * Prints one JSON document: HR@10 by badge (ties against the true title, and ties shared),
 * how often the true title had no badge, badges shown per page, and how often the calibration
 * was fitted on the user's own labels.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toTitleRecord } from '../src/background/titles';
import type { TitleInput } from '../src/messages/protocol';
import { catalogMeanOf } from '../src/model/catalog-mean';
import { priorIndex } from '../src/rank/prior';
import { BADGE_RULES, type HorizonParams } from '../src/rank/horizons';
import { buildRankState } from '../src/rank/state';
import { scorePage } from '../src/rank/page';
import { DEFAULT_SETTINGS } from '../src/store/settings';
import type { ImpressionRecord, RatingRecord, RatingValue, SkipRecord, TitleRecord, WatchSessionRecord } from '../src/store/records';
import { parseTitle } from '../src/titles/normalize';
import { readMovies, readRatings, sequences, type Movie } from '../training/movielens';
import { rng } from '../training/splits';
import { cliOptions } from '../training/cli';
import { loadEmbedder, parseParams, parseTies, shuffleTies } from './eval';

const DAY = 86_400_000;

/** A MovieLens star rating as a converter would map it onto the product's thumbs. */
function starThumb(stars: number): RatingValue | null {
  if (stars >= 5) return 'love';
  if (stars >= 4) return 'up';
  if (stars <= 2) return 'down';
  return null;
}
const SITE = 'check.test';

function titleOf(
  m: Movie,
  seen: number,
  show: { genres: boolean; years: boolean } = { genres: true, years: true },
): { rec: TitleRecord; input: TitleInput } {
  const p = parseTitle(m.title);
  const id = `m${m.id}`;
  const genres = show.genres ? m.genres.filter((g) => g !== '(no genres listed)') : [];
  const input: TitleInput = {
    siteItemId: id,
    title: p.title,
    year: show.years ? p.year : null,
    kind: 'movie',
    genres,
    description: null,
    imageUrl: null,
    url: `https://${SITE}/title/${id}`,
  };
  // The record the background keeps for a title a page reported (src/background/titles.ts).
  return { rec: toTitleRecord(SITE, input, seen), input };
}

export interface BadgeCheckOptions {
  ratings: string;
  movies: string;
  users: number[];
  modelDir?: string;
  /** The last N titles are the imported history (default 30). */
  history?: number;
  impressions?: boolean;
  /** Titles (never rated, not on the page) the user abandoned after 30 s: explicit negatives. */
  skips?: number;
  /** false: the page shows titles and years only (many real pages name no genres). */
  pageGenres?: boolean;
  /** false: the page shows no release years either (a poster and its title). */
  pageYears?: boolean;
  /**
   * false: the imported history names bare titles too (no years, no genres), as a history
   * recorded on a service whose pages show nothing else, or imported from a list of titles.
   */
  historyFields?: boolean;
  /**
   * The import also carries the user's star ratings mapped onto thumbs, as docs/export-format.md
   * tells a converter to: 5 → love, 4–4.5 → up, ≤ 2 → down, 2.5–3.5 → none.
   */
  stars?: boolean;
  /** The imported history keeps the times its ratings were made (years ago), not moved to end yesterday. */
  realTimes?: boolean;
  maxUsers?: number;
  seed?: number;
  /** Equal timestamps in seeded random order, not file order (scripts/eval.ts `--ties`). */
  ties?: 'file' | 'shuffle';
  /** Experiments: taste-horizon parameters over HORIZONS.taste (`--taste name=value,…`). */
  taste?: Partial<HorizonParams>;
  /** Experiments: the badge rule (`--badge-mix`, `--badge-mix-titles`) over BADGE_RULES. */
  badgeMix?: number;
  badgeMixTitles?: number;
}

export interface BadgeCheckResult {
  users: number;
  history: number;
  impressions: boolean;
  pageGenres: boolean;
  pageYears: boolean;
  historyFields: boolean;
  stars: boolean;
  realTimes: boolean;
  skips: number;
  model: string;
  /** The taste horizon's parameters and badge rule the check ran with (shipped unless overridden). */
  tuning: { taste: Partial<HorizonParams>; badge: { recentMix: number; mixTitles: number } };
  hr10TiesAgainst: number;
  hr10TiesShared: number;
  noBadgeOnTrueTitle: number;
  badgesShownPerPage: { median: number; min: number; max: number };
  calibrationFitted: number;
}

export async function badgeCheck(o: BadgeCheckOptions): Promise<BadgeCheckResult> {
  const historyLen = o.history ?? 30;
  const withImpressions = o.impressions ?? false;
  const badgeRule = { recentMix: o.badgeMix ?? BADGE_RULES.recentMix, mixTitles: o.badgeMixTitles ?? BADGE_RULES.mixTitles };
  const modelDir = o.modelDir ?? join(import.meta.dirname, '..', 'models');
  const movies = readMovies(o.movies);
  const byId = new Map(movies.map((m) => [m.id, m]));
  const keep = new Set(o.users);
  const read = readRatings(o.ratings);
  const ratings = (o.ties === 'shuffle' ? shuffleTies(read, o.seed ?? 10) : read).filter((r) => keep.has(r.user));
  const catalog = [...new Set(ratings.map((r) => r.item))].flatMap((id) => byId.get(id) ?? []);
  const seqs = [...sequences(ratings).values()].filter((s) => s.length >= 2).slice(0, o.maxUsers ?? Number.POSITIVE_INFINITY);

  const embedder = await loadEmbedder(modelDir);
  const manifest = embedder.manifest;
  const prior = priorIndex(JSON.parse(readFileSync(join(modelDir, 'prior.json'), 'utf8')), {
    modelVersion: manifest.modelVersion,
    dim: manifest.dim,
  });
  const model = { popWeight: manifest.ranking.popWeight, prior, catalogMean: catalogMeanOf(manifest) };
  const embedCache = new Map<string, { v: Float32Array; p: number }>();
  const embed = async (texts: string[]) => {
    const miss = [...new Set(texts.filter((t) => !embedCache.has(t)))];
    if (miss.length) {
      const e = await embedder.embed(miss);
      for (const [i, t] of miss.entries()) embedCache.set(t, { v: e.vectors.slice(i * e.dim, (i + 1) * e.dim), p: e.popularity[i] as number });
    }
    const dim = manifest.dim;
    const vectors = new Float32Array(texts.length * dim);
    const popularity = new Float32Array(texts.length);
    texts.forEach((t, i) => {
      const x = embedCache.get(t) as { v: Float32Array; p: number };
      vectors.set(x.v, i * dim);
      popularity[i] = x.p;
    });
    return { vectors, dim, popularity };
  };

  const r = rng(o.seed ?? 10);
  const now = Date.UTC(2026, 11, 1, 20);
  let hitsTiesAgainst = 0;
  let hitsTiesShared = 0;
  let noBadge = 0;
  let fitted = 0;
  const shown: number[] = [];
  for (const s of seqs) {
    const target = s[s.length - 1] as (typeof s)[number];
    const hist = s.slice(0, -1).slice(-historyLen);
    const rated = new Set(s.map((x) => x.item));
    const page = new Set<number>([target.item]);
    for (let guard = 0; page.size < 100 && guard < 100_000; guard++) {
      const m = catalog[Math.floor(r() * catalog.length)] as Movie;
      if (!rated.has(m.id)) page.add(m.id);
    }
    // The history keeps its spacing, its last title yesterday (an import of an old history ranks as it did then);
    // `realTimes`: at the times the ratings were made, years before the page is looked at.
    const shift = o.realTimes ? 0 : now - DAY - (hist[hist.length - 1] as (typeof hist)[number]).ts * 1000;
    const histShow = o.historyFields === false ? { genres: false, years: false } : undefined;
    const histTitles = hist.map((x) => titleOf(byId.get(x.item) as Movie, x.ts * 1000 + shift, histShow));
    const pageTitles = [...page].map((id) =>
      titleOf(byId.get(id) as Movie, now - 60_000, { genres: o.pageGenres ?? true, years: o.pageYears ?? true }),
    );
    const sessions: WatchSessionRecord[] = hist.map((x, i) => {
      const t = histTitles[i] as { rec: TitleRecord };
      const at = x.ts * 1000 + shift;
      return {
        id: `s${i}`,
        titleId: t.rec.id,
        titleKey: t.rec.key,
        site: SITE,
        startedAt: at,
        endedAt: at + 7_200_000,
        secondsWatched: 7200,
        duration: 7200,
        completion: 1,
        pauses: 0,
        seeks: 0,
        rewatch: false,
        state: 'closed',
        ctx: { hour: 20, weekday: 5, device: 'desktop', site: SITE },
      };
    });
    const impressions: ImpressionRecord[] = withImpressions
      ? pageTitles.map((t, i) => ({
          id: `i${i}`,
          titleId: t.rec.id,
          titleKey: t.rec.key,
          site: SITE,
          at: now - 30_000,
          day: new Date(now).toISOString().slice(0, 10),
          row: null,
          ctx: { hour: 20, weekday: 5, device: 'desktop', site: SITE },
        }))
      : [];
    const skipped: Movie[] = [];
    for (let guard = 0; skipped.length < (o.skips ?? 0) && guard < 100_000; guard++) {
      const m = catalog[Math.floor(r() * catalog.length)] as Movie;
      if (!rated.has(m.id) && !page.has(m.id) && !skipped.includes(m)) skipped.push(m);
    }
    const skipTitles = skipped.map((m) => titleOf(m, now - 2 * DAY));
    const skips: SkipRecord[] = skipTitles.map((t, i) => ({
      id: `k${i}`,
      titleId: t.rec.id,
      titleKey: t.rec.key,
      site: SITE,
      at: now - 2 * DAY + i * 60_000,
      reason: 'abandoned',
      secondsWatched: 30,
      ctx: { hour: 20, weekday: 5, device: 'desktop', site: SITE },
    }));
    const thumbs: RatingRecord[] = o.stars
      ? hist.flatMap((x, i) => {
          const value = starThumb(x.rating);
          const t = histTitles[i] as { rec: TitleRecord };
          return value ? [{ titleKey: t.rec.key, titleId: t.rec.id, site: SITE, value, at: x.ts * 1000 + shift + 7_200_000 }] : [];
        })
      : [];
    const st = await buildRankState({
      data: {
        titles: [...histTitles, ...pageTitles, ...skipTitles].map((t) => t.rec),
        sessions,
        skips,
        impressions,
        ratings: thumbs,
        searches: [],
        settings: { ...DEFAULT_SETTINGS },
      },
      tuning: { taste: o.taste, badge: badgeRule },
      model,
      now,
      embed,
    });
    if (st.tasteCal.fitted) fitted++;
    const { scores } = await scorePage(
      st,
      SITE,
      pageTitles.map((t) => t.input),
      { now, embed },
    );
    const matches = scores.map((x) => x.match);
    shown.push(matches.filter((m) => m !== null).length);
    const t = matches[0];
    if (t === null || t === undefined) noBadge++;
    else {
      const above = matches.slice(1).filter((m) => m !== null && m > t).length;
      const ties = matches.slice(1).filter((m) => m === t).length;
      if (above + ties < 10) hitsTiesAgainst++;
      // Ties shared: the true title's expected chance to land in the top 10 among its equals.
      hitsTiesShared += Math.max(0, Math.min(1, (10 - above) / (ties + 1)));
    }
  }
  const n = seqs.length;
  const sorted = [...shown].sort((a, b) => a - b);
  const result: BadgeCheckResult = {
    users: n,
    history: historyLen,
    impressions: withImpressions,
    pageGenres: o.pageGenres ?? true,
    pageYears: o.pageYears ?? true,
    historyFields: o.historyFields ?? true,
    stars: o.stars ?? false,
    realTimes: o.realTimes ?? false,
    skips: o.skips ?? 0,
    model: manifest.modelVersion,
    tuning: { taste: o.taste ?? {}, badge: badgeRule },
    hr10TiesAgainst: Math.round((hitsTiesAgainst / n) * 1000) / 1000,
    hr10TiesShared: Math.round((hitsTiesShared / n) * 1000) / 1000,
    noBadgeOnTrueTitle: Math.round((noBadge / n) * 1000) / 1000,
    badgesShownPerPage: { median: sorted[Math.floor(n / 2)] ?? 0, min: sorted[0] ?? 0, max: sorted[n - 1] ?? 0 },
    calibrationFitted: fitted,
  };
  await embedder.release();
  return result;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const argv = process.argv.slice(2);
  const { get, num } = cliOptions(argv);
  const ratings = get('ratings');
  const movies = get('movies');
  if (!ratings || !movies) throw new Error('usage: tsx scripts/badge-check.ts --ratings R --movies M (--users U.json | --split S --side dev|test)');
  let users: number[] | undefined;
  const split = get('split');
  if (split) users = (JSON.parse(readFileSync(split, 'utf8')) as Record<string, number[]>)[get('side') ?? 'dev'];
  const usersFile = get('users');
  if (usersFile) users = (JSON.parse(readFileSync(usersFile, 'utf8')) as { users: number[] }).users;
  if (!users) throw new Error('--users or --split is required');
  const result = await badgeCheck({
    ratings,
    movies,
    users,
    modelDir: get('model-dir'),
    history: num('history'),
    impressions: argv.includes('--impressions'),
    pageGenres: !argv.includes('--no-page-genres'),
    pageYears: !argv.includes('--no-page-years'),
    historyFields: !argv.includes('--bare-history'),
    stars: argv.includes('--stars'),
    realTimes: argv.includes('--real-times'),
    skips: num('skips'),
    maxUsers: num('max-users'),
    seed: num('seed'),
    ties: parseTies(get('ties')),
    taste: parseParams(get('taste')),
    badgeMix: num('badge-mix'),
    badgeMixTitles: num('badge-mix-titles'),
  });
  const json = JSON.stringify(result, null, 2);
  const out = get('out');
  if (out) writeFileSync(out, `${json}\n`);
  process.stdout.write(`${json}\n`);
}
