/**
 * A ratings file cut to one period of the service, shaped like the MovieLens releases of that
 * period (ML-1M: ratings up to February 2003, films up to 2000, every user with ≥ 20 ratings):
 * only films released up to `--last-year`, only ratings before `--before`, only users left with
 * at least `--min-ratings`. The sampled protocol then draws its 99 titles from that period's
 * catalogue, not from films released years after the user's last rating. Model card, "Session 17".
 *
 *   npx tsx training/period-view.ts --ratings R --movies M --out F [--last-year 2000] [--before 2003-03-01] [--min-ratings 20]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTitle } from '../src/titles/normalize';
import { cliOptions } from './cli';
import { readMovies, readRatings, type Movie, type Rating } from './movielens';

export interface PeriodView {
  lastYear: number;
  /** Seconds since the epoch: ratings at or after it are dropped. */
  before: number;
  minRatings: number;
}

export function periodRatings(ratings: readonly Rating[], movies: readonly Movie[], view: PeriodView): Rating[] {
  const year = new Map(movies.map((m) => [m.id, parseTitle(m.title).year]));
  const kept = ratings.filter((r) => {
    const y = year.get(r.item);
    return y !== null && y !== undefined && y <= view.lastYear && r.ts < view.before;
  });
  const count = new Map<number, number>();
  for (const r of kept) count.set(r.user, (count.get(r.user) ?? 0) + 1);
  return kept.filter((r) => (count.get(r.user) ?? 0) >= view.minRatings);
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { get, num } = cliOptions(process.argv.slice(2));
  const ratings = get('ratings');
  const movies = get('movies');
  const out = get('out');
  if (!ratings || !movies || !out) throw new Error('usage: tsx training/period-view.ts --ratings R --movies M --out F');
  const before = Date.parse(`${get('before') ?? '2003-03-01'}T00:00:00Z`) / 1000;
  if (!Number.isFinite(before)) throw new Error('--before wants a date, YYYY-MM-DD');
  const view = { lastYear: num('last-year') ?? 2000, before, minRatings: num('min-ratings') ?? 20 };
  const rows = periodRatings(readRatings(ratings), readMovies(movies), view);
  // Line order is kept: it is the tie-break for equal timestamps (training/movielens.ts).
  writeFileSync(out, `userId,movieId,rating,timestamp\n${rows.map((r) => `${r.user},${r.item},${r.rating},${r.ts}`).join('\n')}\n`);
  const users = new Set(rows.map((r) => r.user)).size;
  const films = new Set(rows.map((r) => r.item)).size;
  process.stdout.write(`${JSON.stringify({ ratings: rows.length, users, films, ...view })}\n`);
}
