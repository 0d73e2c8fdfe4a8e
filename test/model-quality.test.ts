/**
 * Guards the shipped ranking's quality under shift (issue 10): users who joined MovieLens from
 * 2004 on (test/fixtures/shift-split.json, `test` half), evaluated through the same code as
 * `npm run eval` (ONNX in onnxruntime-web + src/rank/horizons.ts `rankHorizon`, the function
 * the engine ranks with), with the collaborative pieces learned from the users who joined
 * before 2004 only. MostPop is fitted inside the test on the evaluated users themselves, and
 * the taste profile must beat it. Recorded figures: test/fixtures/model-quality.json and
 * models/MODEL_CARD.md. Data: ../shared/data/movielens/ml-latest-small (never copied in).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { badgeCheck, type BadgeCheckOptions } from '../scripts/badge-check';
import { evaluate } from '../scripts/eval';
import { HORIZONS } from '../src/rank/horizons';
import { easeScores, fitEase, invertSpd } from '../training/ease';
import { parseCsv, readMovies, readRatings, sequences } from '../training/movielens';
import { makeSplits } from '../training/splits';

const root = fileURLToPath(new URL('../', import.meta.url));
const data = `${root}../shared/data/movielens/ml-latest-small`;
const recorded = JSON.parse(readFileSync(`${root}test/fixtures/model-quality.json`, 'utf8')) as {
  shiftTest: { next: { ndcg10: number }; taste: { recall20: number }; tolerance: number };
  shiftTestHonest: { next: { ndcg10: number }; taste: { recall20: number; mostPopGap: number }; tolerance: number };
};
const split = JSON.parse(readFileSync(`${root}test/fixtures/shift-split.json`, 'utf8')) as { train: number[]; dev: number[]; test: number[] };

describe('model quality on users from another period (shifted test split)', () => {
  it('has the MovieLens data beside the repo', () => {
    expect(existsSync(`${data}/ratings.csv`), `missing ${data}`).toBe(true);
  });

  it('the split files are what training/splits.ts makes from the data (joined before / from 2004)', () => {
    const first = new Map<number, number>();
    for (const r of readRatings(`${data}/ratings.csv`)) first.set(r.user, Math.min(first.get(r.user) ?? Infinity, r.ts));
    const { shift, reverse } = makeSplits(first);
    expect({ train: shift.train, dev: shift.dev, test: shift.test }).toEqual({ train: split.train, dev: split.dev, test: split.test });
    expect(split.train.some((u) => split.test.includes(u) || split.dev.includes(u))).toBe(false);
    // The reverse split evaluates exactly the shifted split's train users, and trains on its evaluated ones.
    const rev = JSON.parse(readFileSync(`${root}test/fixtures/reverse-shift-split.json`, 'utf8')) as typeof reverse;
    expect({ train: rev.train, dev: rev.dev, test: rev.test }).toEqual({ train: reverse.train, dev: reverse.dev, test: reverse.test });
    expect([...rev.dev, ...rev.test].sort((a, b) => a - b)).toEqual(split.train);
    expect(rev.train).toEqual([...split.dev, ...split.test].sort((a, b) => a - b));
  });

  it('keeps the taste Recall@20 and next-title NDCG@10 at the recorded figures, the taste profile above MostPop', async () => {
    const r = (await evaluate({
      ratings: `${data}/ratings.csv`,
      movies: `${data}/movies.csv`,
      users: split.test,
      trainUsers: split.train,
      protocols: ['next', 'taste'],
      core: false,
      today: false,
      ease: false,
      log: () => {},
    })) as {
      users: number;
      horizons: unknown;
      model: { ndcg10: number };
      mostPop: { ndcg10: number };
      taste: { model: { recall20: number }; mostPop: { recall20: number } };
    };
    expect(r.users).toBe(split.test.length);
    // The evaluation ranks with the engine's own horizon settings.
    expect(r.horizons).toEqual(HORIZONS);
    const tol = recorded.shiftTest.tolerance;
    expect(r.taste.model.recall20).toBeGreaterThanOrEqual(recorded.shiftTest.taste.recall20 - tol);
    expect(r.model.ndcg10).toBeGreaterThanOrEqual(recorded.shiftTest.next.ndcg10 - tol);
    expect(r.taste.model.recall20).toBeGreaterThan(r.taste.mostPop.recall20);
    expect(r.model.ndcg10).toBeGreaterThan(r.mostPop.ndcg10);
  }, 900_000);
});

// The evaluation's own readers and baseline (training/movielens.ts, training/ease.ts).
describe('model quality with an encoder that never saw the evaluated users (shifted test split)', () => {
  // test/fixtures/model-shift: the encoder `training/train.py --split test/fixtures/shift-split.json`
  // makes (train side only, models/MODEL_CARD.md "The encoder, honestly"); not shipped.
  it('keeps the honest taste Recall@20 and next-title NDCG@10, and the taste horizon above the engine before it', async () => {
    const r = (await evaluate({
      ratings: `${data}/ratings.csv`,
      movies: `${data}/movies.csv`,
      users: split.test,
      trainUsers: split.train,
      modelDir: `${root}test/fixtures/model-shift`,
      protocols: ['next', 'taste'],
      core: false,
      ease: false,
      log: () => {},
    })) as {
      model: { ndcg10: number };
      taste: { model: { recall20: number }; today: { recall20: number }; mostPop: { recall20: number } };
    };
    const honest = recorded.shiftTestHonest;
    expect(r.taste.model.recall20).toBeGreaterThanOrEqual(honest.taste.recall20 - honest.tolerance);
    expect(r.model.ndcg10).toBeGreaterThanOrEqual(honest.next.ndcg10 - honest.tolerance / 2);
    expect(r.taste.model.recall20).toBeGreaterThan(2 * r.taste.today.recall20);
    // Popularity fitted on these very users is the bar not yet cleared (MODEL_CARD.md): the
    // recorded gap must not widen.
    expect(r.taste.mostPop.recall20 - r.taste.model.recall20).toBeLessThanOrEqual(honest.taste.mostPopGap + honest.tolerance);
  }, 900_000);
});

describe('badges as a viewer reads them (scripts/badge-check.ts)', () => {
  // Users the shipped encoder never trained on; their last 30 titles imported, a 100-title page.
  const devUsers = (JSON.parse(readFileSync(`${root}test/fixtures/model-dev-users.json`, 'utf8')) as { users: number[] }).users.slice(0, 24);
  const check = (o: Partial<BadgeCheckOptions>) =>
    badgeCheck({ ratings: `${data}/ratings.csv`, movies: `${data}/movies.csv`, users: devUsers, ...o });

  it('keeps badges on the page once the viewer has looked at it (impressions are not calibration labels)', async () => {
    const fresh = await check({ impressions: false });
    const looked = await check({ impressions: true });
    expect(fresh.users).toBe(devUsers.length);
    // Without labels the prior mapping shows about half the page; titles scrolled past must not collapse it.
    expect(fresh.badgesShownPerPage.median).toBeGreaterThanOrEqual(30);
    expect(looked.badgesShownPerPage.median).toBeGreaterThanOrEqual(30);
    expect(looked.calibrationFitted).toBe(0);
    expect(looked.noBadgeOnTrueTitle).toBeLessThanOrEqual(fresh.noBadgeOnTrueTitle + 0.1);
    // The next title's badge beats a random page (10 %).
    expect(looked.hr10TiesAgainst).toBeGreaterThan(0.2);
  }, 120_000);

  it('badges a page and a history that name bare titles (no years, no genres), as many services show them', async () => {
    const bare = await check({ pageYears: false, pageGenres: false, historyFields: false });
    expect(bare.pageYears).toBe(false);
    expect(bare.historyFields).toBe(false);
    expect(bare.badgesShownPerPage.median).toBeGreaterThanOrEqual(30);
    expect(bare.hr10TiesAgainst).toBeGreaterThan(0.2);
  }, 120_000);
});

describe('MovieLens readers', () => {
  it('parses quoted commas, doubled quotes and CRLF', () => {
    expect(parseCsv('a,b\r\n1,"x, ""y"""\r\n2,z\n')).toEqual([
      ['a', 'b'],
      ['1', 'x, "y"'],
      ['2', 'z'],
    ]);
  });

  it('reads ml-latest CSV and ML-1M latin-1 .dat files alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-'));
    writeFileSync(join(dir, 'movies.csv'), 'movieId,title,genres\r\n29,"City of Lost Children, The (1995)",Drama|Sci-Fi\r\n');
    writeFileSync(join(dir, 'movies.dat'), Buffer.from("29::Cité, La (1995)::Children's|Drama\n", 'latin1'));
    writeFileSync(join(dir, 'ratings.dat'), '1::29::5::978300760\n1::30::4::978300760\n1::31::3::978300700\n');
    expect(readMovies(join(dir, 'movies.csv'))).toEqual([{ id: 29, title: 'City of Lost Children, The (1995)', genres: ['Drama', 'Sci-Fi'] }]);
    expect(readMovies(join(dir, 'movies.dat'))).toEqual([{ id: 29, title: 'Cité, La (1995)', genres: ["Children's", 'Drama'] }]);
    const seq = sequences(readRatings(join(dir, 'ratings.dat'))).get(1) ?? [];
    // Sorted by time; the two equal timestamps keep file order.
    expect(seq.map((r) => r.item)).toEqual([31, 29, 30]);
  });
});

describe('EASE baseline', () => {
  it('inverts an SPD matrix', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const inv = Float64Array.from(a);
    invertSpd(inv, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += (a[i * 3 + k] as number) * (inv[k * 3 + j] as number);
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('scores co-watched items above unrelated ones, with a zero diagonal', () => {
    const b = fitEase(
      [
        [0, 1],
        [0, 1],
        [0, 1],
        [2, 3],
      ],
      4,
      0.5,
    );
    expect(b[0]).toBe(0);
    const s = easeScores(b, 4, [0], new Float32Array(4));
    expect(s[1]).toBeGreaterThan(s[2] as number);
    expect(s[1]).toBeGreaterThan(s[3] as number);
  });
});
