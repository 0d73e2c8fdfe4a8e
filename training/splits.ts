/**
 * User splits for evaluation under shift (issue 10), written to test/fixtures/:
 *  - shift-split.json: users whose first rating is before 2004-01-01 UTC train (the
 *    collaborative term, population shares, short-history prior); users who joined from 2004
 *    on are evaluated, halved into dev and test by a seeded shuffle.
 *  - random-split.json: the same sizes drawn at random from all users (same seed).
 *  - reverse-shift-split.json: the shift the other way — users who joined from 2004 on train,
 *    the earlier users are evaluated (halved by a seeded shuffle). A model shipped today meets
 *    users of every period; a choice that only wins one way round is a choice for one period.
 *
 *   npx tsx training/splits.ts --ratings ../shared/data/movielens/ml-latest-small/ratings.csv
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRatings } from './movielens';
import { seededRandom } from '../src/rank/random';

export interface UserSplit {
  rule: string;
  seed: number;
  train: number[];
  dev: number[];
  test: number[];
}

export const rng = seededRandom;

export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

export const SPLIT_SEED = 10;
export const SHIFT_CUTOFF = Date.UTC(2004, 0, 1) / 1000;

export function makeSplits(firstRating: Map<number, number>, seed = SPLIT_SEED): { shift: UserSplit; random: UserSplit; reverse: UserSplit } {
  const users = [...firstRating.keys()].sort((a, b) => a - b);
  const train = users.filter((u) => (firstRating.get(u) as number) < SHIFT_CUTOFF);
  const evalUsers = shuffle(
    users.filter((u) => (firstRating.get(u) as number) >= SHIFT_CUTOFF),
    seed,
  );
  const half = Math.ceil(evalUsers.length / 2);
  const sort = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
  const shift = {
    rule: 'train: first rating before 2004-01-01 UTC; dev/test: first rating from 2004 on, halved by seeded shuffle',
    seed,
    train,
    dev: sort(evalUsers.slice(0, half)),
    test: sort(evalUsers.slice(half)),
  };
  const all = shuffle(users, seed + 1);
  const random = {
    rule: 'random users, same sizes as the shift split',
    seed,
    train: sort(all.slice(0, train.length)),
    dev: sort(all.slice(train.length, train.length + half)),
    test: sort(all.slice(train.length + half)),
  };
  const early = shuffle(train, seed + 2);
  const earlyHalf = Math.ceil(early.length / 2);
  const reverse = {
    rule: 'train: first rating from 2004-01-01 UTC on; dev/test: first rating before 2004, halved by seeded shuffle',
    seed,
    train: sort(users.filter((u) => (firstRating.get(u) as number) >= SHIFT_CUTOFF)),
    dev: sort(early.slice(0, earlyHalf)),
    test: sort(early.slice(earlyHalf)),
  };
  return { shift, random, reverse };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const argv = process.argv.slice(2);
  const ratings = argv[argv.indexOf('--ratings') + 1];
  if (!argv.includes('--ratings') || !ratings) throw new Error('usage: tsx training/splits.ts --ratings R');
  const first = new Map<number, number>();
  for (const r of readRatings(ratings)) first.set(r.user, Math.min(first.get(r.user) ?? Infinity, r.ts));
  const { shift, random, reverse } = makeSplits(first);
  const root = fileURLToPath(new URL('../', import.meta.url));
  writeFileSync(`${root}test/fixtures/shift-split.json`, `${JSON.stringify(shift)}\n`);
  writeFileSync(`${root}test/fixtures/random-split.json`, `${JSON.stringify(random)}\n`);
  writeFileSync(`${root}test/fixtures/reverse-shift-split.json`, `${JSON.stringify(reverse)}\n`);
  process.stderr.write(`shift: ${shift.train.length} train, ${shift.dev.length} dev, ${shift.test.length} test\n`);
  process.stderr.write(`reverse: ${reverse.train.length} train, ${reverse.dev.length} dev, ${reverse.test.length} test\n`);
}
